package client

import (
	"context"
	"fmt"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// ListConsumerGroupOffsets returns the committed offsets of one group:
// groupsPartitions must hold exactly one entry, whose Partitions are the
// partitions to look up, or nil for all the group has committed. Partitions
// without a committed offset get OffsetInvalid.
func (a *AdminClient) ListConsumerGroupOffsets(ctx context.Context, groupsPartitions []ConsumerGroupTopicPartitions, options ...ListConsumerGroupOffsetsAdminOption) (lcgor ListConsumerGroupOffsetsResult, err error) {
	if err := a.verify(); err != nil {
		return lcgor, err
	}
	if len(groupsPartitions) != 1 {
		// A plain error, not a kafka.Error, exactly as in the reference.
		return lcgor, fmt.Errorf("expected length of groupsPartitions is 1, got %d", len(groupsPartitions))
	}
	gp := groupsPartitions[0]
	o, err := resolveOptions(options)
	if err != nil {
		return lcgor, err
	}
	if gp.Partitions != nil && len(gp.Partitions) == 0 {
		return lcgor, NewError(ErrInvalidArg, "NULL or non-empty topic partition list must be passed", false)
	}
	if err := checkPartitionList(gp.Partitions, "Duplicate partitions not allowed"); err != nil {
		return lcgor, err
	}

	rg := kmsg.NewOffsetFetchRequestGroup()
	rg.Group = gp.Group
	if gp.Partitions != nil {
		for topic, parts := range partitionsByTopic(gp.Partitions) {
			rt := kmsg.NewOffsetFetchRequestGroupTopic()
			rt.Topic = topic
			rt.Partitions = parts
			rg.Topics = append(rg.Topics, rt)
		}
	}
	req := kmsg.NewPtrOffsetFetchRequest()
	req.Groups = []kmsg.OffsetFetchRequestGroup{rg}
	req.RequireStable = o.requireStable

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return lcgor, c.fail(err)
	}
	var group *kmsg.OffsetFetchResponseGroup
	for i := range resp.Groups {
		if resp.Groups[i].Group == gp.Group {
			group = &resp.Groups[i]
		}
	}
	if group == nil {
		return lcgor, NewError(ErrBadMsg, "ListConsumerGroupOffsetsResponse response failure: group missing from response", false)
	}
	if group.ErrorCode != 0 {
		code := ErrorCode(group.ErrorCode)
		return lcgor, Errorf(code, "ListConsumerGroupOffsetsResponse response failure: %s", code)
	}

	got := map[topicPartitionKey]TopicPartition{}
	var order []topicPartitionKey
	for _, t := range group.Topics {
		for _, p := range t.Partitions {
			topic := t.Topic
			tp := TopicPartition{Topic: &topic, Partition: p.Partition, Offset: Offset(p.Offset)}
			if p.Offset == -1 {
				tp.Offset = OffsetInvalid // no committed offset
			}
			if p.Metadata != nil && *p.Metadata != "" {
				md := *p.Metadata
				tp.Metadata = &md
			}
			if p.LeaderEpoch >= 0 {
				le := p.LeaderEpoch
				tp.LeaderEpoch = &le
			}
			if p.ErrorCode != 0 {
				tp.Error = NewError(ErrorCode(p.ErrorCode), "", false)
			}
			k := topicPartitionKey{topic, p.Partition}
			got[k] = tp
			order = append(order, k)
		}
	}
	var parts []TopicPartition
	if gp.Partitions != nil {
		// Keep the caller's order; a partition the broker skipped is one
		// without an offset.
		for _, in := range gp.Partitions {
			tp, ok := got[topicPartitionKey{*in.Topic, in.Partition}]
			if !ok {
				tp = TopicPartition{Topic: in.Topic, Partition: in.Partition, Offset: OffsetInvalid}
			}
			parts = append(parts, tp)
		}
	} else {
		sort.Slice(order, func(i, j int) bool { return order[i].less(order[j]) })
		parts = make([]TopicPartition, 0, len(order))
		for _, k := range order {
			parts = append(parts, got[k])
		}
	}
	lcgor.ConsumerGroupsTopicPartitions = []ConsumerGroupTopicPartitions{{Group: gp.Group, Partitions: parts}}
	return lcgor, nil
}

