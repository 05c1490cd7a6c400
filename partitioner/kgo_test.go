package partitioner_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/partitioner"
)

// TestThroughKgo produces through a real kgo client to a broker and checks
// the partitions the broker reports. It proves the kgo contract the
// partitioner relies on: when RequiresConsistency is true, the index returned
// is the partition ID among all partitions.
func TestThroughKgo(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const partitions = 12
		topic := c.CreateTopic(t, partitions)
		for _, tc := range []struct {
			name string
			hash func([]byte, int32) int32
			// nullHashed: the partitioner hashes NULL keys instead of
			// going sticky.
			nullHashed bool
		}{
			{"consistent_random", partitioner.Consistent, false},
			{"murmur2", partitioner.Murmur2, true},
			{"murmur2_random", partitioner.Murmur2, false},
			{"fnv1a_random", partitioner.FNV1a, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p, err := partitioner.New(tc.name, partitioner.WithStickyLinger(partitioner.MaxStickyLinger))
				require.NoError(t, err)
				cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...), kgo.RecordPartitioner(p))
				require.NoError(t, err)
				defer cl.Close()
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				defer cancel()

				var recs []*kgo.Record
				for i := range 40 {
					recs = append(recs, &kgo.Record{Topic: topic, Key: fmt.Appendf(nil, "key-%d", i)})
				}
				for range 20 {
					recs = append(recs, &kgo.Record{Topic: topic})
				}
				require.NoError(t, cl.ProduceSync(ctx, recs...).FirstErr())

				nullParts := map[int32]bool{}
				for _, r := range recs {
					if r.Key != nil {
						assert.Equal(t, tc.hash(r.Key, partitions), r.Partition, "key %q", r.Key)
						continue
					}
					nullParts[r.Partition] = true
					if tc.nullHashed {
						assert.Equal(t, tc.hash(nil, partitions), r.Partition)
					}
				}
				assert.Len(t, nullParts, 1, "NULL keys stay on one partition within the sticky linger")
			})
		}
	})
}
