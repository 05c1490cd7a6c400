package producer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestGetMetadataKnownTopics checks that GetMetadata without a topic
// reports the topics the producer was asked to produce to or about, and no
// other, as librdkafka does (compat/scenarios_badinput_test.go compares the
// two live).
func TestGetMetadataKnownTopics(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		produced, asked, other := c.CreateTopic(t, 2), c.CreateTopic(t, 1), c.CreateTopic(t, 1)
		p := newProducer(t, c, nil)
		names := func() []string {
			t.Helper()
			md, err := p.GetMetadata(nil, false, 10_000)
			require.NoError(t, err)
			var out []string
			for n := range md.Topics {
				if n == produced || n == asked || n == other {
					out = append(out, n)
				}
			}
			return out
		}
		assert.Empty(t, names(), "a new producer knows no topics")

		dc := make(chan kafka.Event, 1)
		require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &produced, Partition: 1}}, dc))
		require.NoError(t, waitReport(t, dc).TopicPartition.Error)
		_, err := p.GetMetadata(&asked, false, 10_000)
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{produced, asked}, names())

		md, err := p.GetMetadata(nil, false, 10_000)
		require.NoError(t, err)
		assert.Len(t, md.Topics[produced].Partitions, 2)
	})
}
