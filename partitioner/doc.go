// Package partitioner places produced records on exactly the partitions that
// librdkafka 2.11.1 (and therefore confluent-kafka-go v2.11.1) would choose,
// so that switching a producer from confluent-kafka-go to purekafka does not
// reshuffle keys across partitions and break per-key ordering or co-location
// with data written by existing producers.
//
// There are two layers.
//
// The pure hash functions [Consistent], [Murmur2] and [FNV1a] reproduce
// librdkafka's public rd_kafka_msg_partitioner_consistent, _murmur2 and
// _fnv1a bit for bit, including the arithmetic quirks that other Go clients
// get wrong: the crc32 result is reduced with an unsigned 32-bit modulo, the
// murmur2 result is masked to 31 bits, and the fnv1a result goes through an
// int32 absolute value that leaves 0x80000000 unchanged. All arithmetic is done
// on uint32, so results do not depend on the platform's int size. [ByName]
// looks these up by their librdkafka configuration name.
//
// [New] builds a [github.com/twmb/franz-go/pkg/kgo.Partitioner] for any value
// of librdkafka's "partitioner" property. It applies the producer-level rules
// on top of the hash functions: which records librdkafka hashes, which it
// spreads randomly, and which it pins to a time-based "sticky" partition
// (sticky.partitioning.linger.ms). A nil [github.com/twmb/franz-go/pkg/kgo.Record]
// Key is librdkafka's NULL key; a non-nil empty Key is an empty key, and
// the two are treated differently, as librdkafka does.
//
// Explicit partitions (confluent-kafka-go's TopicPartition.Partition >= 0)
// are not this package's concern: they bypass librdkafka's partitioner, so the
// producer must route them before a partitioner from [New] is consulted.
package partitioner
