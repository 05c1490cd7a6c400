package kafka_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/kafka"
)

// TestBadInputProducer calls every Producer method with bad arguments on an
// open producer, then every method on a closed one.
func TestBadInputProducer(t *testing.T) {
	t.Parallel()
	mc := mockCluster(t)
	p := must[*kafka.Producer](t)(kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": mc.BootstrapServers(), "message.max.bytes": 10_000}))
	defer p.Close()
	tx := must[*kafka.Producer](t)(kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": mc.BootstrapServers(), "transactional.id": "tx"}))
	defer tx.Close()
	ctx := context.Background()
	topic, empty, unknown := "t", "", "unknown"
	msg := func(topic *string, partition int32) *kafka.Message {
		return &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: topic, Partition: partition}}
	}
	dc := make(chan kafka.Event, 100)
	// Learn the topic's partition count first, as librdkafka has by the time
	// an application produces to a partition that does not exist.
	require.NoError(t, p.Produce(msg(&topic, 0), dc))
	require.Zero(t, p.Flush(10_000))
	require.NoError(t, (<-dc).(*kafka.Message).TopicPartition.Error)

	invalid, unknownPartition, notConfigured := kafka.ErrInvalidArg, kafka.ErrUnknownPartition, kafka.ErrNotConfigured
	notTxn := "The Transactional API requires transactional.id to be configured"
	runBad(t, []badCase{
		{"Produce nil message", func() error { return p.Produce(nil, dc) }, failsText(invalid, "Local: Invalid argument or configuration")},
		{"Produce nil topic", func() error { return p.Produce(&kafka.Message{}, dc) }, fails(invalid)},
		{"Produce empty topic", func() error { return p.Produce(msg(&empty, 0), dc) }, fails(invalid)},
		{"Produce negative partition", func() error { return p.Produce(msg(&topic, -5), dc) }, fails(unknownPartition)},
		// Deviation in timing only: librdkafka accepts this message while it
		// knows nothing of the topic and fails its delivery report with the
		// same code; purekafka knows at once that -5 is no partition.
		{"Produce negative partition, unknown topic", func() error { return p.Produce(msg(&unknown, -5), dc) }, fails(unknownPartition)},
		{"Produce huge partition", func() error { return p.Produce(msg(&topic, 1<<30), dc) }, fails(unknownPartition)},
		{"Produce huge value", func() error {
			m := msg(&topic, kafka.PartitionAny)
			m.Value = make([]byte, 20_000)
			return p.Produce(m, dc)
		}, failsText(kafka.ErrMsgSizeTooLarge, "Broker: Message size too large")},
		{"Produce huge header", func() error {
			m := msg(&topic, kafka.PartitionAny)
			m.Headers = []kafka.Header{{Key: "h", Value: make([]byte, 20_000)}}
			return p.Produce(m, dc)
		}, fails(kafka.ErrMsgSizeTooLarge)},
		{"Produce empty header, nil key and value, nil channel", func() error {
			m := msg(&topic, 0)
			m.Headers = []kafka.Header{{}}
			err := p.Produce(m, nil)
			select { // the report goes to Events, which Flush would wait on
			case ev := <-p.Events():
				assert.NoError(t, ev.(*kafka.Message).TopicPartition.Error)
			case <-time.After(30 * time.Second):
				t.Error("no delivery report on Events")
			}
			return err
		}, ok()},
		{"Flush negative", func() error { assert.Zero(t, p.Flush(-1)); return nil }, ok()},
		{"Flush MinInt", func() error { assert.Zero(t, p.Flush(math.MinInt)); return nil }, ok()},
		{"Flush MaxInt with nothing queued", func() error { assert.Zero(t, p.Flush(math.MaxInt)); return nil }, ok()},
		{"Len", func() error { assert.GreaterOrEqual(t, p.Len(), 0); return nil }, ok()},
		{"Purge negative", func() error { return p.Purge(-1) }, fails(invalid)},
		{"Purge zero", func() error { return p.Purge(0) }, ok()},
		{"Purge huge", func() error { return p.Purge(1 << 20) }, fails(invalid)},
		{"GetMetadata nil topic, infinite timeout", func() error { _, err := p.GetMetadata(nil, false, -1); return err }, ok()},
		{"GetMetadata empty topic", func() error { _, err := p.GetMetadata(&empty, false, 1000); return err }, ok()},
		{"GetMetadata zero timeout", func() error { _, err := p.GetMetadata(nil, true, 0); return err }, fails(kafka.ErrTimedOut)},
		// librdkafka's mock cluster answers the empty topic with a malformed
		// response (ErrBadMsg); a real broker has no such partition.
		{"QueryWatermarkOffsets empty topic", func() error { _, _, err := p.QueryWatermarkOffsets("", 0, 1000); return err }, noPanic()},
		{"QueryWatermarkOffsets negative partition", func() error { _, _, err := p.QueryWatermarkOffsets("t", -1, 1000); return err }, fails(unknownPartition)},
		{"QueryWatermarkOffsets huge partition", func() error { _, _, err := p.QueryWatermarkOffsets("t", 1<<30, 1000); return err }, fails(unknownPartition)},
		{"QueryWatermarkOffsets huge timeout", func() error { _, _, err := p.QueryWatermarkOffsets("t", 0, math.MaxInt); return err }, ok()},
		{"OffsetsForTimes nil", func() error { _, err := p.OffsetsForTimes(nil, 1000); return err }, fails(invalid)},
		// confluent panics (it dereferences the nil Topic); the partition's
		// Error says so here.
		{"OffsetsForTimes nil topic", func() error {
			res, err := p.OffsetsForTimes([]kafka.TopicPartition{{}}, 1000)
			require.Len(t, res, 1)
			assert.Error(t, res[0].Error)
			return err
		}, ok()},
		{"OffsetsForTimes negative partition", func() error {
			_, err := p.OffsetsForTimes([]kafka.TopicPartition{{Topic: &topic, Partition: -1}}, 1000)
			return err
		}, fails(unknownPartition)},
		{"GetFatalError", p.GetFatalError, ok()},
		{"SetOAuthBearerToken zero, not configured", func() error { return p.SetOAuthBearerToken(kafka.OAuthBearerToken{}) },
			failsText(kafka.ErrState, "SASL/OAUTHBEARER is not the configured authentication mechanism")},
		{"SetOAuthBearerTokenFailure empty, not configured", func() error { return p.SetOAuthBearerTokenFailure("") }, fails(kafka.ErrState)},
		{"SetSaslCredentials empty", func() error { return p.SetSaslCredentials("", "") }, ok()},
		//nolint:staticcheck // a nil context is the bad input
		{"InitTransactions nil context, not transactional", func() error { return p.InitTransactions(nil) }, failsText(notConfigured, notTxn)},
		{"BeginTransaction, not transactional", p.BeginTransaction, failsText(notConfigured, notTxn)},
		// confluent panics on the nil metadata before it looks at the
		// configuration; purekafka reports the missing transactional.id.
		{"SendOffsetsToTransaction nil, not transactional", func() error { return p.SendOffsetsToTransaction(ctx, nil, nil) }, fails(notConfigured)},
		//nolint:staticcheck // a nil context is the bad input
		{"CommitTransaction nil context, not transactional", func() error { return p.CommitTransaction(nil) }, fails(notConfigured)},
		{"AbortTransaction, not transactional", func() error { return p.AbortTransaction(ctx) }, fails(notConfigured)},
		{"BeginTransaction before InitTransactions", tx.BeginTransaction, failsText(kafka.ErrState, "Operation not valid in state Init")},
		{"CommitTransaction before InitTransactions", func() error { return tx.CommitTransaction(ctx) },
			failsText(kafka.ErrState, "Operation not valid in state Init")},
		{"Produce before InitTransactions", func() error { return tx.Produce(msg(&topic, 0), nil) }, fails(kafka.ErrState)},
		// confluent panics (nil metadata dereference); documented ErrInvalidArg here.
		{"SendOffsetsToTransaction nil metadata", func() error { return tx.SendOffsetsToTransaction(ctx, nil, nil) }, fails(invalid)},
		{"InitTransactions expired context", func() error {
			c, cancel := context.WithTimeout(ctx, -time.Second)
			defer cancel()
			return tx.InitTransactions(c)
		}, fails(kafka.ErrTimedOut)},
		{"Events, Logs, ProduceChannel, String", func() error {
			assert.NotNil(t, p.Events())
			assert.Nil(t, p.Logs(), "no log channel unless go.logs.channel.enable")
			assert.NotNil(t, p.ProduceChannel()) //nolint:staticcheck // deprecated, still public
			assert.True(t, strings.Contains(p.String(), "#producer-"))
			assert.False(t, p.IsClosed())
			return nil
		}, ok()},
	})

	closed := must[*kafka.Producer](t)(kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": mc.BootstrapServers()}))
	closed.Close()
	md, err := kafka.NewTestConsumerGroupMetadata("g")
	require.NoError(t, err)
	runBad(t, []badCase{
		{"Close again", func() error { closed.Close(); return nil }, ok()},
		{"Produce", func() error { return closed.Produce(msg(&topic, 0), nil) }, closedErr},
		{"Produce nil", func() error { return closed.Produce(nil, nil) }, closedErr},
		{"Flush", func() error { assert.Zero(t, closed.Flush(100)); return nil }, ok()},
		// confluent reads the destroyed handle here (undefined behaviour);
		// purekafka counts what is left, nothing.
		{"Len", func() error { assert.Zero(t, closed.Len()); return nil }, ok()},
		{"Purge", func() error { return closed.Purge(kafka.PurgeQueue) }, closedErr},
		{"GetMetadata", func() error { _, err := closed.GetMetadata(nil, true, 100); return err }, closedErr},
		{"QueryWatermarkOffsets", func() error { _, _, err := closed.QueryWatermarkOffsets("t", 0, 100); return err }, closedErr},
		{"OffsetsForTimes", func() error { _, err := closed.OffsetsForTimes(nil, 100); return err }, closedErr},
		{"GetFatalError", closed.GetFatalError, closedErr},
		{"SetOAuthBearerToken", func() error { return closed.SetOAuthBearerToken(kafka.OAuthBearerToken{}) }, closedErr},
		{"SetOAuthBearerTokenFailure", func() error { return closed.SetOAuthBearerTokenFailure("x") }, closedErr},
		{"SetSaslCredentials", func() error { return closed.SetSaslCredentials("a", "b") }, closedErr},
		{"InitTransactions", func() error { return closed.InitTransactions(ctx) }, closedErr},
		{"BeginTransaction", closed.BeginTransaction, closedErr},
		{"SendOffsetsToTransaction", func() error { return closed.SendOffsetsToTransaction(ctx, nil, md) }, closedErr},
		{"CommitTransaction", func() error { return closed.CommitTransaction(ctx) }, closedErr},
		{"AbortTransaction", func() error { return closed.AbortTransaction(ctx) }, closedErr},
		{"IsClosed, String, Events closed", func() error {
			assert.True(t, closed.IsClosed())
			assert.True(t, strings.Contains(closed.String(), "#producer-"))
			_, open := <-closed.Events()
			assert.False(t, open, "Close closes Events")
			return nil
		}, ok()},
	})
}
