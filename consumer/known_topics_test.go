package consumer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
)

// TestGetMetadataKnownTopics checks that GetMetadata without a topic
// reports, besides the consumed topics, those GetMetadata was asked about,
// as librdkafka does (compat/scenarios_badinput_test.go compares the two
// live).
func TestGetMetadataKnownTopics(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		asked, other := c.CreateTopic(t, 2), c.CreateTopic(t, 1)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
		names := func() []string {
			t.Helper()
			md, err := cons.GetMetadata(nil, false, 10_000)
			require.NoError(t, err)
			var out []string
			for n := range md.Topics {
				if n == asked || n == other {
					out = append(out, n)
				}
			}
			return out
		}
		assert.Empty(t, names(), "a new consumer knows no topics")
		_, err := cons.GetMetadata(&asked, false, 10_000)
		require.NoError(t, err)
		assert.Equal(t, []string{asked}, names())
	})
}
