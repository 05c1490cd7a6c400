package client

import "fmt"

// PartitionAny lets the producer's partitioner choose the partition
// (librdkafka's RD_KAFKA_PARTITION_UA).
const PartitionAny = int32(-1)

// TopicPartition identifies a topic partition, optionally with an offset,
// commit metadata, a per-partition error and a leader epoch, depending on
// the API it is passed to or returned from.
//
// It must stay comparable: the admin API uses it as a map key. That is why
// the optional parts are pointers and Error is an interface (holding the
// comparable Error value) rather than slices or maps.
type TopicPartition struct {
	Topic       *string // Topic name; nil only in invalid input
	Partition   int32   // Partition number, or PartitionAny when producing
	Offset      Offset  // Absolute or logical offset
	Metadata    *string // Commit metadata; nil when there is none
	Error       error   // Per-partition result; nil on success
	LeaderEpoch *int32  // nil when the epoch is unknown
}

// String renders the partition as "topic[partition]@offset", with the error
// appended in parentheses when set and "<null>" for a nil topic, as the
// reference does; applications log and sometimes parse this form.
func (p TopicPartition) String() string {
	topic := "<null>"
	if p.Topic != nil {
		topic = *p.Topic
	}
	if p.Error != nil {
		return fmt.Sprintf("%s[%d]@%s(%s)", topic, p.Partition, p.Offset, p.Error)
	}
	return fmt.Sprintf("%s[%d]@%s", topic, p.Partition, p.Offset)
}

// TopicPartitions is a slice of TopicPartition that sorts by topic, then
// partition.
type TopicPartitions []TopicPartition

// Len implements sort.Interface.
func (tps TopicPartitions) Len() int {
	return len(tps)
}

// Less implements sort.Interface, ordering by topic name and then partition.
// Like the reference it dereferences Topic, so every element must have one.
func (tps TopicPartitions) Less(i, j int) bool {
	ti, tj := *tps[i].Topic, *tps[j].Topic
	if ti != tj {
		return ti < tj
	}
	return tps[i].Partition < tps[j].Partition
}

// Swap implements sort.Interface.
func (tps TopicPartitions) Swap(i, j int) {
	tps[i], tps[j] = tps[j], tps[i]
}
