package client

import (
	"context"
	"sort"

	"github.com/twmb/franz-go/pkg/kmsg"
)

// ListOffsets looks up, for each partition, the offset its OffsetSpec asks
// for: earliest, latest, the one with the largest timestamp, or the first at
// or after a timestamp. Results are keyed by the caller's TopicPartition
// values; per-partition failures are in their Error.
func (a *AdminClient) ListOffsets(ctx context.Context, topicPartitionOffsets map[TopicPartition]OffsetSpec, options ...ListOffsetsAdminOption) (result ListOffsetsResult, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	if topicPartitionOffsets == nil {
		return result, NewError(ErrInvalidArg, "expected topicPartitionOffsets parameter.", false)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	// A map has no order; sorting makes the indexes in error texts, and
	// the requests, deterministic.
	keys := make([]TopicPartition, 0, len(topicPartitionOffsets))
	for tp := range topicPartitionOffsets {
		keys = append(keys, tp)
	}
	sort.Slice(keys, func(i, j int) bool { return keyOf(keys[i]).less(keyOf(keys[j])) })
	byKey := make(map[topicPartitionKey]TopicPartition, len(keys))
	for i, tp := range keys {
		switch {
		case tp.Topic == nil || *tp.Topic == "":
			return result, Errorf(ErrInvalidArg, "Partition topic name at index %d must be non-empty", i)
		case tp.Partition < 0:
			return result, Errorf(ErrInvalidArg, "Partition at index %d cannot be negative", i)
		}
		if _, dup := byKey[keyOf(tp)]; dup {
			return result, NewError(ErrInvalidArg, "Partitions must not contain duplicates", false)
		}
		byKey[keyOf(tp)] = tp
	}
	for i, tp := range keys {
		if spec := topicPartitionOffsets[tp]; spec < MaxTimestampOffsetSpec {
			return result, Errorf(ErrInvalidArg, "Partition %d has an invalid offset %d", i, int64(spec))
		}
	}
	result.ResultInfos = make(map[TopicPartition]ListOffsetsResultInfo, len(keys))
	if len(keys) == 0 {
		return result, nil
	}

	req := kmsg.NewPtrListOffsetsRequest()
	req.ReplicaID = -1
	req.IsolationLevel = int8(o.isolationLevel)
	topicIdx := map[string]int{}
	for _, tp := range keys {
		addListOffsetsPartition(req, topicIdx, *tp.Topic, tp.Partition, int64(topicPartitionOffsets[tp]))
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	for _, shard := range c.sharded(req) {
		if shard.Err != nil {
			if c.parent.Err() != nil {
				return ListOffsetsResult{}, c.parent.Err()
			}
			e := c.itemError(shard.Err)
			for _, t := range shard.Req.(*kmsg.ListOffsetsRequest).Topics {
				for _, p := range t.Partitions {
					if tp, ok := byKey[topicPartitionKey{t.Topic, p.Partition}]; ok {
						result.ResultInfos[tp] = ListOffsetsResultInfo{Offset: OffsetInvalid, Timestamp: -1, Error: e}
					}
				}
			}
			continue
		}
		for _, t := range shard.Resp.(*kmsg.ListOffsetsResponse).Topics {
			for _, p := range t.Partitions {
				tp, ok := byKey[topicPartitionKey{t.Topic, p.Partition}]
				if !ok {
					continue
				}
				info := ListOffsetsResultInfo{
					Offset:    Offset(p.Offset),
					Timestamp: p.Timestamp,
					Error:     NewError(ErrorCode(p.ErrorCode), "", false),
				}
				if p.LeaderEpoch >= 0 {
					le := p.LeaderEpoch
					info.LeaderEpoch = &le
				}
				result.ResultInfos[tp] = info
			}
		}
	}
	for _, tp := range keys {
		if _, ok := result.ResultInfos[tp]; !ok {
			result.ResultInfos[tp] = ListOffsetsResultInfo{Offset: OffsetInvalid, Timestamp: -1, Error: missingResultError()}
		}
	}
	return result, nil
}

func keyOf(tp TopicPartition) topicPartitionKey {
	if tp.Topic == nil {
		return topicPartitionKey{partition: tp.Partition}
	}
	return topicPartitionKey{*tp.Topic, tp.Partition}
}

// DeleteRecords deletes the records of each partition below the offset
// given in its Offset field (OffsetEnd: everything). The results, in the
// order of recordsToDelete, carry the new low watermark or the partition's
// error.
func (a *AdminClient) DeleteRecords(ctx context.Context, recordsToDelete []TopicPartition, options ...DeleteRecordsAdminOption) (result DeleteRecordsResults, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	if len(recordsToDelete) == 0 {
		return result, NewError(ErrInvalidArg, "No records to delete", false)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	if err := checkPartitionList(recordsToDelete, "Duplicate partitions not allowed"); err != nil {
		return result, err
	}
	req := kmsg.NewPtrDeleteRecordsRequest()
	req.TimeoutMillis = a.operationTimeoutMs(o)
	topicIdx := map[string]int{}
	for _, tp := range recordsToDelete {
		ti, ok := topicIdx[*tp.Topic]
		if !ok {
			rt := kmsg.NewDeleteRecordsRequestTopic()
			rt.Topic = *tp.Topic
			req.Topics = append(req.Topics, rt)
			ti = len(req.Topics) - 1
			topicIdx[*tp.Topic] = ti
		}
		rp := kmsg.NewDeleteRecordsRequestTopicPartition()
		rp.Partition = tp.Partition
		rp.Offset = int64(tp.Offset)
		req.Topics[ti].Partitions = append(req.Topics[ti].Partitions, rp)
	}

	results := make([]DeleteRecordsResult, len(recordsToDelete))
	idx := make(map[topicPartitionKey]int, len(recordsToDelete))
	for i, tp := range recordsToDelete {
		idx[keyOf(tp)] = i
		// librdkafka's marker for a partition no request was sent for.
		results[i].TopicPartition = TopicPartition{Topic: tp.Topic, Partition: tp.Partition, Offset: tp.Offset,
			Error: NewError(ErrNoop, "", false)}
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	for _, shard := range c.sharded(req) {
		if shard.Err != nil {
			if c.parent.Err() != nil {
				return result, c.parent.Err()
			}
			e := c.itemError(shard.Err)
			for _, t := range shard.Req.(*kmsg.DeleteRecordsRequest).Topics {
				for _, p := range t.Partitions {
					if i, ok := idx[topicPartitionKey{t.Topic, p.Partition}]; ok {
						results[i].TopicPartition.Error = e
					}
				}
			}
			continue
		}
		for _, t := range shard.Resp.(*kmsg.DeleteRecordsResponse).Topics {
			for _, p := range t.Partitions {
				i, ok := idx[topicPartitionKey{t.Topic, p.Partition}]
				if !ok {
					continue
				}
				r := &results[i]
				if p.ErrorCode != 0 {
					r.TopicPartition.Error = NewError(ErrorCode(p.ErrorCode), "", false)
					continue
				}
				r.TopicPartition.Offset = Offset(p.LowWatermark)
				r.TopicPartition.Error = nil
				r.DeletedRecords = &DeletedRecords{LowWatermark: Offset(p.LowWatermark)}
			}
		}
	}
	result.DeleteRecordsResults = results
	return result, nil
}

// ElectLeaders triggers leader elections for partitions (all of them when
// the request's partition list is nil). Each result partition carries its
// outcome in Error, ErrNoError on success; ErrElectionNotNeeded means the
// preferred leader already leads.
func (a *AdminClient) ElectLeaders(ctx context.Context, electLeaderRequest ElectLeadersRequest, options ...ElectLeadersAdminOption) (result ElectLeadersResult, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	parts := electLeaderRequest.partitions
	if parts != nil {
		if err := checkPartitionList(parts, "Duplicate partitions specified"); err != nil {
			return result, err
		}
	}
	req := kmsg.NewPtrElectLeadersRequest()
	req.ElectionType = int8(electLeaderRequest.electionType)
	req.TimeoutMillis = a.operationTimeoutMs(o)
	if parts != nil {
		req.Topics = []kmsg.ElectLeadersRequestTopic{}
		for topic, ps := range partitionsByTopic(parts) {
			rt := kmsg.NewElectLeadersRequestTopic()
			rt.Topic = topic
			rt.Partitions = ps
			req.Topics = append(req.Topics, rt)
		}
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return result, c.fail(err)
	}
	if resp.ErrorCode != 0 {
		code := ErrorCode(resp.ErrorCode)
		return result, Errorf(code, "ElectLeaders request failed: %s", code)
	}
	var out []TopicPartition
	for _, t := range resp.Topics {
		for _, p := range t.Partitions {
			topic := t.Topic
			e := adminError(p.ErrorCode, p.ErrorMessage)
			if p.ErrorCode == 0 {
				// librdkafka creates an error object for every partition,
				// "Success" included.
				e = NewError(ErrNoError, ErrNoError.String(), false)
			}
			out = append(out, TopicPartition{Topic: &topic, Partition: p.Partition, Offset: OffsetInvalid, Error: e})
		}
	}
	if parts != nil {
		// Answer in the order of the request, as librdkafka does.
		pos := make(map[topicPartitionKey]int, len(parts))
		for i, tp := range parts {
			pos[keyOf(tp)] = i
		}
		sort.SliceStable(out, func(i, j int) bool { return pos[keyOf(out[i])] < pos[keyOf(out[j])] })
	}
	result.TopicPartitions = out
	return result, nil
}
