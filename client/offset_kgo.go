package client

import (
	"cmp"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// KgoOffset translates o into the kgo consume position it stands for:
// OffsetBeginning → AtStart, OffsetEnd → AtEnd, OffsetTail(n) →
// AtEnd().Relative(-n) and an absolute offset n → At(n).
//
// ok is false for OffsetStored, OffsetInvalid and the other negative values
// librdkafka gives no meaning: their position depends on the group's
// committed offset or on auto.offset.reset, which only the consumer knows.
func KgoOffset(o Offset) (off kgo.Offset, ok bool) {
	switch {
	case o >= 0:
		return kgo.NewOffset().At(int64(o)), true
	case o == OffsetBeginning:
		return kgo.NewOffset().AtStart(), true
	case o == OffsetEnd:
		return kgo.NewOffset().AtEnd(), true
	}
	if n, tail := IsTailOffset(o); tail {
		return kgo.NewOffset().AtEnd().Relative(-n), true
	}
	return kgo.NewOffset(), false
}

// KgoPartitionOffset is KgoOffset for tp.Offset, additionally carrying
// tp.LeaderEpoch for absolute offsets so that kgo can detect log truncation
// when it resumes there, as librdkafka does with a stored leader epoch.
func KgoPartitionOffset(tp TopicPartition) (kgo.Offset, bool) {
	off, ok := KgoOffset(tp.Offset)
	if ok && tp.Offset >= 0 && tp.LeaderEpoch != nil {
		off = off.WithEpoch(*tp.LeaderEpoch)
	}
	return off, ok
}

// KgoOffsets groups tps into the nested map kgo's ConsumePartitions and
// AddConsumePartitions take. Positions KgoOffset cannot express (stored,
// unset) become unresolved, which the caller chooses (typically the reset
// policy or a committed offset it looked up). Entries without a topic are
// skipped: the reference would crash on them, and they name no partition.
func KgoOffsets(tps []TopicPartition, unresolved kgo.Offset) map[string]map[int32]kgo.Offset {
	out := make(map[string]map[int32]kgo.Offset)
	for _, tp := range tps {
		if tp.Topic == nil {
			continue
		}
		off, ok := KgoPartitionOffset(tp)
		if !ok {
			off = unresolved
		}
		parts := out[*tp.Topic]
		if parts == nil {
			parts = make(map[int32]kgo.Offset)
			out[*tp.Topic] = parts
		}
		parts[tp.Partition] = off
	}
	return out
}

// EpochOffsets converts tps into the nested map kgo uses for commits and
// SetOffsets. Offsets are passed through unchanged (commits carry absolute
// offsets) and a nil LeaderEpoch becomes -1, kgo's "unknown". Entries
// without a topic are skipped.
func EpochOffsets(tps []TopicPartition) map[string]map[int32]kgo.EpochOffset {
	out := make(map[string]map[int32]kgo.EpochOffset)
	for _, tp := range tps {
		if tp.Topic == nil {
			continue
		}
		parts := out[*tp.Topic]
		if parts == nil {
			parts = make(map[int32]kgo.EpochOffset)
			out[*tp.Topic] = parts
		}
		parts[tp.Partition] = kgo.EpochOffset{Epoch: epochOrUnknown(tp.LeaderEpoch), Offset: int64(tp.Offset)}
	}
	return out
}

// TopicPartitionsFromEpochOffsets converts kgo's nested offset map back into
// a TopicPartition list, sorted by topic and partition so that results (and
// String() output built from them) are deterministic despite map order.
func TopicPartitionsFromEpochOffsets(m map[string]map[int32]kgo.EpochOffset) []TopicPartition {
	out := make([]TopicPartition, 0, len(m))
	for topic, parts := range m {
		for p, eo := range parts {
			out = append(out, TopicPartition{
				Topic:       &topic,
				Partition:   p,
				Offset:      Offset(eo.Offset),
				LeaderEpoch: EpochPtr(eo.Epoch),
			})
		}
	}
	sortTopicPartitions(out)
	return out
}

// KadmOffsets converts tps into kadm's offset map (used for admin offset
// commits), carrying commit metadata and leader epochs. Entries without a
// topic are skipped.
func KadmOffsets(tps []TopicPartition) kadm.Offsets {
	out := make(kadm.Offsets)
	for _, tp := range tps {
		if tp.Topic == nil {
			continue
		}
		o := kadm.Offset{
			Topic:       *tp.Topic,
			Partition:   tp.Partition,
			At:          int64(tp.Offset),
			LeaderEpoch: epochOrUnknown(tp.LeaderEpoch),
		}
		if tp.Metadata != nil {
			o.Metadata = *tp.Metadata
		}
		out.Add(o)
	}
	return out
}

// TopicPartitionsFromKadmOffsets converts kadm's offset map into a sorted
// TopicPartition list. Metadata is set only when non-empty, because kadm
// cannot tell empty from absent and the reference reports no metadata as
// nil.
func TopicPartitionsFromKadmOffsets(os kadm.Offsets) []TopicPartition {
	out := make([]TopicPartition, 0, len(os))
	os.Each(func(o kadm.Offset) {
		tp := TopicPartition{
			Topic:       &o.Topic,
			Partition:   o.Partition,
			Offset:      Offset(o.At),
			LeaderEpoch: EpochPtr(o.LeaderEpoch),
		}
		if o.Metadata != "" {
			tp.Metadata = &o.Metadata
		}
		out = append(out, tp)
	})
	sortTopicPartitions(out)
	return out
}

// EpochPtr returns a pointer to epoch, or nil when it is negative, which is
// how the public types spell "leader epoch unknown".
func EpochPtr(epoch int32) *int32 {
	if epoch < 0 {
		return nil
	}
	return &epoch
}

// epochOrUnknown is the inverse of EpochPtr.
func epochOrUnknown(epoch *int32) int32 {
	if epoch == nil {
		return -1
	}
	return *epoch
}

// sortTopicPartitions orders tps by topic, then partition; every element
// must have a topic.
func sortTopicPartitions(tps []TopicPartition) {
	slices.SortFunc(tps, func(a, b TopicPartition) int {
		return cmp.Or(cmp.Compare(*a.Topic, *b.Topic), cmp.Compare(a.Partition, b.Partition))
	})
}
