package consumer_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestAtLeastOnce commits manually every N messages, closes a consumer
// mid-stream without committing the rest, and checks that a new member
// resumes at the last commit: nothing lost, duplicates only after it.
func TestAtLeastOnce(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const n, every, stopAt = 1000, 100, 650
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, n)
		group := kafkatest.UniqueName(t, "g")
		manual := kafka.ConfigMap{"enable.auto.commit": false}

		first := newConsumer(t, c, group, manual)
		require.NoError(t, first.Subscribe(topic, nil))
		var lastCommitted kafka.Offset
		got := map[int]int{}
		count := 0
		pollUntil(t, first, 60*time.Second, func(ev kafka.Event) bool {
			m, ok := ev.(*kafka.Message)
			if !ok {
				return false
			}
			got[checkMessage(t, m)]++
			count++
			if count%every == 0 {
				res, err := first.Commit()
				require.NoError(t, err)
				require.Len(t, res, 1)
				lastCommitted = res[0].Offset
				require.Equal(t, m.TopicPartition.Offset+1, lastCommitted)
			}
			return count == stopAt
		})
		require.NoError(t, first.Close()) // auto commit is off: nothing more is committed
		require.EqualValues(t, 600, lastCommitted)

		second := newConsumer(t, c, group, manual)
		require.NoError(t, second.Subscribe(topic, nil))
		firstOffset := kafka.Offset(-1)
		pollUntil(t, second, 60*time.Second, func(ev kafka.Event) bool {
			m, ok := ev.(*kafka.Message)
			if !ok {
				return false
			}
			if firstOffset < 0 {
				firstOffset = m.TopicPartition.Offset
			}
			got[checkMessage(t, m)]++
			return m.TopicPartition.Offset == n-1
		})
		assert.Equal(t, lastCommitted, firstOffset, "resumes at the last commit")
		assert.Len(t, got, n, "nothing lost")
		for i, times := range got {
			if i < int(lastCommitted) || i >= stopAt {
				assert.Equal(t, 1, times, "message %d", i)
			} else {
				assert.Equal(t, 2, times, "message %d re-delivered after the last commit", i)
			}
		}
		committed, err := second.Committed([]kafka.TopicPartition{{Topic: &topic, Partition: 0}}, 10000)
		require.NoError(t, err)
		assert.Equal(t, lastCommitted, committed[0].Offset)
	})
}

// TestCommitConcurrent commits, stores and commits explicit offsets from
// another goroutine while Poll runs (run with -race); auto commits report
// OffsetsCommitted.
func TestCommitConcurrent(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const n = 3000
		topic := c.CreateTopic(t, 3)
		produce(t, c, topic, 3, 0, n)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{
			"auto.commit.interval.ms":  100,
			"enable.auto.offset.store": false,
		})
		require.NoError(t, cons.Subscribe(topic, nil))

		msgs := make(chan *kafka.Message, n)
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case m := <-msgs:
					_, err := cons.StoreMessage(m)
					assert.NoError(t, err)
					if m.TopicPartition.Offset%50 == 0 {
						_, err := cons.Commit()
						if err != nil {
							assert.Equal(t, kafka.ErrNoOffset, err.(kafka.Error).Code(), "%v", err)
						}
						tp := m.TopicPartition
						tp.Offset++
						_, err = cons.CommitOffsets([]kafka.TopicPartition{tp})
						assert.NoError(t, err)
					}
				case <-done:
					return
				}
			}
		}()
		count, commits := 0, 0
		pollUntil(t, cons, 60*time.Second, func(ev kafka.Event) bool {
			switch e := ev.(type) {
			case *kafka.Message:
				count++
				msgs <- e
			case kafka.OffsetsCommitted:
				commits++
				assert.NoError(t, e.Error)
			}
			return count == n && commits > 0
		})
		close(done)
		wg.Wait()
		assert.Positive(t, commits)
	})
}

