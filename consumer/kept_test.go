package consumer_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestKeptMessagesStayIntact keeps every Message Poll returns while later
// fetches fill the following Messages of the same slab, and checks that
// none of the kept messages changed.
func TestKeptMessagesStayIntact(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const rounds, perRound = 12, 200
		topic := c.CreateTopic(t, 1)
		// One producer per round: many separate record batches.
		for r := 0; r < rounds; r++ {
			produce(t, c, topic, 1, r*perRound, perRound)
		}
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"max.partition.fetch.bytes": 1024})
		require.NoError(t, cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: kafka.OffsetBeginning}}))
		var kept []*kafka.Message
		pollUntil(t, cons, 60*time.Second, func(ev kafka.Event) bool {
			if m, ok := ev.(*kafka.Message); ok {
				kept = append(kept, m)
			}
			return len(kept) == rounds*perRound
		})
		for i, m := range kept {
			require.Equal(t, i, checkMessage(t, m), "message %d", i)
			require.EqualValues(t, i, m.TopicPartition.Offset)
			require.Equal(t, topic, *m.TopicPartition.Topic)
		}
	})
}
