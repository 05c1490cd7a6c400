package partitioner

import (
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// TestMurmur2KafkaVectors uses the vectors from Kafka's UtilsTest.testMurmur2,
// which the spec confirmed librdkafka's rd_murmur2 reproduces; they pin the
// raw hash, before masking, so a wrong tail or seed cannot hide behind a
// modulo.
func TestMurmur2KafkaVectors(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want int32
	}{
		{"21", -973932308},
		{"foobar", -790332482},
		{"a-little-bit-long-string", -985981536},
		{"a-little-bit-longer-string", -1486304829},
		{"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
		{"abc", 479470107},
	} {
		t.Run(tc.key, func(t *testing.T) {
			assert.Equal(t, tc.want, int32(murmur2([]byte(tc.key))))
		})
	}
}

// TestKnownPartitions pins the spec's worked examples, chosen because each
// one separates librdkafka's arithmetic from a plausible wrong variant.
func TestKnownPartitions(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func([]byte, int32) int32
		key  []byte
		n    int32
		want int32
	}{
		// crc32("foobar") = 2666930069 has the top bit set: unsigned
		// modulo gives 6, masking would give 4, abs would give 5.
		{"consistent unsigned modulo", Consistent, []byte("foobar"), 7, 6},
		{"consistent unsigned modulo, max n", Consistent, []byte("foobar"), math.MaxInt32, 2666930069 % math.MaxInt32},
		{"consistent nil", Consistent, nil, 12, 0},
		{"consistent empty", Consistent, []byte{}, 12, 0},
		{"murmur2 nil hashes the empty input", Murmur2, nil, 12, 275646681 % 12},
		{"murmur2 empty", Murmur2, []byte{}, 1000, 275646681 % 1000},
		// 3504634814 is murmur2("foobar") as a uint32 (-790332482 as int32).
		{"murmur2 masks the top bit", Murmur2, []byte("foobar"), 12, int32((uint32(3504634814) & 0x7fffffff) % 12)},
		{"fnv1a nil hashes the empty input", FNV1a, nil, 12, 2128831035 % 12},
		{"fnv1a empty", FNV1a, []byte{}, 1000, 2128831035 % 1000},
		// fnv1a(025796df4d) = 0x80000000, which abs leaves alone.
		{"fnv1a 0x80000000 % 7", FNV1a, mustHex(t, "025796df4d"), 7, 2},
		{"fnv1a 0x80000000 % 12", FNV1a, mustHex(t, "025796df4d"), 12, 8},
		{"fnv1a 0x80000000 % 1000", FNV1a, mustHex(t, "025796df4d"), 1000, 648},
		// fnv1a(000da5e3bb) = 0x80000001, whose abs is 0x7fffffff.
		{"fnv1a 0x80000001", FNV1a, mustHex(t, "000da5e3bb"), 1000, 0x7fffffff % 1000},
		{"one partition", Murmur2, []byte("anything"), 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.fn(tc.key, tc.n))
		})
	}
}

func TestHashesRejectPartitionCountsBelowOne(t *testing.T) {
	for _, fn := range []func([]byte, int32) int32{Consistent, Murmur2, FNV1a} {
		for _, n := range []int32{0, -1, -12, math.MinInt32} {
			assert.Equal(t, int32(-1), fn([]byte("k"), n), "n=%d", n)
		}
	}
}

// refMurmur2 is the textbook one-block-at-a-time MurmurHash2, against which
// the two-blocks-per-iteration production version is checked.
func refMurmur2(b []byte) uint32 {
	const m = 0x5bd1e995
	h := uint32(0x9747b28c) ^ uint32(len(b))
	for ; len(b) >= 4; b = b[4:] {
		k := binary.LittleEndian.Uint32(b)
		k *= m
		k ^= k >> 24
		k *= m
		h *= m
		h ^= k
	}
	switch len(b) {
	case 3:
		h ^= uint32(b[2]) << 16
		fallthrough
	case 2:
		h ^= uint32(b[1]) << 8
		fallthrough
	case 1:
		h ^= uint32(b[0])
		h *= m
	}
	h ^= h >> 13
	h *= m
	h ^= h >> 15
	return h
}

// refFNV1aAbs uses the standard library's FNV-1a, so only the abs step is
// re-derived here.
func refFNV1aAbs(b []byte) uint32 {
	h := fnv.New32a()
	_, _ = h.Write(b)
	v := int64(int32(h.Sum32()))
	if v < 0 {
		v = -v
	}
	return uint32(v) // 2^31 wraps back to 0x80000000, as in librdkafka
}