func TestStoreOffsets(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		produce(t, c, topic, 2, 0, 10)
		other := "not-assigned"

		auto := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
		_, err := auto.StoreOffsets([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: 1}})
		require.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code(), "enable.auto.offset.store=true refuses StoreOffsets")

		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"enable.auto.offset.store": false})
		_, err = cons.Commit()
		require.Equal(t, kafka.ErrNoOffset, err.(kafka.Error).Code(), "Commit with nothing stored")
		require.NoError(t, cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0}, {Topic: &topic, Partition: 1}}))

		stored, err := cons.StoreOffsets([]kafka.TopicPartition{
			{Topic: &topic, Partition: 0, Offset: 3},
			{Topic: &other, Partition: 0, Offset: 3},
		})
		require.NoError(t, err, "one offset stored is success")
		require.Len(t, stored, 2)
		assert.NoError(t, stored[0].Error)
		assert.Equal(t, kafka.ErrState, stored[1].Error.(kafka.Error).Code())

		_, err = cons.StoreOffsets([]kafka.TopicPartition{{Topic: &other, Partition: 0, Offset: 3}})
		assert.Equal(t, kafka.ErrState, err.(kafka.Error).Code(), "nothing stored")

		res, err := cons.Commit()
		require.NoError(t, err)
		require.Len(t, res, 1)
		assert.EqualValues(t, 3, res[0].Offset)
		_, err = cons.Commit()
		assert.Equal(t, kafka.ErrNoOffset, err.(kafka.Error).Code(), "already committed")

		_, err = cons.StoreMessage(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Offset: -1}})
		assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())

		committed, err := cons.Committed([]kafka.TopicPartition{{Topic: &topic, Partition: 0}, {Topic: &topic, Partition: 1}}, 10000)
		require.NoError(t, err)
		assert.EqualValues(t, 3, committed[0].Offset)
		assert.Equal(t, kafka.OffsetInvalid, committed[1].Offset)
	})
}

// TestSeekRightAfterAssign: a seek made before franz-go has even started
// the new assignment (it assigns on its next metadata update) still decides
// where fetching starts, as it does in librdkafka.
func TestSeekRightAfterAssign(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 5)
		for round := 0; round < 10; round++ {
			cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
			require.NoError(t, cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: kafka.OffsetBeginning}}))
			require.NoError(t, cons.Seek(kafka.TopicPartition{Topic: &topic, Partition: 0, Offset: 3}, 0))
			var first *kafka.Message
			pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
				first, _ = ev.(*kafka.Message)
				return first != nil
			})
			require.Equal(t, kafka.Offset(3), first.TopicPartition.Offset, "round %d", round)
			require.NoError(t, cons.Close())
		}
	})
}

// TestSeekInRebalanceCb: a RebalanceCb that assigns and then seeks, before
// fetching has started. As in librdkafka (compat group/rebalance-cb-seek*),
// the seek decides where fetching starts when Assign gave an offset, and
// fails with ErrState while the partition waits for its committed offset.
func TestSeekInRebalanceCb(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 5)
		for _, tc := range []struct {
			name      string
			assignAt  kafka.Offset
			seekErr   kafka.ErrorCode
			wantFirst kafka.Offset
		}{
			{name: "assigned at an offset", assignAt: 1, seekErr: kafka.ErrNoError, wantFirst: 3},
			{name: "assigned at the committed offset", assignAt: kafka.OffsetInvalid, seekErr: kafka.ErrState, wantFirst: 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for round := 0; round < 3; round++ {
					cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
					seekErr := make(chan error, 1)
					require.NoError(t, cons.Subscribe(topic, func(cons *kafka.Consumer, ev kafka.Event) error {
						if e, ok := ev.(kafka.AssignedPartitions); ok {
							parts := append([]kafka.TopicPartition(nil), e.Partitions...)
							for i := range parts {
								parts[i].Offset = tc.assignAt
							}
							require.NoError(t, cons.Assign(parts))
							seekErr <- cons.Seek(kafka.TopicPartition{Topic: &topic, Partition: 0, Offset: 3}, 0)
						}
						return nil
					}))
					var first *kafka.Message
					pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
						first, _ = ev.(*kafka.Message)
						return first != nil
					})
					err := <-seekErr
					if tc.seekErr == kafka.ErrNoError {
						require.NoError(t, err)
					} else {
						require.Error(t, err)
						require.Equal(t, tc.seekErr, err.(kafka.Error).Code())
					}
					require.Equal(t, tc.wantFirst, first.TopicPartition.Offset, "round %d", round)
					require.NoError(t, cons.Close())
				}
			})
		}
	})
}
