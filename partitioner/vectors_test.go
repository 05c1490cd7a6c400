package partitioner

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"hash/crc32"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"
)

// The vectors are embedded rather than read from disk so that a test binary
// cross-compiled for arm and run under qemu from any directory still has them.
//
//go:embed testdata/partition-vectors.jsonl
var vectorsJSONL []byte

// vectorCount is the number of lines research/partition-vectors.jsonl holds;
// checking it catches a truncated or partially parsed copy.
const vectorCount = 2752

// vector is one line of partition-vectors.jsonl: what librdkafka 2.11.1's
// public rd_kafka_msg_partitioner_<Partitioner> function returned.
type vector struct {
	Partitioner string `json:"partitioner"`
	KeyHex      string `json:"key_hex"`
	KeyNull     bool   `json:"key_null"`
	Partitions  int32  `json:"partitions"`
	Partition   int32  `json:"partition"`
	Hash        uint32 `json:"hash"`
	Random      bool   `json:"random"`
}

// key returns the vector's key with NULL as nil and an empty key as a non-nil
// empty slice, the distinction the *_random partitioners depend on.
func (v vector) key(t testing.TB) []byte {
	t.Helper()
	if v.KeyNull {
		require.Empty(t, v.KeyHex, "NULL key with bytes")
		return nil
	}
	k, err := hex.DecodeString(v.KeyHex)
	require.NoError(t, err)
	if k == nil {
		k = []byte{}
	}
	return k
}

func loadVectors(t testing.TB) []vector {
	t.Helper()
	var vs []vector
	sc := bufio.NewScanner(bytes.NewReader(vectorsJSONL))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v vector
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&v), "line %d", len(vs)+1)
		vs = append(vs, v)
	}
	require.NoError(t, sc.Err())
	require.Len(t, vs, vectorCount)
	return vs
}

// reducedHash is the uint32 each partitioner reduces modulo the partition
// count; the vectors record it as "hash".
func reducedHash(k kind, key []byte) uint32 {
	switch k.hashed() {
	case kindConsistent:
		return crc32.ChecksumIEEE(key)
	case kindMurmur2:
		return murmur2(key) & 0x7fffffff
	case kindFNV1a:
		return fnv1aAbs(key)
	}
	panic("no hash for " + k.String())
}

// TestVectors checks every librdkafka vector against every layer: the
// function-level model, the exported hash functions, and the kgo partitioner
// built by New with stickiness on and off.
func TestVectors(t *testing.T) {
	var matched, random int
	for i, v := range loadVectors(t) {
		k, ok := parseKind(v.Partitioner)
		require.True(t, ok, "vector %d: partitioner %q", i+1, v.Partitioner)
		key := v.key(t)
		rec := &kgo.Record{Key: key}
		sticky := mustNew(t, v.Partitioner, WithStickyLinger(MaxStickyLinger)).ForTopic("t")
		perMessage := mustNew(t, v.Partitioner, WithStickyLinger(0)).ForTopic("t")

		got, det := hashPartition(k, key, v.Partitions)
		require.Equal(t, !v.Random, det, "vector %d (%s key=%q null=%v): deterministic?", i+1, v.Partitioner, v.KeyHex, v.KeyNull)
		require.Equal(t, det, k.hashes(key), "vector %d: hashes() disagrees with hashPartition", i+1)
		require.Equal(t, det, sticky.RequiresConsistency(rec), "vector %d: RequiresConsistency", i+1)
		require.Equal(t, det, perMessage.RequiresConsistency(rec), "vector %d: RequiresConsistency, sticky off", i+1)

		if v.Random {
			require.Equal(t, int32(-1), v.Partition, "vector %d: random rows carry -1", i+1)
			for _, tp := range []kgo.TopicPartitioner{sticky, perMessage} {
				p := tp.Partition(rec, int(v.Partitions))
				require.GreaterOrEqual(t, p, 0, "vector %d", i+1)
				require.Less(t, p, int(v.Partitions), "vector %d", i+1)
			}
			random++
			continue
		}

		require.Equal(t, v.Partition, got, "vector %d (%s key=%s null=%v n=%d)", i+1, v.Partitioner, v.KeyHex, v.KeyNull, v.Partitions)
		require.Equal(t, v.Hash, reducedHash(k, key), "vector %d: hash", i+1)
		fn, err := ByName(k.hashed().String())
		require.NoError(t, err)
		require.Equal(t, v.Partition, fn(key, v.Partitions), "vector %d: exported %s", i+1, k.hashed())
		require.Equal(t, int(v.Partition), sticky.Partition(rec, int(v.Partitions)), "vector %d: New, sticky on", i+1)
		require.Equal(t, int(v.Partition), perMessage.Partition(rec, int(v.Partitions)), "vector %d: New, sticky off", i+1)
		matched++
	}
	t.Logf("%d deterministic vectors matched exactly, %d random vectors in range", matched, random)
	assert.Equal(t, vectorCount, matched+random)
	assert.Equal(t, 48, random, "the spec lists 48 random rows")
}

func mustNew(t testing.TB, name string, opts ...Option) kgo.Partitioner {
	t.Helper()
	p, err := New(name, opts...)
	require.NoError(t, err)
	return p
}
