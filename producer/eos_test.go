package producer_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestExactlyOnceConsumeTransformProduce runs confluent's exactly-once loop
// (Consumer -> transactional Producer with SendOffsetsToTransaction) over
// 100,000 input messages, crashes it (Close without committing) in the middle
// of a transaction at a random point, restarts it, and checks that a
// read_committed reader of the output sees every input exactly once.
func TestExactlyOnceConsumeTransformProduce(t *testing.T) {
	t.Parallel()
	const n, partitions, batch = 100_000, 3, 1000
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		in, out := c.CreateTopic(t, partitions), c.CreateTopic(t, partitions)
		group, txnID := kafkatest.UniqueName(t, "g"), kafkatest.UniqueName(t, "txn")

		p := newProducer(t, c, kafka.ConfigMap{"go.delivery.reports": false})
		for i := range n {
			require.NoError(t, p.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &in, Partition: int32(i % partitions)},
				Value:          []byte(strconv.Itoa(i)),
			}, nil))
		}
		require.Equal(t, 0, p.Flush(60_000))

		crashAt := n/4 + rand.IntN(n/2)
		done := runEOS(t, c, in, out, group, txnID, n, batch, crashAt)
		require.False(t, done, "the first run crashes at input %d", crashAt)
		require.True(t, runEOS(t, c, in, out, group, txnID, n, batch, -1), "the restarted run finishes")

		seen := make([]int, n)
		for _, v := range readCommitted(t, c, out, n) {
			i, err := strconv.Atoi(v)
			require.NoError(t, err)
			seen[i]++
		}
		lost, dups := 0, 0
		for _, k := range seen {
			switch {
			case k == 0:
				lost++
			case k > 1:
				dups += k - 1
			}
		}
		fmt.Printf("exactly-once (%s): input %d, crash at %d, output read_committed: lost %d, duplicated %d\n",
			c.Name, n, crashAt, lost, dups)
		assert.Zero(t, lost)
		assert.Zero(t, dups)
	})
}

// runEOS processes input until every input offset is committed (true) or,
// when crashAt >= 0, until that many messages were processed, where it stops
// in the middle of a transaction without committing (false).
func runEOS(t *testing.T, c *kafkatest.Cluster, in, out, group, txnID string, n, batch, crashAt int) bool {
	t.Helper()
	ctx := context.Background()
	cons, err := kafka.NewConsumer(&kafka.ConfigMap{
		"bootstrap.servers": c.Bootstrap, "group.id": group, "auto.offset.reset": "earliest",
		"enable.auto.commit": false, "isolation.level": "read_committed",
	})
	require.NoError(t, err)
	defer func() { _ = cons.Close() }() // a crash leaves without committing; Close itself is not under test
	prod, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "transactional.id": txnID})
	require.NoError(t, err)
	defer prod.Close()
	require.NoError(t, prod.InitTransactions(ctx))
	require.NoError(t, cons.SubscribeTopics([]string{in}, nil))

	processed := 0
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		require.NoError(t, prod.BeginTransaction())
		got := 0
		for got < batch {
			ev := cons.Poll(100)
			if ev == nil {
				break
			}
			m, ok := ev.(*kafka.Message)
			if !ok {
				continue
			}
			require.NoError(t, prod.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &out, Partition: m.TopicPartition.Partition},
				Value:          m.Value,
			}, nil))
			got++
			processed++
			if processed == crashAt {
				return false // deferred Close: no commit, the transaction stays open
			}
		}
		assignment, err := cons.Assignment()
		require.NoError(t, err)
		positions, err := cons.Position(assignment)
		require.NoError(t, err)
		md, err := cons.GetConsumerGroupMetadata()
		require.NoError(t, err)
		require.NoError(t, prod.SendOffsetsToTransaction(ctx, positions, md))
		require.NoError(t, prod.CommitTransaction(ctx))

		// Position is unset for a partition nothing was read from in this
		// run (librdkafka's semantics), so progress is judged by what the
		// group has committed.
		committed, err := cons.Committed(assignment, 10_000)
		require.NoError(t, err)
		if len(committed) == 3 && sumOffsets(committed) == n {
			return true
		}
	}
	t.Fatalf("no progress to %d inputs within 2 minutes (processed %d)", n, processed)
	return false
}

func sumOffsets(tps []kafka.TopicPartition) int {
	sum := 0
	for _, tp := range tps {
		if tp.Offset > 0 {
			sum += int(tp.Offset)
		}
	}
	return sum
}

// readCommitted reads n values of topic at read_committed, and then makes
// sure nothing more is there.
func readCommitted(t *testing.T, c *kafkatest.Cluster, topic string, n int) []string {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	require.NoError(t, err)
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out []string
	for len(out) < n {
		fs := cl.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "read %d of %d", len(out), n)
		fs.EachRecord(func(r *kgo.Record) { out = append(out, string(r.Value)) })
	}
	// Anything beyond n is a duplicate; give it a moment to show up.
	extra, cancelExtra := context.WithTimeout(context.Background(), time.Second)
	defer cancelExtra()
	cl.PollFetches(extra).EachRecord(func(r *kgo.Record) { out = append(out, string(r.Value)) })
	return out
}
