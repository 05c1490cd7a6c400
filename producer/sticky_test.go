package producer_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
	"github.com/purekafka/purekafka/partitioner"
)

const (
	// stickyPartitions is the topic size of the sticky tests.
	stickyPartitions = 8
	// stickyMessages NULL-key messages go through each configuration. When
	// every message draws its own uniformly random partition, the chance
	// that some partition of 8 is never drawn is at most
	// 8 * (7/8)^500 < 1e-28, so "spreads over every partition" cannot fail
	// by bad luck in practice, and "all on one partition" is a meaningful
	// check: a per-message random pick would satisfy it with probability
	// 8^-499.
	stickyMessages = 500
)

// TestStickyPartitioningThroughProducer checks that the producer applies
// sticky.partitioning.linger.ms, given explicitly or derived from linger.ms
// as librdkafka does (twice linger.ms), to messages with NULL keys. The
// stickiness windows are chosen far from the test's duration: 60 s is far
// longer than producing 500 messages takes, so a sticky producer never
// switches partition within the test, and 0 switches on every message, so
// the outcomes do not depend on timing.
func TestStickyPartitioningThroughProducer(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		for _, tc := range []struct {
			name string
			conf kafka.ConfigMap
			// want is "one" (every message on the same partition),
			// "all" (every partition used), or "hash" (every message
			// on hashAt, the partitioner's hash of a NULL key).
			want   string
			hashAt int32
		}{
			{name: "explicit 60s pins", want: "one",
				conf: kafka.ConfigMap{"sticky.partitioning.linger.ms": 60000}},
			{name: "explicit 0 spreads", want: "all",
				conf: kafka.ConfigMap{"sticky.partitioning.linger.ms": 0}},
			{name: "default from linger.ms=0 spreads", want: "all",
				conf: kafka.ConfigMap{"linger.ms": 0}},
			{name: "default from linger.ms=30000 pins", want: "one",
				conf: kafka.ConfigMap{"linger.ms": 30000}},
			{name: "explicit beats the linger.ms default", want: "one",
				conf: kafka.ConfigMap{"linger.ms": 0, "sticky.partitioning.linger.ms": 60000}},
			{name: "murmur2_random pins", want: "one",
				conf: kafka.ConfigMap{"partitioner": "murmur2_random", "sticky.partitioning.linger.ms": 60000}},
			{name: "fnv1a_random spreads", want: "all",
				conf: kafka.ConfigMap{"partitioner": "fnv1a_random", "sticky.partitioning.linger.ms": 0}},
			// The hashing-only partitioners hash NULL keys, so the
			// sticky setting must not reach them.
			{name: "consistent hashes NULL", want: "hash", hashAt: partitioner.Consistent(nil, stickyPartitions),
				conf: kafka.ConfigMap{"partitioner": "consistent", "sticky.partitioning.linger.ms": 0}},
			{name: "fnv1a hashes NULL", want: "hash", hashAt: partitioner.FNV1a(nil, stickyPartitions),
				conf: kafka.ConfigMap{"partitioner": "fnv1a", "sticky.partitioning.linger.ms": 60000}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				topic := c.CreateTopic(t, stickyPartitions)
				counts := produceNullKeys(t, newProducer(t, c, tc.conf), topic)
				used := slices.Sorted(maps.Keys(counts))
				switch tc.want {
				case "one":
					require.Len(t, used, 1, "NULL keys spread although sticky: %v", counts)
				case "all":
					require.Len(t, used, stickyPartitions, "NULL keys did not spread: %v", counts)
				case "hash":
					require.Equal(t, []int32{tc.hashAt}, used, "NULL keys not hashed: %v", counts)
				default:
					t.Fatalf("bad want %q", tc.want)
				}
			})
		}
	})
}

// produceNullKeys produces stickyMessages NULL-key messages to topic with
// PartitionAny and counts the messages per partition their delivery reports
// name.
func produceNullKeys(t *testing.T, p *kafka.Producer, topic string) map[int32]int {
	t.Helper()
	dc := make(chan kafka.Event, stickyMessages)
	for i := range stickyMessages {
		require.NoError(t, p.Produce(&kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Value:          fmt.Appendf(nil, "%d", i),
		}, dc))
	}
	require.Equal(t, 0, p.Flush(30_000), "messages left after Flush")
	counts := map[int32]int{}
	for range stickyMessages {
		m := waitReport(t, dc)
		require.NoError(t, m.TopicPartition.Error)
		counts[m.TopicPartition.Partition]++
	}
	return counts
}
