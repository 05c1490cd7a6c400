package compat

import (
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	ck "github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/partitioner"
)

// diffKeys is how many random keys TestPartitionerDiffLibrdkafka compares;
// -short cuts it down for quick local runs.
const (
	diffKeys      = 1_000_000
	diffKeysShort = 50_000
	diffMaxKeyLen = 1024
	diffSeedEnv   = "PUREKAFKA_PARTITIONER_SEED"
)

// The librdkafka the partitioner tests must run against: the one bundled in
// confluent-kafka-go v2.11.1, which generated the spec's vectors. Its
// version int is 0xMMmmrrpp, with pp 0xff for a final release.
const (
	wantLibrdkafka    = "2.11.1"
	wantLibrdkafkaInt = 0x020b01ff
)

// partitionerDiff compares purekafka's partitioners with librdkafka's for
// one key and partition count at a time.
type partitionerDiff struct {
	c *LibrdkafkaPartitioners
	// ours holds one kgo.TopicPartitioner per librdkafka name, built by
	// partitioner.New, to check which keys it hashes.
	ours map[string]kgo.TopicPartitioner
	// hash is the deterministic function a name agrees with where it
	// hashes.
	hash map[string]func([]byte, int32) int32
	rec  kgo.Record
}

func newPartitionerDiff(tb testing.TB) *partitionerDiff {
	tb.Helper()
	// A different librdkafka (a go.mod bump, or a dynamic build picking up
	// a system library) would make every comparison below test the wrong
	// reference.
	vi, vs := ck.LibraryVersion()
	require.Equal(tb, wantLibrdkafka, vs, "linked librdkafka version")
	require.Equal(tb, wantLibrdkafkaInt, vi, "linked librdkafka version int %#x", vi)
	c, err := OpenLibrdkafkaPartitioners()
	require.NoError(tb, err)
	tb.Cleanup(c.Close)
	d := &partitionerDiff{c: c, ours: map[string]kgo.TopicPartitioner{}, hash: map[string]func([]byte, int32) int32{
		"consistent":        partitioner.Consistent,
		"consistent_random": partitioner.Consistent,
		"murmur2":           partitioner.Murmur2,
		"murmur2_random":    partitioner.Murmur2,
		"fnv1a":             partitioner.FNV1a,
		"fnv1a_random":      partitioner.FNV1a,
	}}
	for _, name := range c.Names() {
		// Sticky off, so that every record not hashed is the function's
		// random pick, as in the C function.
		p, err := partitioner.New(name, partitioner.WithStickyLinger(0))
		require.NoError(tb, err)
		d.ours[name] = p.ForTopic("diff")
	}
	return d
}

// check compares every partitioner on (key, n) and fails at the first
// disagreement, printing the key so it can be replayed. It returns how many
// deterministic comparisons it made.
func (d *partitionerDiff) check(tb testing.TB, key []byte, n int32) int {
	compared := 0
	d.rec.Key = key
	for _, name := range d.c.Names() {
		want, err := d.c.Partition(name, key, n)
		require.NoError(tb, err)
		tp := d.ours[name]
		hashes := tp.RequiresConsistency(&d.rec)
		// A function that hashes returns the same partition every
		// time, so a second call with a different answer proves a
		// random pick. A random pick can repeat by chance, so only
		// the "hashes" direction is decisive from one extra call.
		again, err := d.c.Partition(name, key, n)
		require.NoError(tb, err)
		if again != want && hashes {
			tb.Fatalf("%s: librdkafka picks randomly but purekafka hashes: key=%x nil=%v n=%d", name, key, key == nil, n)
		}
		if !hashes {
			if want < 0 || want >= n {
				tb.Fatalf("%s: librdkafka returned %d for n=%d", name, want, n)
			}
			if got := tp.Partition(&d.rec, int(n)); got < 0 || got >= int(n) {
				tb.Fatalf("%s: purekafka picked %d of %d: key=%x nil=%v", name, got, n, key, key == nil)
			}
			continue
		}
		if got := d.hash[name](key, n); got != want {
			tb.Fatalf("%s: purekafka %d, librdkafka %d: key=%x nil=%v n=%d", name, got, want, key, key == nil, n)
		}
		if got := tp.Partition(&d.rec, int(n)); got != int(want) {
			tb.Fatalf("%s via New: purekafka %d, librdkafka %d: key=%x nil=%v n=%d", name, got, want, key, key == nil, n)
		}
		compared++
	}
	return compared
}

