package client

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// timeoutContext turns confluent's millisecond timeouts into a context;
// a negative timeout waits forever, as librdkafka's -1 does.
func timeoutContext(timeoutMs int) (context.Context, context.CancelFunc) {
	if timeoutMs < 0 {
		return context.WithCancel(context.Background())
	}
	return context.WithTimeout(context.Background(), TimeoutDuration(timeoutMs))
}

// TimeoutDuration converts a timeout in milliseconds, as confluent's API
// takes them, to a duration. A timeout too large for time.Duration (about
// 292 years) saturates instead of wrapping around to a negative duration,
// which would make a call meant to wait "forever" give up at once.
func TimeoutDuration(timeoutMs int) time.Duration {
	if int64(timeoutMs) > math.MaxInt64/int64(time.Millisecond) {
		return math.MaxInt64
	}
	return time.Duration(timeoutMs) * time.Millisecond
}

// requestError maps a failed request to confluent's error: a deadline is
// librdkafka's local timeout, anything else goes through ErrorFromKgo.
func requestError(ctx context.Context, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return NewError(ErrTimedOut, "", false)
	}
	return ErrorFromKgo(err)
}

// GetMetadata asks one broker for cluster metadata: of topic if it is set
// (auto-creating it where allow.auto.create.topics and the broker allow, as
// librdkafka does), of every topic if allTopics,
// otherwise of the topics this client consumes.
func (h *Instance) GetMetadata(topic *string, allTopics bool, timeoutMs int) (*Metadata, error) {
	var known []string
	if topic == nil && !allTopics {
		known = h.Client.GetConsumeTopics()
	}
	return h.getMetadata(topic, allTopics, known, timeoutMs)
}

// GetKnownTopicsMetadata is GetMetadata(nil, false, timeoutMs) for a client
// that keeps its own list of the topics it knows: a producer knows those it
// was asked to produce to, as librdkafka knows the topics it holds a
// handle for.
func (h *Instance) GetKnownTopicsMetadata(known []string, timeoutMs int) (*Metadata, error) {
	return h.getMetadata(nil, false, known, timeoutMs)
}

func (h *Instance) getMetadata(topic *string, allTopics bool, known []string, timeoutMs int) (*Metadata, error) {
	ctx, cancel := timeoutContext(timeoutMs)
	defer cancel()

	req := kmsg.NewPtrMetadataRequest()
	switch {
	case topic != nil:
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(*topic)
		req.Topics = append(req.Topics, rt)
		req.AllowAutoTopicCreation = h.cfg.AllowAutoCreateTopics
	case allTopics:
		req.Topics = nil
	default:
		req.Topics = []kmsg.MetadataRequestTopic{}
		for _, t := range known {
			rt := kmsg.NewMetadataRequestTopic()
			rt.Topic = kmsg.StringPtr(t)
			req.Topics = append(req.Topics, rt)
		}
	}

	// RequestSharded (one shard for Metadata) names the broker that answered.
	shards := h.Client.RequestSharded(ctx, req)
	if len(shards) == 0 {
		return nil, NewError(ErrTransport, "no broker answered the metadata request", false)
	}
	shard := shards[0]
	if shard.Err != nil {
		return nil, requestError(ctx, shard.Err)
	}
	return metadataFromResponse(shard.Resp.(*kmsg.MetadataResponse), shard.Meta), nil
}

// metadataFromResponse converts a Metadata response. from is the broker the
// request went to; a seed broker has no real node id yet, so it is matched to
// the listed broker with its address.
func metadataFromResponse(resp *kmsg.MetadataResponse, from kgo.BrokerMetadata) *Metadata {
	md := &Metadata{Topics: make(map[string]TopicMetadata, len(resp.Topics))}
	for _, b := range resp.Brokers {
		bm := BrokerMetadata{ID: b.NodeID, Host: b.Host, Port: int(b.Port)}
		md.Brokers = append(md.Brokers, bm)
		if b.NodeID == from.NodeID || (b.Host == from.Host && b.Port == from.Port) {
			md.OriginatingBroker = bm
		}
	}
	if md.OriginatingBroker.Host == "" {
		md.OriginatingBroker = BrokerMetadata{ID: from.NodeID, Host: from.Host, Port: int(from.Port)}
	}
	for _, t := range resp.Topics {
		if t.Topic == nil {
			continue
		}
		tm := TopicMetadata{Topic: *t.Topic, Error: brokerCodeError(t.ErrorCode)}
		for _, p := range t.Partitions {
			tm.Partitions = append(tm.Partitions, PartitionMetadata{
				ID:       p.Partition,
				Error:    brokerCodeError(p.ErrorCode),
				Leader:   p.Leader,
				Replicas: p.Replicas,
				Isrs:     p.ISR,
			})
		}
		md.Topics[tm.Topic] = tm
	}
	return md
}

// brokerCodeError is the Error confluent puts in metadata for a broker code:
// the zero-code Error (ErrNoError) when there is none.
func brokerCodeError(code int16) Error {
	return NewError(ErrorCode(code), "", false)
}