// TestHashesMatchReferences covers every tail length and every start offset
// within a word, since the production murmur2 unrolls by two blocks.
func TestHashesMatchReferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 300)
	for i := range buf {
		buf[i] = byte(rng.Uint32())
	}
	for off := range 4 {
		for l := 0; off+l <= len(buf); l++ {
			key := buf[off : off+l]
			require.Equal(t, refMurmur2(key), murmur2(key), "murmur2 off=%d len=%d", off, l)
			require.Equal(t, refFNV1aAbs(key), fnv1aAbs(key), "fnv1a off=%d len=%d", off, l)
		}
	}
}

// TestMatchesFranzGoEquivalents documents which franz-go hashers agree with
// which librdkafka partitioner for non-nil keys, so users moving between the
// two know what carries over.
func TestMatchesFranzGoEquivalents(t *testing.T) {
	kafka := kgo.StickyKeyPartitioner(nil).ForTopic("t")
	sarama := kgo.StickyKeyPartitioner(kgo.SaramaCompatHasher(fnv32a)).ForTopic("t")
	crc := kgo.StickyKeyPartitioner(kgo.SaramaHasher(crc32.ChecksumIEEE)).ForTopic("t")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		key := make([]byte, rng.IntN(70))
		for i := range key {
			key[i] = byte(rng.Uint32())
		}
		n := rng.Int32N(2000) + 1
		r := &kgo.Record{Key: key}
		require.Equal(t, int(Murmur2(key, n)), kafka.Partition(r, int(n)), "murmur2 key=%x n=%d", key, n)
		require.Equal(t, int(FNV1a(key, n)), sarama.Partition(r, int(n)), "fnv1a key=%x n=%d", key, n)
		// franz-go's SaramaHasher reduces an int, so it only matches
		// librdkafka's unsigned modulo where int is 64 bits wide.
		if strconv.IntSize == 64 {
			require.Equal(t, int(Consistent(key, n)), crc.Partition(r, int(n)), "consistent key=%x n=%d", key, n)
		}
	}
}

func fnv32a(b []byte) uint32 {
	h := fnv.New32a()
	_, _ = h.Write(b)
	return h.Sum32()
}

func TestByName(t *testing.T) {
	key := []byte("foobar")
	for _, tc := range []struct {
		name string
		want func([]byte, int32) int32
	}{
		{"consistent", Consistent},
		{"murmur2", Murmur2},
		{"fnv1a", FNV1a},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fn, err := ByName(tc.name)
			require.NoError(t, err)
			for n := int32(1); n <= 64; n++ {
				assert.Equal(t, tc.want(key, n), fn(key, n))
			}
		})
	}
}

func TestByNameRejectsNonDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string
	}{
		{"random", `partitioner: "random" is not deterministic: it picks a random partition for every message; use New`},
		{"consistent_random", `partitioner: "consistent_random" is not deterministic: it picks a random partition for NULL (nil) and empty keys; for other keys it equals "consistent", which ByName provides, or use New`},
		{"", `partitioner: "consistent_random" is not deterministic: it picks a random partition for NULL (nil) and empty keys; for other keys it equals "consistent", which ByName provides, or use New`},
		{"murmur2_random", `partitioner: "murmur2_random" is not deterministic: it picks a random partition for NULL (nil) keys; for other keys it equals "murmur2", which ByName provides, or use New`},
		{"fnv1a_random", `partitioner: "fnv1a_random" is not deterministic: it picks a random partition for NULL (nil) keys; for other keys it equals "fnv1a", which ByName provides, or use New`},
		{"Murmur2", `partitioner: unknown partitioner "Murmur2": valid names are ` + validNames},
		{"crc32", `partitioner: unknown partitioner "crc32": valid names are ` + validNames},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fn, err := ByName(tc.name)
			assert.Nil(t, fn)
			assert.EqualError(t, err, tc.want)
		})
	}
}

// TestKindNamesRoundTrip keeps parseKind and String in step, since both
// spell the names out.
func TestKindNamesRoundTrip(t *testing.T) {
	for k := kindRandom; k <= kindFNV1aRandom; k++ {
		got, ok := parseKind(k.String())
		require.True(t, ok, k.String())
		assert.Equal(t, k, got)
		assert.Contains(t, validNames, k.String())
	}
	assert.Equal(t, "kind(200)", kind(200).String())
	k, ok := parseKind("")
	assert.True(t, ok)
	assert.Equal(t, DefaultName, k.String())
}
