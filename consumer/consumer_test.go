package consumer_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestPartitionEOF: one PartitionEOF per partition each time its end is
// reached, never repeated while no new data arrives.
func TestPartitionEOF(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		produce(t, c, topic, 2, 0, 10)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"enable.partition.eof": true})
		require.NoError(t, cons.Subscribe(topic, nil))

		eofs := map[int32][]kafka.Offset{}
		msgs := 0
		drain := func(wantMsgs int, wantEOF map[int32][]kafka.Offset) {
			t.Helper()
			pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
				switch e := ev.(type) {
				case *kafka.Message:
					msgs++
				case kafka.PartitionEOF:
					require.Equal(t, topic, *e.Topic)
					require.Equal(t, kafka.NewError(kafka.ErrPartitionEOF, "", false), e.Error, "as in confluent-kafka-go")
					eofs[e.Partition] = append(eofs[e.Partition], e.Offset)
				}
				return msgs == wantMsgs && len(eofs[0]) == len(wantEOF[0]) && len(eofs[1]) == len(wantEOF[1])
			})
			// No more EOFs while nothing new arrives.
			deadline := time.Now().Add(time.Second)
			for time.Now().Before(deadline) {
				ev := cons.Poll(100)
				_, isEOF := ev.(kafka.PartitionEOF)
				require.False(t, isEOF, "repeated EOF: %v", ev)
			}
			assert.Equal(t, wantEOF, eofs)
		}
		drain(10, map[int32][]kafka.Offset{0: {5}, 1: {5}})

		produce(t, c, topic, 2, 10, 2)
		drain(12, map[int32][]kafka.Offset{0: {5, 6}, 1: {5, 6}})
	})
}

// TestPartitionEOFAtStart: a partition whose fetching starts at its end
// (empty, assigned at the end or at its committed end offset, seeked to
// the end) reports PartitionEOF once, as librdkafka's first empty fetch
// does; one that starts before its end reports it only after its last
// message.
func TestPartitionEOFAtStart(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		full := c.CreateTopic(t, 1)
		produce(t, c, full, 1, 0, 3)
		empty := c.CreateTopic(t, 1)
		committedGroup := kafkatest.UniqueName(t, "g")
		committer := newConsumer(t, c, committedGroup, nil)
		_, err := committer.CommitOffsets([]kafka.TopicPartition{{Topic: &full, Partition: 0, Offset: 3}})
		require.NoError(t, err)
		require.NoError(t, committer.Close())

		for _, tc := range []struct {
			name      string
			topic     string
			group     string
			reset     string
			subscribe bool
			offset    kafka.Offset
			seek      kafka.Offset // applied after the first EOF when set
			wantMsgs  int
			wantEOF   []kafka.Offset
		}{
			{name: "empty partition assigned at beginning", topic: empty, offset: kafka.OffsetBeginning, wantEOF: []kafka.Offset{0}},
			{name: "empty partition subscribed", topic: empty, subscribe: true, reset: "earliest", wantEOF: []kafka.Offset{0}},
			{name: "assigned at end", topic: full, offset: kafka.OffsetEnd, wantEOF: []kafka.Offset{3}},
			{name: "assigned at the end offset", topic: full, offset: 3, wantEOF: []kafka.Offset{3}},
			{name: "subscribed with reset latest", topic: full, subscribe: true, reset: "latest", wantEOF: []kafka.Offset{3}},
			{name: "subscribed at committed end", topic: full, subscribe: true, group: committedGroup, wantEOF: []kafka.Offset{3}},
			{name: "assigned at committed end", topic: full, group: committedGroup, offset: kafka.OffsetStored, wantEOF: []kafka.Offset{3}},
			{name: "assigned before end", topic: full, offset: 1, wantMsgs: 2, wantEOF: []kafka.Offset{3}},
			{name: "seeked back to end", topic: full, offset: kafka.OffsetEnd, seek: 3, wantEOF: []kafka.Offset{3, 3}},
			{name: "assigned past the end, reset latest", topic: full, offset: 100, reset: "latest", wantEOF: []kafka.Offset{3}},
			{name: "assigned past the end, reset earliest", topic: full, offset: 100, reset: "earliest", wantMsgs: 3, wantEOF: []kafka.Offset{3}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				group := tc.group
				if group == "" {
					group = kafkatest.UniqueName(t, "g")
				}
				extra := kafka.ConfigMap{"enable.partition.eof": true}
				if tc.reset != "" {
					extra["auto.offset.reset"] = tc.reset
				}
				cons := newConsumer(t, c, group, extra)
				if tc.subscribe {
					require.NoError(t, cons.Subscribe(tc.topic, nil))
				} else {
					require.NoError(t, cons.Assign([]kafka.TopicPartition{{Topic: &tc.topic, Partition: 0, Offset: tc.offset}}))
				}
				var eofs []kafka.Offset
				msgs := 0
				seeked := tc.seek == 0
				var seen []string
				defer func() {
					if t.Failed() {
						t.Logf("events seen: %v", seen)
					}
				}()
				pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
					if ev != nil {
						seen = append(seen, ev.String())
					}
					switch e := ev.(type) {
					case *kafka.Message:
						msgs++
					case kafka.PartitionEOF:
						require.Equal(t, tc.topic, *e.Topic)
						eofs = append(eofs, e.Offset)
						if !seeked {
							seeked = true
							require.NoError(t, cons.Seek(kafka.TopicPartition{Topic: &tc.topic, Partition: 0, Offset: tc.seek}, 0))
						}
					case kafka.Error:
						t.Fatalf("unexpected error: %v", e)
					}
					return len(eofs) == len(tc.wantEOF)
				})
				// Nothing more while nothing new arrives.
				deadline := time.Now().Add(time.Second)
				for time.Now().Before(deadline) {
					switch ev := cons.Poll(100).(type) {
					case *kafka.Message, kafka.PartitionEOF:
						t.Fatalf("unexpected event after the end: %v", ev)
					}
				}
				assert.Equal(t, tc.wantMsgs, msgs)
				assert.Equal(t, tc.wantEOF, eofs)
			})
		}
	})
}