// TestPartitionerDiffLibrdkafka compares purekafka with the librdkafka that
// confluent-kafka-go v2.11.1 ships, over a million random keys (nil, empty,
// and 0 to 1024 bytes) and partition counts 1 to 1024, plus a random count
// up to MaxInt32 per key to exercise the full width of each hash.
func TestPartitionerDiffLibrdkafka(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(diffSeedEnv); s != "" {
		var err error
		seed, err = strconv.ParseUint(s, 10, 64)
		require.NoError(t, err, diffSeedEnv)
	}
	t.Logf("seed %d (set %s to replay)", seed, diffSeedEnv)
	keys := diffKeys
	if testing.Short() {
		keys = diffKeysShort
	}

	d := newPartitionerDiff(t)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	buf := make([]byte, diffMaxKeyLen)
	compared, nils, empties := 0, 0, 0
	for i := range keys {
		var key []byte
		switch r := rng.IntN(64); {
		case r == 0:
			nils++ // key stays nil: librdkafka's NULL key
		case r < 32:
			// Short keys carry the interesting tails and edge cases.
			key = randomKey(rng, buf, rng.IntN(33))
		default:
			key = randomKey(rng, buf, rng.IntN(diffMaxKeyLen+1))
		}
		if key != nil && len(key) == 0 {
			empties++
		}
		compared += d.check(t, key, int32(i%1024+1))
		compared += d.check(t, key, rng.Int32N(math.MaxInt32)+1)
	}
	t.Logf("%d keys (%d nil, %d empty), %d deterministic comparisons, 0 mismatches", keys, nils, empties, compared)
}

// randomKey fills buf[:n] with random bytes and returns it, non-nil even when
// n is 0.
func randomKey(rng *rand.Rand, buf []byte, n int) []byte {
	key := buf[:n]
	for i := 0; i < n; i += 8 {
		v := rng.Uint64()
		for j := i; j < n && j < i+8; j++ {
			key[j] = byte(v)
			v >>= 8
		}
	}
	return key
}

// TestPartitionerDiffClassifiesRandomKeys checks the other direction that
// the random check cannot settle from a single call: wherever purekafka does
// not hash, librdkafka really picks at random.
func TestPartitionerDiffClassifiesRandomKeys(t *testing.T) {
	d := newPartitionerDiff(t)
	const n = 1 << 20
	for _, key := range [][]byte{nil, {}, []byte("k")} {
		d.rec.Key = key
		for _, name := range d.c.Names() {
			if d.ours[name].RequiresConsistency(&d.rec) {
				continue
			}
			seen := map[int32]bool{}
			for range 8 {
				p, err := d.c.Partition(name, key, n)
				require.NoError(t, err)
				seen[p] = true
			}
			// Eight draws from 2^20 partitions all colliding would
			// mean librdkafka is deterministic here.
			require.Greater(t, len(seen), 1, "%s key=%x nil=%v: librdkafka is deterministic where purekafka is random", name, key, key == nil)
		}
	}
}

// FuzzPartitionersMatchLibrdkafka lets the fuzzer search for a key and
// partition count on which purekafka and librdkafka disagree.
func FuzzPartitionersMatchLibrdkafka(f *testing.F) {
	f.Add([]byte(nil), true, int32(12))
	f.Add([]byte{}, false, int32(12))
	f.Add([]byte("foobar"), false, int32(7))
	f.Add([]byte{0x02, 0x57, 0x96, 0xdf, 0x4d}, false, int32(1000)) // fnv1a = 0x80000000
	f.Add([]byte{0x00, 0x0d, 0xa5, 0xe3, 0xbb}, false, int32(1000)) // fnv1a = 0x80000001
	f.Add([]byte("a-little-bit-longer-string"), false, int32(math.MaxInt32))
	f.Add([]byte("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), false, int32(1))
	d := newPartitionerDiff(f)
	f.Fuzz(func(t *testing.T, key []byte, null bool, partitions int32) {
		if null {
			key = nil
		} else if key == nil {
			key = []byte{}
		}
		if len(key) > LibrdkafkaMaxKey {
			key = key[:LibrdkafkaMaxKey]
		}
		n := partitions & math.MaxInt32
		if n == 0 {
			n = 1
		}
		d.check(t, key, n)
	})
}
