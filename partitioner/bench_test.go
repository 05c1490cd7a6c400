package partitioner

import (
	"hash/crc32"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

const benchPartitions = 64

// benchKeySizes are the key sizes every keyed benchmark runs at: a typical
// ID, a typical composite key, and a large key where per-byte cost dominates.
func benchKeySizes() []int { return []int{16, 64, 1024} }

func benchKey(size int) []byte {
	rng := rand.New(rand.NewPCG(uint64(size), 1))
	k := make([]byte, size)
	for i := range k {
		k[i] = byte(rng.Uint32())
	}
	return k
}

// BenchmarkHash measures the bare exported hash functions.
func BenchmarkHash(b *testing.B) {
	for _, h := range []struct {
		name string
		fn   func([]byte, int32) int32
	}{
		{"consistent", Consistent},
		{"murmur2", Murmur2},
		{"fnv1a", FNV1a},
	} {
		for _, size := range benchKeySizes() {
			key := benchKey(size)
			b.Run(h.name+"/"+strconv.Itoa(size), func(b *testing.B) {
				b.SetBytes(int64(size))
				b.ReportAllocs()
				var sink int32
				for b.Loop() {
					sink += h.fn(key, benchPartitions)
				}
				_ = sink
			})
		}
	}
}

// BenchmarkPartition compares a keyed placement through a kgo
// TopicPartitioner from New and through the franz-go partitioner doing the
// same hashing (for crc32, franz-go's SaramaHasher reduces the hash signed,
// so it places some keys elsewhere: only the cost is comparable), so the
// numbers are the cost a producer pays per record.
func BenchmarkPartition(b *testing.B) {
	for _, h := range []struct {
		name   string
		ours   string
		franzF kgo.Partitioner
	}{
		{"consistent", "consistent_random", kgo.StickyKeyPartitioner(kgo.SaramaHasher(crc32.ChecksumIEEE))},
		{"murmur2", "murmur2_random", kgo.StickyKeyPartitioner(nil)},
		{"fnv1a", "fnv1a_random", kgo.StickyKeyPartitioner(kgo.SaramaCompatHasher(fnv32a))},
	} {
		ours, err := New(h.ours)
		if err != nil {
			b.Fatal(err)
		}
		for _, impl := range []struct {
			name string
			p    kgo.Partitioner
		}{{"purekafka", ours}, {"franz-go", h.franzF}} {
			for _, size := range benchKeySizes() {
				tp := impl.p.ForTopic("t")
				r := &kgo.Record{Key: benchKey(size)}
				b.Run(h.name+"/"+impl.name+"/"+strconv.Itoa(size), func(b *testing.B) {
					b.SetBytes(int64(size))
					b.ReportAllocs()
					var sink int
					for b.Loop() {
						if tp.RequiresConsistency(r) {
							sink += tp.Partition(r, benchPartitions)
						}
					}
					_ = sink
				})
			}
		}
	}
}

// BenchmarkPartitionNullKey measures the unkeyed paths: time-based sticky
// (reads the clock) and per-message random.
func BenchmarkPartitionNullKey(b *testing.B) {
	sticky, err := New("consistent_random")
	if err != nil {
		b.Fatal(err)
	}
	perMessage, err := New("consistent_random", WithStickyLinger(0))
	if err != nil {
		b.Fatal(err)
	}
	for _, impl := range []struct {
		name string
		p    kgo.Partitioner
	}{
		{"purekafka-sticky", sticky},
		{"purekafka-random", perMessage},
		{"franz-go-sticky", kgo.StickyKeyPartitioner(nil)},
	} {
		tp := impl.p.ForTopic("t")
		r := &kgo.Record{}
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			var sink int
			for b.Loop() {
				if !tp.RequiresConsistency(r) {
					sink += tp.Partition(r, benchPartitions)
				}
			}
			_ = sink
		})
	}
}