// QueryWatermarkOffsets returns the low (log start) and high (log end)
// offsets of one partition, asked of its leader.
func (h *Instance) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (low, high int64, err error) {
	ctx, cancel := timeoutContext(timeoutMs)
	defer cancel()
	offsets, err := h.listOffsets(ctx, []TopicPartition{
		{Topic: &topic, Partition: partition, Offset: OffsetBeginning},
		{Topic: &topic, Partition: partition, Offset: OffsetEnd},
	})
	if err != nil {
		return 0, 0, err
	}
	for _, o := range offsets {
		if o.Error != nil {
			return 0, 0, o.Error
		}
	}
	return int64(offsets[0].Offset), int64(offsets[1].Offset), nil
}

// OffsetsForTimes looks up, for each partition, the earliest offset whose
// timestamp is at or after the one given in its Offset field (milliseconds
// since the epoch). Partitions without such a message get OffsetEnd.
func (h *Instance) OffsetsForTimes(times []TopicPartition, timeoutMs int) ([]TopicPartition, error) {
	if len(times) == 0 {
		// librdkafka refuses an empty list rather than asking nobody.
		return nil, NewError(ErrInvalidArg, "", false)
	}
	ctx, cancel := timeoutContext(timeoutMs)
	defer cancel()
	return h.listOffsets(ctx, times)
}

// listOffsets sends one ListOffsets request for tps, each asking for the
// timestamp in its Offset field (OffsetBeginning -2 and OffsetEnd -1 are the
// protocol's own "earliest" and "latest" timestamps). The client shards it to
// the partition leaders. Results come back in the order of tps, each with its
// own error. As in librdkafka, a partition without a leader (missing
// partition or topic) gets ErrUnknownPartition, and when no partition has
// one the call fails with it.
func (h *Instance) listOffsets(ctx context.Context, tps []TopicPartition) ([]TopicPartition, error) {
	// A request can ask each partition once, so beginning and end of the
	// same partition take two requests.
	out := make([]TopicPartition, len(tps))
	copy(out, tps)
	remaining := make([]int, len(tps))
	for i := range remaining {
		remaining[i] = i
	}
	for len(remaining) > 0 {
		req := kmsg.NewPtrListOffsetsRequest()
		req.ReplicaID = -1
		req.IsolationLevel = 1 // read_committed: the high watermark librdkafka reports by default
		seen := map[string]map[int32]bool{}
		topicIdx := map[string]int{}
		var batch, next []int
		for _, i := range remaining {
			tp := tps[i]
			if tp.Topic == nil {
				out[i].Error = NewError(ErrInvalidArg, "topic is nil", false)
				continue
			}
			if seen[*tp.Topic][tp.Partition] {
				next = append(next, i)
				continue
			}
			if seen[*tp.Topic] == nil {
				seen[*tp.Topic] = map[int32]bool{}
			}
			seen[*tp.Topic][tp.Partition] = true
			addListOffsetsPartition(req, topicIdx, *tp.Topic, tp.Partition, int64(tp.Offset))
			batch = append(batch, i)
		}
		remaining = next
		if len(batch) == 0 {
			continue
		}
		got := map[string]map[int32]kmsg.ListOffsetsResponseTopicPartition{}
		for _, shard := range h.Client.RequestSharded(ctx, req) {
			if shard.Err != nil {
				// The client fails partitions it finds no leader
				// for in a shard of their own; they stay missing
				// from got.
				if errors.Is(shard.Err, kerr.UnknownTopicOrPartition) {
					continue
				}
				return nil, requestError(ctx, shard.Err)
			}
			for _, t := range shard.Resp.(*kmsg.ListOffsetsResponse).Topics {
				for _, p := range t.Partitions {
					if got[t.Topic] == nil {
						got[t.Topic] = map[int32]kmsg.ListOffsetsResponseTopicPartition{}
					}
					got[t.Topic][p.Partition] = p
				}
			}
		}
		if len(got) == 0 {
			return nil, NewError(ErrUnknownPartition, "", false)
		}
		for _, i := range batch {
			p, ok := got[*tps[i].Topic][tps[i].Partition]
			switch {
			case !ok:
				out[i].Error = NewError(ErrUnknownPartition, "", false)
			case p.ErrorCode != 0:
				out[i].Error = ErrorFromBroker(p.ErrorCode, nil)
			default:
				out[i].Offset = Offset(p.Offset)
				out[i].LeaderEpoch = EpochPtr(p.LeaderEpoch)
				out[i].Error = nil
			}
		}
	}
	return out, nil
}

// addListOffsetsPartition asks req for the offset of topic/partition at
// timestamp (-2 earliest, -1 latest, -3 max timestamp), grouping partitions
// under their topic as the protocol wants; topicIdx remembers where each
// topic is in req.Topics.
func addListOffsetsPartition(req *kmsg.ListOffsetsRequest, topicIdx map[string]int, topic string, partition int32, timestamp int64) {
	ti, ok := topicIdx[topic]
	if !ok {
		rt := kmsg.NewListOffsetsRequestTopic()
		rt.Topic = topic
		req.Topics = append(req.Topics, rt)
		ti = len(req.Topics) - 1
		topicIdx[topic] = ti
	}
	rp := kmsg.NewListOffsetsRequestTopicPartition()
	rp.Partition = partition
	rp.CurrentLeaderEpoch = -1
	rp.Timestamp = timestamp
	req.Topics[ti].Partitions = append(req.Topics[ti].Partitions, rp)
}
