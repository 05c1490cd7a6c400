package partitioner

import (
	"fmt"
	"hash/crc32"
)

// kind identifies one of librdkafka's built-in partitioners. Switching on a
// small integer keeps the per-record path free of string compares and of
// indirect calls.
type kind uint8

const (
	kindRandom kind = iota
	kindConsistent
	kindConsistentRandom
	kindMurmur2
	kindMurmur2Random
	kindFNV1a
	kindFNV1aRandom
)

// validNames is spelled out once so that every "unknown name" error lists the
// same choices, in librdkafka's documentation order.
const validNames = `random, consistent, consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random ("" means consistent_random)`

// DefaultName is librdkafka's default value of the "partitioner" property.
const DefaultName = "consistent_random"

// parseKind accepts exactly the spellings librdkafka accepts (it compares
// case-sensitively), plus "" for the default, because an unset ConfigMap
// entry arrives as the empty string.
func parseKind(name string) (kind, bool) {
	switch name {
	case "random":
		return kindRandom, true
	case "consistent":
		return kindConsistent, true
	case "consistent_random", "":
		return kindConsistentRandom, true
	case "murmur2":
		return kindMurmur2, true
	case "murmur2_random":
		return kindMurmur2Random, true
	case "fnv1a":
		return kindFNV1a, true
	case "fnv1a_random":
		return kindFNV1aRandom, true
	}
	return 0, false
}

func unknownNameError(name string) error {
	return fmt.Errorf("partitioner: unknown partitioner %q: valid names are %s", name, validNames)
}

// String returns the librdkafka configuration name.
func (k kind) String() string {
	switch k {
	case kindRandom:
		return "random"
	case kindConsistent:
		return "consistent"
	case kindConsistentRandom:
		return "consistent_random"
	case kindMurmur2:
		return "murmur2"
	case kindMurmur2Random:
		return "murmur2_random"
	case kindFNV1a:
		return "fnv1a"
	case kindFNV1aRandom:
		return "fnv1a_random"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// hashed maps a *_random kind to the deterministic kind it agrees with on
// every key it hashes.
func (k kind) hashed() kind {
	switch k {
	case kindConsistentRandom:
		return kindConsistent
	case kindMurmur2Random:
		return kindMurmur2
	case kindFNV1aRandom:
		return kindFNV1a
	}
	return k
}

// randomKeys describes, for error messages, which keys a *_random kind does
// not hash.
func (k kind) randomKeys() string {
	if k == kindConsistentRandom {
		return "NULL (nil) and empty"
	}
	return "NULL (nil)"
}

// stickyCapable reports whether librdkafka lets sticky partitioning apply to
// this partitioner at all: the three purely hashing ones never see a random
// pick, so they have nothing to make sticky.
func (k kind) stickyCapable() bool {
	switch k {
	case kindConsistent, kindMurmur2, kindFNV1a:
		return false
	}
	return true
}

// hashPartition is what librdkafka's public rd_kafka_msg_partitioner_<kind>
// function returns for (key, n), where that is deterministic. ok is false when
// the function would draw a random partition instead. A nil key is a NULL
// key; a non-nil empty key is a key of length 0, and the *_random functions
// tell the two apart. n must be at least 1.
func hashPartition(k kind, key []byte, n int32) (p int32, ok bool) {
	switch k {
	case kindConsistentRandom:
		if len(key) == 0 {
			return 0, false
		}
		fallthrough
	case kindConsistent:
		return int32(crc32.ChecksumIEEE(key) % uint32(n)), true
	case kindMurmur2Random:
		if key == nil {
			return 0, false
		}
		fallthrough
	case kindMurmur2:
		return int32((murmur2(key) & 0x7fffffff) % uint32(n)), true
	case kindFNV1aRandom:
		if key == nil {
			return 0, false
		}
		fallthrough
	case kindFNV1a:
		return int32(fnv1aAbs(key) % uint32(n)), true
	}
	return 0, false
}

// hashes reports whether hashPartition is deterministic for key, without
// paying for the hash. Every key the producer sends down the sticky branch is
// one that is not hashed, so this alone decides RequiresConsistency.
func (k kind) hashes(key []byte) bool {
	switch k {
	case kindRandom:
		return false
	case kindConsistentRandom:
		return len(key) > 0
	case kindMurmur2Random, kindFNV1aRandom:
		return key != nil
	}
	return true
}

// sticky reports whether librdkafka's producer sends a PartitionAny record
// with this key through the sticky branch instead of calling the partitioner
// function, given that sticky partitioning is enabled. Only NULL keys qualify,
// plus empty keys under consistent_random (whose function would otherwise
// pick randomly for them); an empty key under the other *_random kinds or
// "random" is not sticky.
func (k kind) sticky(key []byte) bool {
	if !k.stickyCapable() {
		return false
	}
	return key == nil || (len(key) == 0 && k == kindConsistentRandom)
}
