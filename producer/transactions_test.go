package producer_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

func codeOf(t *testing.T, err error) kafka.ErrorCode {
	t.Helper()
	require.Error(t, err)
	var kerr kafka.Error
	require.ErrorAs(t, err, &kerr)
	return kerr.Code()
}

func TestTransactionsBadInput(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewFake(t)
	ctx := context.Background()

	plain := newProducer(t, c, nil)
	assert.Equal(t, kafka.ErrNotConfigured, codeOf(t, plain.InitTransactions(ctx)))
	assert.Equal(t, kafka.ErrNotConfigured, codeOf(t, plain.BeginTransaction()))
	assert.Equal(t, kafka.ErrNotConfigured, codeOf(t, plain.CommitTransaction(ctx)))

	topic := c.CreateTopic(t, 1)
	p := newProducer(t, c, kafka.ConfigMap{"transactional.id": kafkatest.UniqueName(t, "txn")})
	msg := &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny}}
	assert.Equal(t, kafka.ErrState, codeOf(t, p.BeginTransaction()), "Begin before Init")
	assert.Equal(t, kafka.ErrState, codeOf(t, p.Produce(msg, nil)), "Produce outside a transaction")
	require.NoError(t, p.InitTransactions(ctx))
	assert.Equal(t, kafka.ErrState, codeOf(t, p.InitTransactions(ctx)), "Init twice")
	assert.Equal(t, kafka.ErrState, codeOf(t, p.CommitTransaction(ctx)), "Commit without Begin")
	assert.Equal(t, kafka.ErrState, codeOf(t, p.AbortTransaction(ctx)), "Abort without Begin")
	require.NoError(t, p.BeginTransaction())
	assert.Equal(t, kafka.ErrState, codeOf(t, p.BeginTransaction()), "Begin twice")
	assert.Equal(t, kafka.ErrInvalidArg, codeOf(t, p.SendOffsetsToTransaction(ctx, nil, nil)))
	require.NoError(t, p.AbortTransaction(ctx))
}

// readUntilEnd returns the values of partition 0 of topic visible at the
// isolation level, up to the value "END" that each test commits last.
func readUntilEnd(t *testing.T, c *kafkatest.Cluster, topic string, level kgo.IsolationLevel) []string {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchIsolationLevel(level))
	require.NoError(t, err)
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out []string
	for {
		fs := cl.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "no END after %v", out)
		for _, r := range fs.Records() {
			if string(r.Value) == "END" {
				return out
			}
			out = append(out, string(r.Value))
		}
	}
}

// commitEnd writes the END marker in a committed transaction of p.
func commitEnd(t *testing.T, p *kafka.Producer, topic string) {
	t.Helper()
	require.NoError(t, p.BeginTransaction())
	require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte("END")}, nil))
	require.NoError(t, p.CommitTransaction(context.Background()))
}

func TestTransactionCommitAndAbort(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		ctx := context.Background()
		topic := c.CreateTopic(t, 1)
		p := newProducer(t, c, kafka.ConfigMap{"transactional.id": kafkatest.UniqueName(t, "txn"), "go.delivery.reports": false})
		require.NoError(t, p.InitTransactions(ctx))
		produce := func(v string) {
			require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte(v)}, nil))
		}

		require.NoError(t, p.BeginTransaction())
		produce("committed-1")
		produce("committed-2")
		require.NoError(t, p.CommitTransaction(ctx))

		require.NoError(t, p.BeginTransaction())
		dc := make(chan kafka.Event, 1)
		require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte("aborted")}, dc))
		require.Equal(t, 0, p.Flush(10_000))
		require.NoError(t, waitReport(t, dc).TopicPartition.Error, "the aborted message reached the broker first")
		require.NoError(t, p.AbortTransaction(ctx))

		require.NoError(t, p.BeginTransaction())
		produce("committed-3")
		require.NoError(t, p.CommitTransaction(ctx))
		commitEnd(t, p, topic)

		assert.Equal(t, []string{"committed-1", "committed-2", "committed-3"}, readUntilEnd(t, c, topic, kgo.ReadCommitted()))
		assert.Equal(t, []string{"committed-1", "committed-2", "aborted", "committed-3"}, readUntilEnd(t, c, topic, kgo.ReadUncommitted()))
	})
}

