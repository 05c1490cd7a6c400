package consumer_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// roundTripMessages is the full 100,000 (about 25s for both
// clusters under -race on two cores).
const roundTripMessages = 100_000

func TestRoundTrip(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const partitions = 6
		topic := c.CreateTopic(t, partitions)
		produce(t, c, topic, partitions, 0, roundTripMessages)

		for _, tc := range []struct {
			name     string
			members  int
			strategy string
		}{
			{"one member", 1, "range,roundrobin"},
			{"three members eager", 3, "range"},
			{"three members cooperative", 3, "cooperative-sticky"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				group := kafkatest.UniqueName(t, "g")
				s := newSeen()
				var total atomic.Int64
				perMember := make([]atomic.Int64, tc.members)
				var wg sync.WaitGroup
				stop := make(chan struct{})
				for m := 0; m < tc.members; m++ {
					if m > 0 {
						// Members join while others consume, so
						// partitions move mid-stream.
						time.Sleep(300 * time.Millisecond)
					}
					cons := newConsumer(t, c, group, kafka.ConfigMap{"partition.assignment.strategy": tc.strategy})
					require.NoError(t, cons.Subscribe(topic, nil))
					wg.Add(1)
					mine := &perMember[m]
					go func() {
						defer wg.Done()
						defer func() { _ = cons.Close() }()
						for {
							select {
							case <-stop:
								return
							default:
							}
							switch e := cons.Poll(100).(type) {
							case *kafka.Message:
								s.add(t, e, checkMessage(t, e))
								mine.Add(1)
								if total.Add(1)%20 == 0 && tc.members > 1 {
									time.Sleep(time.Millisecond) // keep consuming through the rebalances
								}
							case kafka.Error:
								t.Errorf("unexpected error event: %v", e)
							}
						}
					}()
				}
				deadline := time.Now().Add(120 * time.Second)
				for s.count() < roundTripMessages && time.Now().Before(deadline) {
					time.Sleep(50 * time.Millisecond)
				}
				close(stop)
				wg.Wait()
				require.Equal(t, roundTripMessages, s.count(), "distinct messages")
				require.Zero(t, s.dups, "duplicates while no member failed")
				require.Empty(t, s.order, "per-partition order")
				require.EqualValues(t, roundTripMessages, total.Load())
				for m := range perMember {
					// Members join 300ms apart while the first still
					// has most of the 100,000 to read: each gets
					// partitions and reads some.
					require.Positive(t, perMember[m].Load(), "member %d consumed nothing", m)
				}
			})
		}
	})
}

// TestRoundTripLogAppendTime consumes a topic whose broker stamps messages
// (message.timestamp.type=LogAppendTime): the consumer reports
// TimestampLogAppendTime with the broker's time, not the producer's.
func TestRoundTripLogAppendTime(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		if !c.Real {
			t.Skip("kfake ignores the topic's message.timestamp.type: it stamps a batch " +
				"only when the producer sets the LogAppendTime attribute itself")
		}
		const partitions, n = 2, 20
		topic := createLogAppendTimeTopic(t, c, partitions)
		// The broker runs on this host, so its clock is ours: every
		// append happens between these two readings (the first
		// truncated to the millisecond the broker records).
		before := time.Now().Truncate(time.Millisecond)
		produce(t, c, topic, partitions, 0, n)
		after := time.Now()

		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
		require.NoError(t, cons.Subscribe(topic, nil))
		s := newSeen()
		pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
			switch e := ev.(type) {
			case *kafka.Message:
				i := checkContent(t, e)
				s.add(t, e, i)
				require.Equal(t, kafka.TimestampLogAppendTime, e.TimestampType, "message %d", i)
				require.False(t, e.Timestamp.Before(before), "message %d stamped %v, before it was produced (%v)", i, e.Timestamp, before)
				require.False(t, e.Timestamp.After(after), "message %d stamped %v, after it was acknowledged (%v)", i, e.Timestamp, after)
				require.False(t, producedAt(i).Equal(e.Timestamp), "message %d kept the producer's timestamp", i)
			case kafka.Error:
				t.Fatalf("unexpected error event: %v", e)
			}
			return s.count() == n
		})
		require.Zero(t, s.dups)
		require.Empty(t, s.order)
	})
}

// createLogAppendTimeTopic creates a topic with
// message.timestamp.type=LogAppendTime, deleted when the test ends, and
// waits for its partitions' leaders.
func createLogAppendTimeTopic(t *testing.T, c *kafkatest.Cluster, partitions int32) string {
	t.Helper()
	name := kafkatest.UniqueName(t, "t")
	adm := c.Admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	logAppend := "LogAppendTime"
	resp, err := adm.CreateTopic(ctx, partitions, 1, map[string]*string{"message.timestamp.type": &logAppend}, name)
	require.NoError(t, err)
	require.NoError(t, resp.Err)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = adm.DeleteTopics(ctx, name)
	})
	for {
		md, err := adm.Metadata(ctx, name)
		if err == nil && md.Topics[name].Err == nil && int32(len(md.Topics[name].Partitions)) == partitions && led(md.Topics[name]) {
			return name
		}
		require.NoError(t, ctx.Err(), "topic %s without leaders", name)
		time.Sleep(50 * time.Millisecond)
	}
}

// led reports whether every partition of td has a leader.
func led(td kadm.TopicDetail) bool {
	for _, p := range td.Partitions {
		if p.Leader < 0 || p.Err != nil {
			return false
		}
	}
	return true
}
