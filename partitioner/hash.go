package partitioner

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// Murmur2 parameters. librdkafka, the Java client and franz-go all use the
// same seed, so any other value would move every key.
const (
	murmur2Seed uint32 = 0x9747b28c
	murmur2Mul  uint32 = 0x5bd1e995
)

// FNV-1a 32-bit parameters (offset basis and prime from the FNV spec).
const (
	fnv1aOffset uint32 = 0x811c9dc5
	fnv1aPrime  uint32 = 0x01000193
)

// noPartition is returned for a partition count below 1. It is librdkafka's
// RD_KAFKA_PARTITION_UA ("unassigned"): a value no caller can mistake for a
// real partition, where librdkafka itself would divide by zero.
const noPartition int32 = -1

// Consistent is librdkafka's "consistent" partitioner: the IEEE CRC-32 of
// key reduced with an unsigned 32-bit modulo. Reducing unsigned (rather than
// masking the top bit or taking an absolute value, as Kafka- and
// Sarama-style hashers do) is what makes keys land where librdkafka puts them.
// nil and empty keys both hash to CRC-32("") = 0, so they go to partition 0.
//
// It returns -1 if partitions < 1.
func Consistent(key []byte, partitions int32) int32 {
	if partitions < 1 {
		return noPartition
	}
	return int32(crc32.ChecksumIEEE(key) % uint32(partitions))
}

// Murmur2 is librdkafka's "murmur2" partitioner, which is also the Java
// client's default for non-null keys: 32-bit MurmurHash2 of key with the top
// bit cleared, modulo partitions. nil and empty keys both hash the empty
// input (0x106e08d9), so they always go to 275646681 % partitions.
//
// It returns -1 if partitions < 1.
func Murmur2(key []byte, partitions int32) int32 {
	if partitions < 1 {
		return noPartition
	}
	return int32((murmur2(key) & 0x7fffffff) % uint32(partitions))
}

// FNV1a is librdkafka's "fnv1a" partitioner, which is also Sarama's default
// hash partitioner for non-nil keys: 32-bit FNV-1a of key, made non-negative
// as an int32, modulo partitions. The one hash with no positive int32
// counterpart, 0x80000000, stays 0x80000000 and is reduced unsigned, giving
// 2^31 % partitions. nil and empty keys both go to 2128831035 % partitions.
//
// It returns -1 if partitions < 1.
func FNV1a(key []byte, partitions int32) int32 {
	if partitions < 1 {
		return noPartition
	}
	return int32(fnv1aAbs(key) % uint32(partitions))
}

// ByName returns the pure hash function behind a librdkafka partitioner
// name. Only "consistent", "murmur2" and "fnv1a" are accepted: the others
// choose a random partition for some keys (every key for "random", empty
// and NULL keys for "consistent_random", NULL keys for "murmur2_random" and
// "fnv1a_random"), which a function of (key, partitions) cannot express. For
// those, use [New], or the deterministic counterpart named in the error,
// which agrees with them on every key they hash.
func ByName(name string) (func(key []byte, partitions int32) int32, error) {
	k, ok := parseKind(name)
	if !ok {
		return nil, unknownNameError(name)
	}
	switch k {
	case kindConsistent:
		return Consistent, nil
	case kindMurmur2:
		return Murmur2, nil
	case kindFNV1a:
		return FNV1a, nil
	case kindRandom:
		return nil, fmt.Errorf("partitioner: %q is not deterministic: it picks a random partition for every message; use New", name)
	}
	if name == "" {
		name = k.String()
	}
	return nil, fmt.Errorf("partitioner: %q is not deterministic: it picks a random partition for %s keys; "+
		"for other keys it equals %q, which ByName provides, or use New", name, k.randomKeys(), k.hashed().String())
}

// murmur2 is 32-bit MurmurHash2, reading blocks little-endian so the result
// does not depend on the host's byte order (the original C reads native
// words; librdkafka and Kafka fixed the order to little-endian).
func murmur2(key []byte) uint32 {
	h := murmur2Seed ^ uint32(len(key))
	// Two blocks per iteration: the block mixes are independent of h, so
	// the CPU can overlap them and only the h chain stays serial.
	for len(key) >= 8 {
		k0 := binary.LittleEndian.Uint32(key)
		k1 := binary.LittleEndian.Uint32(key[4:])
		k0 *= murmur2Mul
		k1 *= murmur2Mul
		k0 ^= k0 >> 24
		k1 ^= k1 >> 24
		k0 *= murmur2Mul
		k1 *= murmur2Mul
		h = (h*murmur2Mul^k0)*murmur2Mul ^ k1
		key = key[8:]
	}
	if len(key) >= 4 {
		k := binary.LittleEndian.Uint32(key)
		k *= murmur2Mul
		k ^= k >> 24
		k *= murmur2Mul
		h = h*murmur2Mul ^ k
		key = key[4:]
	}
	// The tail is folded in from its last byte down, and the multiply only
	// happens when there is a tail at all; both are part of the reference
	// algorithm, so they must be kept even though they look irregular.
	switch len(key) {
	case 3:
		h ^= uint32(key[2])<<16 | uint32(key[1])<<8 | uint32(key[0])
		h *= murmur2Mul
	case 2:
		h ^= uint32(key[1])<<8 | uint32(key[0])
		h *= murmur2Mul
	case 1:
		h ^= uint32(key[0])
		h *= murmur2Mul
	}
	h ^= h >> 13
	h *= murmur2Mul
	h ^= h >> 15
	return h
}

// fnv1aAbs is 32-bit FNV-1a followed by librdkafka's int32 absolute value.
// Negating in uint32 leaves 0x80000000 unchanged, which is exactly what the
// shipped librdkafka binary does, so no special case is needed.
func fnv1aAbs(key []byte) uint32 {
	h := fnv1aOffset
	for _, b := range key {
		h ^= uint32(b)
		h *= fnv1aPrime
	}
	if int32(h) < 0 {
		h = -h
	}
	return h
}