func TestSendOffsetsToTransaction(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		ctx := context.Background()
		in, out := c.CreateTopic(t, 2), c.CreateTopic(t, 1)
		group := kafkatest.UniqueName(t, "g")
		md, err := kafka.NewTestConsumerGroupMetadata(group)
		require.NoError(t, err)
		p := newProducer(t, c, kafka.ConfigMap{"transactional.id": kafkatest.UniqueName(t, "txn")})
		require.NoError(t, p.InitTransactions(ctx))
		// The coordinator writes the transaction's markers after EndTxn
		// returns, so committed offsets appear shortly after the commit;
		// wait for the expected value (or give up and show what is there).
		committed := func(want map[int32]int64) map[int32]int64 {
			var got map[int32]int64
			for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				resp, err := c.Admin(t).FetchOffsets(ctx, group)
				require.NoError(t, err)
				got = map[int32]int64{}
				resp.Each(func(o kadm.OffsetResponse) { got[o.Partition] = o.At })
				if assert.ObjectsAreEqual(want, got) {
					break
				}
			}
			return got
		}

		// Records and offsets in one transaction, then an aborted one,
		// then a transaction holding only offsets.
		require.NoError(t, p.BeginTransaction())
		require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &out, Partition: 0}, Value: []byte("x")}, nil))
		require.NoError(t, p.SendOffsetsToTransaction(ctx, []kafka.TopicPartition{{Topic: &in, Partition: 0, Offset: 5}}, md))
		require.NoError(t, p.CommitTransaction(ctx))
		assert.Equal(t, map[int32]int64{0: 5}, committed(map[int32]int64{0: 5}))

		require.NoError(t, p.BeginTransaction())
		require.NoError(t, p.SendOffsetsToTransaction(ctx, []kafka.TopicPartition{{Topic: &in, Partition: 0, Offset: 9}}, md))
		require.NoError(t, p.AbortTransaction(ctx))
		assert.Equal(t, map[int32]int64{0: 5}, committed(map[int32]int64{0: 5}), "aborted offsets are not committed")

		require.NoError(t, p.BeginTransaction())
		require.NoError(t, p.SendOffsetsToTransaction(ctx, []kafka.TopicPartition{
			{Topic: &in, Partition: 0, Offset: 7}, {Topic: &in, Partition: 1, Offset: 3}}, md))
		require.NoError(t, p.CommitTransaction(ctx))
		assert.Equal(t, map[int32]int64{0: 7, 1: 3}, committed(map[int32]int64{0: 7, 1: 3}))

		// The producer is still usable for records afterwards.
		require.NoError(t, p.BeginTransaction())
		require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &out, Partition: 0}, Value: []byte("y")}, nil))
		require.NoError(t, p.CommitTransaction(ctx))
		commitEnd(t, p, out)
		assert.Equal(t, []string{"x", "y"}, readUntilEnd(t, c, out, kgo.ReadCommitted()))
	})
}

func TestTransactionZombieFencing(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		ctx := context.Background()
		topic := c.CreateTopic(t, 1)
		id := kafkatest.UniqueName(t, "txn")
		zombie := newProducer(t, c, kafka.ConfigMap{"transactional.id": id})
		require.NoError(t, zombie.InitTransactions(ctx))
		require.NoError(t, zombie.BeginTransaction())
		require.NoError(t, zombie.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte("zombie")}, nil))

		successor := newProducer(t, c, kafka.ConfigMap{"transactional.id": id})
		require.NoError(t, successor.InitTransactions(ctx), "the successor fences the zombie")

		err := zombie.CommitTransaction(ctx)
		require.Error(t, err)
		kerr := err.(kafka.Error)
		assert.True(t, kerr.IsFatal(), "fenced: %v", kerr)
		// The broker answers a fenced zombie's EndTxn with PRODUCER_FENCED or,
		// under transaction version 2, INVALID_TXN_STATE; librdkafka makes
		// both fatal.
		assert.Contains(t, []kafka.ErrorCode{kafka.ErrFenced, kafka.ErrInvalidTxnState}, kerr.Code())
		assert.Equal(t, kerr, zombie.GetFatalError())
		commitEnd(t, successor, topic)
		assert.Empty(t, readUntilEnd(t, c, topic, kgo.ReadCommitted()), "nothing the zombie wrote is visible")
	})
}