// TestOutOfRangeResetToEndKeepsNewMessages: an offset past the end is reset
// to the end (auto.offset.reset=latest) and reported there as PartitionEOF;
// a message written right after that EOF is the next message, as with
// librdkafka (franz-go, resetting on its own and later, would skip it).
func TestOutOfRangeResetToEndKeepsNewMessages(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 3)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"enable.partition.eof": true, "auto.offset.reset": "latest"})
		require.NoError(t, cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: 100}}))
		var eof kafka.PartitionEOF
		pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
			switch e := ev.(type) {
			case kafka.PartitionEOF:
				eof = e
				return true
			case *kafka.Message, kafka.Error:
				t.Fatalf("unexpected event before the end: %v", e)
			}
			return false
		})
		require.Equal(t, kafka.Offset(3), eof.Offset)
		produce(t, c, topic, 1, 3, 1)
		var got *kafka.Message
		pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
			if m, ok := ev.(*kafka.Message); ok {
				got = m
				return true
			}
			return false
		})
		assert.Equal(t, kafka.Offset(3), got.TopicPartition.Offset, "the message written after the EOF")
	})
}

// TestPartitionEOFAfterTransactionMarkers: when transaction markers end a
// partition, the fetch reaches the end past the last message, and
// PartitionEOF reports the end offset there (librdkafka). The markers are
// never messages, and Position stays after the last message.
func TestPartitionEOFAfterTransactionMarkers(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "transactional.id": kafkatest.UniqueName(t, "tx")})
		require.NoError(t, err)
		defer p.Close()
		ctx := context.Background()
		require.NoError(t, p.InitTransactions(ctx))
		reports := make(chan kafka.Event, 10)
		txn := func(values []string, commit bool) {
			require.NoError(t, p.BeginTransaction())
			for _, v := range values {
				require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte(v)}, reports))
			}
			if commit {
				require.NoError(t, p.CommitTransaction(ctx))
			} else {
				// written first: an abort purges what is not yet sent
				require.Zero(t, p.Flush(30_000))
				require.NoError(t, p.AbortTransaction(ctx))
			}
		}
		// offsets: 0 a, 1 b, 2 commit marker, 3 c (aborted), 4 abort marker
		txn([]string{"a", "b"}, true)
		txn([]string{"c"}, false)

		for _, tc := range []struct {
			isolation string
			want      []string
			position  kafka.Offset
		}{
			{"read_committed", []string{"a", "b"}, 2},
			{"read_uncommitted", []string{"a", "b", "c"}, 4},
		} {
			t.Run(tc.isolation, func(t *testing.T) {
				cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"enable.partition.eof": true, "isolation.level": tc.isolation})
				require.NoError(t, cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: kafka.OffsetBeginning}}))
				var got []string
				var eof kafka.Offset = -1
				pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
					switch e := ev.(type) {
					case *kafka.Message:
						require.Less(t, eof, kafka.Offset(0), "message after the end: %v", e)
						got = append(got, string(e.Value))
					case kafka.PartitionEOF:
						eof = e.Offset
					case kafka.Error:
						t.Fatalf("unexpected error: %v", e)
					}
					return eof >= 0
				})
				assert.Equal(t, tc.want, got)
				assert.Equal(t, kafka.Offset(5), eof, "the end is after the last marker")
				pos, err := cons.Position([]kafka.TopicPartition{{Topic: &topic, Partition: 0}})
				require.NoError(t, err)
				assert.Equal(t, tc.position, pos[0].Offset, "the position follows the last message, not the markers")
			})
		}
	})
}