// AlterConsumerGroupOffsets commits offsets for one group, which must have
// no active members: groupsPartitions must hold exactly one entry. The
// result lists the partitions with their per-partition Error.
func (a *AdminClient) AlterConsumerGroupOffsets(ctx context.Context, groupsPartitions []ConsumerGroupTopicPartitions, options ...AlterConsumerGroupOffsetsAdminOption) (acgor AlterConsumerGroupOffsetsResult, err error) {
	if err := a.verify(); err != nil {
		return acgor, err
	}
	if len(groupsPartitions) != 1 {
		return acgor, fmt.Errorf("expected length of groupsPartitions is 1, got %d", len(groupsPartitions))
	}
	gp := groupsPartitions[0]
	o, err := resolveOptions(options)
	if err != nil {
		return acgor, err
	}
	if len(gp.Partitions) == 0 {
		return acgor, NewError(ErrInvalidArg, "Non-empty topic partition list must be present", false)
	}
	for _, tp := range gp.Partitions {
		if tp.Offset < 0 {
			return acgor, NewError(ErrInvalidArg, "All topic-partition offsets must be >= 0", false)
		}
	}
	if err := checkPartitionList(gp.Partitions, "Duplicate partitions not allowed"); err != nil {
		return acgor, err
	}

	offsets := kadm.Offsets{}
	for _, tp := range gp.Partitions {
		epoch := int32(-1)
		if tp.LeaderEpoch != nil {
			epoch = *tp.LeaderEpoch
		}
		offsets.Add(kadm.Offset{
			Topic: *tp.Topic, Partition: tp.Partition, At: int64(tp.Offset),
			LeaderEpoch: epoch, Metadata: derefString(tp.Metadata),
		})
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	// kadm resolves topic ids for OffsetCommit v10+ (Kafka 4.2), which
	// names topics by id.
	resps, err := kadm.NewClient(c.cl).CommitOffsets(c.ctx, gp.Group, offsets)
	if err != nil {
		return acgor, c.fail(err)
	}
	parts := make([]TopicPartition, len(gp.Partitions))
	for i, tp := range gp.Partitions {
		parts[i] = TopicPartition{Topic: tp.Topic, Partition: tp.Partition, Offset: tp.Offset, Metadata: tp.Metadata}
		r, ok := resps.Lookup(*tp.Topic, tp.Partition)
		switch {
		case !ok:
			parts[i].Error = NewError(ErrUnknownPartition, "", false)
		case r.Err != nil:
			parts[i].Error = commitError(r.Err)
		}
	}
	acgor.ConsumerGroupsTopicPartitions = []ConsumerGroupTopicPartitions{{Group: gp.Group, Partitions: parts}}
	return acgor, nil
}

// commitError is the per-partition error of a commit: the broker's code.
func commitError(err error) Error {
	if ke, ok := err.(*kerr.Error); ok {
		return NewError(ErrorCode(ke.Code), "", false)
	}
	return ErrorFromKgo(err)
}

// topicPartitionKey identifies a partition by topic name, since the
// TopicPartitions callers pass carry distinct *string pointers.
type topicPartitionKey struct {
	topic     string
	partition int32
}

func (k topicPartitionKey) less(o topicPartitionKey) bool {
	if k.topic != o.topic {
		return k.topic < o.topic
	}
	return k.partition < o.partition
}

// checkPartitionList rejects partitions without a topic, and duplicates with
// dupMsg (librdkafka's wording differs per call).
func checkPartitionList(tps []TopicPartition, dupMsg string) error {
	seen := make(map[topicPartitionKey]bool, len(tps))
	for i, tp := range tps {
		if tp.Topic == nil {
			// The reference dereferences the nil topic and panics.
			return Errorf(ErrInvalidArg, "Partition at index %d has no topic", i)
		}
		k := topicPartitionKey{*tp.Topic, tp.Partition}
		if seen[k] {
			return NewError(ErrInvalidArg, dupMsg, false)
		}
		seen[k] = true
	}
	return nil
}

// partitionsByTopic groups partition ids by topic name.
func partitionsByTopic(tps []TopicPartition) map[string][]int32 {
	m := map[string][]int32{}
	for _, tp := range tps {
		m[*tp.Topic] = append(m[*tp.Topic], tp.Partition)
	}
	return m
}
