package kafka_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/kafka"
)

// TestBadInputConsumer calls every Consumer method with bad arguments on an
// open consumer, then every method on a closed one.
func TestBadInputConsumer(t *testing.T) {
	t.Parallel()
	mc := mockCluster(t)
	c := must[*kafka.Consumer](t)(kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": mc.BootstrapServers(), "group.id": "g"}))
	defer func() { _ = c.Close() }()
	topic := "t"
	tp := func(p int32, o kafka.Offset) kafka.TopicPartition {
		return kafka.TopicPartition{Topic: &topic, Partition: p, Offset: o}
	}
	one := func(tp kafka.TopicPartition) []kafka.TopicPartition { return []kafka.TopicPartition{tp} }
	nilTopic := one(kafka.TopicPartition{})
	minusOne := int32(-1)

	invalid, noOffset := kafka.ErrInvalidArg, kafka.ErrNoOffset
	runBad(t, []badCase{
		{"Subscribe empty topic", func() error { return c.Subscribe("", nil) }, failsText(invalid, "Local: Invalid argument or configuration")},
		{"SubscribeTopics nil", func() error { return c.SubscribeTopics(nil, nil) }, fails(invalid)},
		{"SubscribeTopics bad regex", func() error { return c.SubscribeTopics([]string{"^["}, nil) }, fails(invalid)},
		{"Subscription none", func() error {
			topics, err := c.Subscription()
			assert.Empty(t, topics)
			return err
		}, ok()},
		{"Unsubscribe without subscription", c.Unsubscribe, ok()},
		{"Unsubscribe twice", c.Unsubscribe, ok()},
		{"Assign nil", func() error { return c.Assign(nil) }, ok()},
		// confluent panics (it dereferences the nil Topic); such a partition
		// is skipped here. The same for every nil-Topic row below.
		{"Assign nil topic", func() error { return c.Assign(nilTopic) }, ok()},
		{"Assign negative partition", func() error { return c.Assign(one(tp(-1, kafka.OffsetBeginning))) }, ok()},
		{"Assign bogus logical offset", func() error { return c.Assign(one(tp(0, -12345))) }, ok()},
		{"Assignment", func() error { _, err := c.Assignment(); return err }, ok()},
		{"Unassign", c.Unassign, ok()},
		{"IncrementalAssign nil", func() error { return c.IncrementalAssign(nil) }, ok()},
		{"IncrementalAssign nil topic", func() error { return c.IncrementalAssign(nilTopic) }, ok()},
		{"IncrementalUnassign nil", func() error { return c.IncrementalUnassign(nil) }, ok()},
		// Same code; librdkafka's text differs by case ("Can't subtract from
		// empty assignment" when nothing at all is assigned).
		{"IncrementalUnassign not assigned", func() error { return c.IncrementalUnassign(one(tp(2, 0))) }, fails(invalid)},
		{"Commit with nothing stored", func() error { _, err := c.Commit(); return err }, failsText(noOffset, "Local: No offset stored")},
		// A nil message is dereferenced, in confluent too.
		{"CommitMessage nil", func() error { _, err := c.CommitMessage(nil); return err }, panics()},
		{"CommitMessage errored", func() error {
			_, err := c.CommitMessage(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Error: kafka.NewError(1, "", false)}})
			return err
		}, failsText(invalid, "Can't commit errored message")},
		{"CommitOffsets nil", func() error { _, err := c.CommitOffsets(nil); return err }, fails(noOffset)},
		{"CommitOffsets nil topic", func() error { _, err := c.CommitOffsets(nilTopic); return err }, fails(noOffset)},
		{"CommitOffsets negative", func() error { _, err := c.CommitOffsets(one(tp(0, -5))); return err }, fails(noOffset)},
		{"StoreOffsets nil", func() error { _, err := c.StoreOffsets(nil); return err }, fails(invalid)},
		{"StoreOffsets nil topic", func() error { _, err := c.StoreOffsets(nilTopic); return err }, fails(invalid)},
		{"StoreOffsets unassigned", func() error { _, err := c.StoreOffsets(one(tp(0, 5))); return err }, fails(invalid)},
		{"StoreMessage nil", func() error { _, err := c.StoreMessage(nil); return err }, panics()}, // as CommitMessage
		{"StoreMessage negative offset", func() error { _, err := c.StoreMessage(&kafka.Message{TopicPartition: tp(0, -1)}); return err },
			failsText(invalid, "Can't store message with offset less than 0")},
		{"StoreMessage negative epoch", func() error {
			m := &kafka.Message{TopicPartition: tp(0, 5)}
			m.TopicPartition.LeaderEpoch = &minusOne
			_, err := c.StoreMessage(m)
			return err
		}, failsText(invalid, "Can't store message with leader epoch less than 0")},
		// confluent panics (it dereferences the nil Topic); documented ErrInvalidArg here.
		{"Seek nil topic", func() error { return c.Seek(kafka.TopicPartition{}, 0) }, fails(invalid)}, //nolint:staticcheck // deprecated, still public
		// librdkafka says ErrUnknownPartition instead until it has the
		// topic's metadata (compat/scenarios_badinput_test.go).
		{"Seek unassigned", func() error { return c.Seek(tp(0, 5), -1) }, fails(kafka.ErrState)}, //nolint:staticcheck // deprecated, still public
		{"SeekPartitions nil", func() error { _, err := c.SeekPartitions(nil); return err }, failsText(invalid, "partitions must be specified")},
		{"SeekPartitions nil topic", func() error {
			res, err := c.SeekPartitions(nilTopic)
			require.Len(t, res, 1)
			assert.Error(t, res[0].Error)
			return err
		}, ok()},
		{"SeekPartitions unassigned", func() error {
			res, err := c.SeekPartitions(one(tp(0, 5)))
			require.Len(t, res, 1)
			assert.Equal(t, kafka.ErrState, res[0].Error.(kafka.Error).Code())
			return err
		}, ok()},
		// Poll(math.MinInt) is left out: confluent's C int conversion turns it
		// into 0 (return at once), purekafka into "wait indefinitely", which
		// is what its documentation and confluent's say a negative timeout does.
		{"Poll zero", func() error { assert.Nil(t, c.Poll(0)); return nil }, ok()},
		{"ReadMessage zero", func() error { _, err := c.ReadMessage(0); return err }, fails(kafka.ErrTimedOut)},
		{"Committed nil", func() error {
			res, err := c.Committed(nil, 1000)
			assert.Empty(t, res)
			return err
		}, ok()},
		{"Committed nil topic", func() error { _, err := c.Committed(nilTopic, 1000); return err }, noPanic()},
		{"Committed zero timeout", func() error { _, err := c.Committed(one(tp(0, 0)), 0); return err }, fails(kafka.ErrTimedOut)},
		{"Position nil", func() error { _, err := c.Position(nil); return err }, ok()},
		{"Position nil topic", func() error { _, err := c.Position(nilTopic); return err }, ok()},
		{"Position unassigned", func() error {
			res, err := c.Position(one(tp(0, 0)))
			require.Len(t, res, 1)
			assert.Equal(t, kafka.OffsetInvalid, res[0].Offset)
			return err
		}, ok()},
		{"Pause nil", func() error { return c.Pause(nil) }, ok()},
		{"Pause nil topic", func() error { return c.Pause(nilTopic) }, ok()},
		{"Pause unassigned", func() error { return c.Pause(one(tp(0, 0))) }, ok()},
		{"Resume nil", func() error { return c.Resume(nil) }, ok()},
		{"Resume unassigned", func() error { return c.Resume(one(tp(0, 0))) }, ok()},
		{"GetWatermarkOffsets unknown", func() error {
			low, high, err := c.GetWatermarkOffsets("", -1)
			assert.Equal(t, pairs(int64(kafka.OffsetInvalid), int64(kafka.OffsetInvalid)), pairs(low, high))
			return err
		}, ok()},
		{"QueryWatermarkOffsets huge partition", func() error { _, _, err := c.QueryWatermarkOffsets("t", 1<<30, 1000); return err },
			fails(kafka.ErrUnknownPartition)},
		{"QueryWatermarkOffsets huge timeout", func() error { _, _, err := c.QueryWatermarkOffsets("t", 0, math.MaxInt); return err }, ok()},
		{"OffsetsForTimes nil", func() error { _, err := c.OffsetsForTimes(nil, 1000); return err }, fails(invalid)},
		{"GetMetadata nil, infinite timeout", func() error { _, err := c.GetMetadata(nil, false, -1); return err }, ok()},
		{"GetConsumerGroupMetadata", func() error { md, err := c.GetConsumerGroupMetadata(); assert.NotNil(t, md); return err }, ok()},
		{"GetRebalanceProtocol, AssignmentLost, Events, Logs, String", func() error {
			assert.Equal(t, "NONE", c.GetRebalanceProtocol())
			assert.False(t, c.AssignmentLost())
			assert.Nil(t, c.Events(), "no Events channel unless go.events.channel.enable") //nolint:staticcheck // deprecated, still public
			assert.Nil(t, c.Logs())
			assert.True(t, strings.Contains(c.String(), "#consumer-"))
			return nil
		}, ok()},
		{"SetOAuthBearerToken zero, not configured", func() error { return c.SetOAuthBearerToken(kafka.OAuthBearerToken{}) }, fails(kafka.ErrState)},
		{"SetOAuthBearerTokenFailure empty, not configured", func() error { return c.SetOAuthBearerTokenFailure("") }, fails(kafka.ErrState)},
		{"SetSaslCredentials empty", func() error { return c.SetSaslCredentials("", "") }, ok()},
	})

	closed := must[*kafka.Consumer](t)(kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": mc.BootstrapServers(), "group.id": "g"}))
	require.NoError(t, closed.Close())
	runBad(t, []badCase{
		{"Close again", closed.Close, closedErr},
		{"Subscribe", func() error { return closed.Subscribe("t", nil) }, closedErr},
		{"SubscribeTopics", func() error { return closed.SubscribeTopics([]string{"t"}, nil) }, closedErr},
		{"Unsubscribe", closed.Unsubscribe, closedErr},
		{"Assign", func() error { return closed.Assign(nil) }, closedErr},
		{"Unassign", closed.Unassign, closedErr},
		{"IncrementalAssign", func() error { return closed.IncrementalAssign(nil) }, closedErr},
		{"IncrementalUnassign", func() error { return closed.IncrementalUnassign(nil) }, closedErr},
		{"Subscription", func() error { _, err := closed.Subscription(); return err }, closedErr},
		{"Assignment", func() error { _, err := closed.Assignment(); return err }, closedErr},
		{"Commit", func() error { _, err := closed.Commit(); return err }, closedErr},
		{"CommitMessage nil", func() error { _, err := closed.CommitMessage(nil); return err }, closedErr},
		{"CommitOffsets", func() error { _, err := closed.CommitOffsets(nil); return err }, closedErr},
		{"StoreOffsets", func() error { _, err := closed.StoreOffsets(nil); return err }, closedErr},
		{"StoreMessage nil", func() error { _, err := closed.StoreMessage(nil); return err }, closedErr},
		{"Seek", func() error { return closed.Seek(kafka.TopicPartition{}, 0) }, closedErr}, //nolint:staticcheck // deprecated, still public
		{"SeekPartitions", func() error { _, err := closed.SeekPartitions(nil); return err }, closedErr},
		{"ReadMessage", func() error { _, err := closed.ReadMessage(time.Millisecond); return err }, closedErr},
		{"GetMetadata", func() error { _, err := closed.GetMetadata(nil, true, 100); return err }, closedErr},
		{"QueryWatermarkOffsets", func() error { _, _, err := closed.QueryWatermarkOffsets("t", 0, 100); return err }, closedErr},
		{"GetWatermarkOffsets", func() error { _, _, err := closed.GetWatermarkOffsets("t", 0); return err }, closedErr},
		{"OffsetsForTimes", func() error { _, err := closed.OffsetsForTimes(nil, 100); return err }, closedErr},
		{"Committed", func() error { _, err := closed.Committed(nil, 100); return err }, closedErr},
		{"Position", func() error { _, err := closed.Position(nil); return err }, closedErr},
		{"Pause", func() error { return closed.Pause(nil) }, closedErr},
		{"Resume", func() error { return closed.Resume(nil) }, closedErr},
		{"SetOAuthBearerToken", func() error { return closed.SetOAuthBearerToken(kafka.OAuthBearerToken{}) }, closedErr},
		{"SetOAuthBearerTokenFailure", func() error { return closed.SetOAuthBearerTokenFailure("x") }, closedErr},
		{"SetSaslCredentials", func() error { return closed.SetSaslCredentials("a", "b") }, closedErr},
		{"GetConsumerGroupMetadata", func() error { _, err := closed.GetConsumerGroupMetadata(); return err }, closedErr},
		// These read the destroyed handle in confluent (undefined
		// behaviour); purekafka answers as for an idle consumer.
		{"Poll, GetRebalanceProtocol, AssignmentLost, IsClosed, String", func() error {
			assert.Nil(t, closed.Poll(10))
			assert.Equal(t, "NONE", closed.GetRebalanceProtocol())
			assert.False(t, closed.AssignmentLost())
			assert.True(t, closed.IsClosed())
			assert.True(t, strings.Contains(closed.String(), "#consumer-"))
			return nil
		}, ok()},
	})
}