// TestSeekPauseResumePosition exercises the positioning calls on a manual
// assignment.
func TestSeekPauseResumePosition(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		produce(t, c, topic, 2, 0, 40)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
		p0 := kafka.TopicPartition{Topic: &topic, Partition: 0}
		p1 := kafka.TopicPartition{Topic: &topic, Partition: 1}
		require.NoError(t, cons.Assign([]kafka.TopicPartition{p0, p1}))

		pos, err := cons.Position([]kafka.TopicPartition{p0})
		require.NoError(t, err)
		assert.Equal(t, kafka.OffsetInvalid, pos[0].Offset, "no position before the first message")

		next := func(partition int32) *kafka.Message {
			t.Helper()
			var got *kafka.Message
			pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
				if m, ok := ev.(*kafka.Message); ok && m.TopicPartition.Partition == partition {
					got = m
					return true
				}
				return false
			})
			return got
		}
		m := next(0)
		pos, err = cons.Position([]kafka.TopicPartition{p0})
		require.NoError(t, err)
		assert.Equal(t, m.TopicPartition.Offset+1, pos[0].Offset)

		// Seek back: the next message of partition 0 is offset 3.
		p0at3 := p0
		p0at3.Offset = 3
		require.NoError(t, cons.Seek(p0at3, 0))
		pos, _ = cons.Position([]kafka.TopicPartition{p0})
		assert.EqualValues(t, 3, pos[0].Offset)
		assert.EqualValues(t, 3, next(0).TopicPartition.Offset)

		// Logical seeks resolve against the watermarks.
		tail := p0
		tail.Offset = kafka.OffsetTail(2)
		res, err := cons.SeekPartitions([]kafka.TopicPartition{tail})
		require.NoError(t, err)
		require.NoError(t, res[0].Error)
		assert.EqualValues(t, 18, next(0).TopicPartition.Offset)

		// A partition not assigned cannot be seeked.
		other := kafka.TopicPartition{Topic: &topic, Partition: 7, Offset: 1}
		res, err = cons.SeekPartitions([]kafka.TopicPartition{other})
		require.NoError(t, err)
		assert.Equal(t, kafka.ErrUnknownPartition, res[0].Error.(kafka.Error).Code())

		// Paused partitions deliver nothing until resumed.
		require.NoError(t, cons.Pause([]kafka.TopicPartition{p0}))
		begin := p0
		begin.Offset = kafka.OffsetBeginning
		require.NoError(t, cons.Seek(begin, 0))
		deadline := time.Now().Add(time.Second)
		for time.Now().Before(deadline) {
			if m, ok := cons.Poll(50).(*kafka.Message); ok {
				require.NotEqual(t, int32(0), m.TopicPartition.Partition, "message from a paused partition")
			}
		}
		require.NoError(t, cons.Resume([]kafka.TopicPartition{p0}))
		assert.EqualValues(t, 0, next(0).TopicPartition.Offset)

		low, high, err := cons.GetWatermarkOffsets(topic, 0)
		require.NoError(t, err)
		assert.EqualValues(t, 0, low)
		assert.EqualValues(t, 20, high)
		low, high, err = cons.GetWatermarkOffsets("no-such-topic", 0)
		require.NoError(t, err, "confluent-kafka-go answers OffsetInvalid without an error")
		assert.EqualValues(t, kafka.OffsetInvalid, low)
		assert.EqualValues(t, kafka.OffsetInvalid, high)
		low, high, err = cons.QueryWatermarkOffsets(topic, 1, 10000)
		require.NoError(t, err)
		assert.EqualValues(t, 0, low)
		assert.EqualValues(t, 20, high)

		asg, err := cons.Assignment()
		require.NoError(t, err)
		assert.Len(t, asg, 2)
		require.NoError(t, cons.Unassign())
		asg, err = cons.Assignment()
		require.NoError(t, err)
		assert.Empty(t, asg)
	})
}

