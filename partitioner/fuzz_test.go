package partitioner_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/partitioner"
)

// FuzzPartitioners checks every librdkafka partitioner on any key (NULL,
// empty or bytes) and any partition count: a count below 1 yields -1, never
// a panic or a division by zero; otherwise the partition is in range, and
// whenever the partitioner hashes the key (RequiresConsistency) it lands
// exactly where the pure hash function of the same family puts it, and
// again on a second call. Agreement with librdkafka itself is fuzzed in
// compat (FuzzPartitionersMatchLibrdkafka), which needs cgo; this target
// runs in the main module. Seeds: below and testdata/fuzz/FuzzPartitioners/.
func FuzzPartitioners(f *testing.F) {
	f.Add([]byte(nil), true, int32(12))
	f.Add([]byte{}, false, int32(12))
	f.Add([]byte("foobar"), false, int32(7))
	f.Add([]byte{0x02, 0x57, 0x96, 0xdf, 0x4d}, false, int32(1000)) // fnv1a hash 0x80000000
	f.Add([]byte("k"), false, int32(0))
	f.Add([]byte("k"), false, int32(-5))
	f.Add([]byte("k"), false, int32(math.MaxInt32))
	f.Add([]byte("k"), false, int32(math.MinInt32))
	names := []string{"random", "consistent", "consistent_random", "", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random"}
	f.Fuzz(func(t *testing.T, key []byte, null bool, n int32) {
		if null {
			key = nil
		} else if key == nil {
			key = []byte{}
		}
		for _, hash := range []func([]byte, int32) int32{partitioner.Consistent, partitioner.Murmur2, partitioner.FNV1a} {
			p := hash(key, n)
			if n < 1 {
				assert.Equal(t, int32(-1), p)
			} else {
				assert.True(t, p >= 0 && p < n, "hash partition %d of %d", p, n)
			}
		}
		for _, name := range names {
			part, err := partitioner.New(name)
			require.NoError(t, err)
			tp := part.ForTopic("t")
			r := &kgo.Record{Key: key}
			p := tp.Partition(r, int(n))
			if n < 1 {
				assert.Equal(t, -1, p, "%s with %d partitions", name, n)
				continue
			}
			require.True(t, p >= 0 && p < int(n), "%s: partition %d of %d", name, p, n)
			if !tp.RequiresConsistency(r) {
				continue
			}
			deterministic := strings.TrimSuffix(name, "_random")
			if deterministic == "" || deterministic == "random" {
				deterministic = "consistent"
			}
			hash, err := partitioner.ByName(deterministic)
			require.NoError(t, err)
			assert.Equal(t, int(hash(key, n)), p, "%s hashes key %x like %s", name, key, deterministic)
			assert.Equal(t, p, tp.Partition(r, int(n)), "%s is deterministic for hashed keys", name)
		}
	})
}
