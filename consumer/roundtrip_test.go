package consumer_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
			})
		}
	})
}