// TestAutoOffsetReset checks every librdkafka spelling of
// auto.offset.reset, with a manual assignment and no committed offsets.
func TestAutoOffsetReset(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 5)
		for _, tc := range []struct {
			value string
			first kafka.Offset // -1: nothing before new data
		}{
			{"smallest", 0}, {"earliest", 0}, {"beginning", 0},
			{"largest", 5}, {"latest", 5}, {"end", 5},
		} {
			t.Run(tc.value, func(t *testing.T) {
				cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"auto.offset.reset": tc.value, "enable.partition.eof": true})
				require.NoError(t, cons.Subscribe(topic, nil))
				if tc.first == 5 {
					// Positioned at the end once its PartitionEOF
					// arrives; only then write.
					pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
						_, ok := ev.(kafka.PartitionEOF)
						return ok
					})
					produce(t, c, topic, 1, 100, 1)
				}
				var m *kafka.Message
				pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
					m, _ = ev.(*kafka.Message)
					return m != nil
				})
				assert.GreaterOrEqual(t, m.TopicPartition.Offset, tc.first)
				if tc.first == 0 {
					assert.EqualValues(t, 0, m.TopicPartition.Offset)
				}
			})
		}
	})
}

// TestAutoOffsetResetError: with auto.offset.reset=error and nothing
// committed, the consumer raises an ErrAutoOffsetReset Error event instead
// of consuming, for a manual assignment and for a group member, as
// librdkafka does.
func TestAutoOffsetResetError(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 5)
		for _, tc := range []struct {
			name  string
			start func(*kafka.Consumer) error
		}{
			{"assign", func(cons *kafka.Consumer) error {
				return cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: kafka.OffsetStored}})
			}},
			{"subscribe", func(cons *kafka.Consumer) error { return cons.Subscribe(topic, nil) }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"auto.offset.reset": "error"})
				require.NoError(t, tc.start(cons))
				var got kafka.Error
				pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
					switch e := ev.(type) {
					case *kafka.Message:
						t.Fatalf("consumed %v although auto.offset.reset=error", e.TopicPartition)
					case kafka.Error:
						got = e
						return true
					}
					return false
				})
				assert.Equal(t, kafka.ErrAutoOffsetReset, got.Code(), "%v", got)
				assert.False(t, got.IsFatal())
				for range 5 {
					_, isMsg := cons.Poll(100).(*kafka.Message)
					require.False(t, isMsg, "the partition is not consumed after the error")
				}
			})
		}
	})
}

func TestReadMessage(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 3)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
		require.NoError(t, cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: kafka.OffsetBeginning}}))
		for i := 0; i < 3; i++ {
			m, err := cons.ReadMessage(10 * time.Second)
			require.NoError(t, err)
			assert.EqualValues(t, i, m.TopicPartition.Offset)
			checkMessage(t, m)
		}
		m, err := cons.ReadMessage(200 * time.Millisecond)
		assert.Nil(t, m)
		require.Error(t, err)
		assert.True(t, err.(kafka.Error).IsTimeout())
		assert.Equal(t, kafka.ErrTimedOut, err.(kafka.Error).Code())
		_, err = cons.ReadMessage(0)
		assert.Equal(t, kafka.ErrTimedOut, err.(kafka.Error).Code())

		md, err := cons.GetMetadata(&topic, false, 10000)
		require.NoError(t, err)
		assert.Len(t, md.Topics[topic].Partitions, 1)
		times, err := cons.OffsetsForTimes([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: kafka.Offset(baseTime.Add(time.Millisecond).UnixMilli())}}, 10000)
		require.NoError(t, err)
		assert.EqualValues(t, 1, times[0].Offset)
		gm, err := cons.GetConsumerGroupMetadata()
		require.NoError(t, err)
		assert.NotNil(t, gm)
	})
}

func TestBadInput(t *testing.T) {
	c := kafkatest.NewFake(t)
	_, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap})
	require.Error(t, err)
	assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())
	assert.Equal(t, "Required property group.id not set", err.Error())

	_, err = kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "group.id": "g", "group.protocol": "bogus"})
	require.Error(t, err)
	assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())

	_, err = kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "group.id": "g", "auto.offset.reset": "bogus"})
	require.Error(t, err)
	assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())

	noGroup, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "group.id": ""})
	require.NoError(t, err)
	err = noGroup.Subscribe("t", nil)
	require.Error(t, err)
	assert.Equal(t, kafka.ErrUnknownGroup, err.(kafka.Error).Code())
	require.NoError(t, noGroup.Close())

	cons := newConsumer(t, c, "g", nil)
	assert.Equal(t, "NONE", cons.GetRebalanceProtocol())
	assert.Contains(t, cons.String(), "rdkafka#consumer-")
	_, err = cons.Commit()
	assert.Equal(t, kafka.ErrNoOffset, err.(kafka.Error).Code())
	_, err = cons.CommitMessage(&kafka.Message{TopicPartition: kafka.TopicPartition{Error: kafka.NewError(kafka.ErrFail, "x", false)}})
	assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())
	err = cons.Subscribe("^[", nil)
	assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())
	assert.Nil(t, cons.Poll(10), "nothing assigned")

	require.NoError(t, cons.Close())
	assert.True(t, cons.IsClosed())
	err = cons.Close()
	assert.Equal(t, kafka.ErrState, err.(kafka.Error).Code())
	assert.Nil(t, cons.Poll(100))
	_, err = cons.ReadMessage(time.Second)
	assert.Equal(t, kafka.ErrState, err.(kafka.Error).Code())
	_, err = cons.Commit()
	assert.Equal(t, kafka.ErrState, err.(kafka.Error).Code())
	assert.Equal(t, kafka.ErrState, cons.Subscribe("t", nil).(kafka.Error).Code())
	assert.Equal(t, kafka.ErrState, cons.Assign(nil).(kafka.Error).Code())
	_, err = cons.Assignment()
	assert.Equal(t, kafka.ErrState, err.(kafka.Error).Code())
}
