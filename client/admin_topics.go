package client

import (
	"context"
	"slices"
	"sort"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// librdkafka's protocol limits, which it checks before sending.
const (
	maxPartitions = 100000 // RD_KAFKAP_PARTITIONS_MAX
	maxBrokers    = 10000  // RD_KAFKAP_BROKERS_MAX
)

// CreateTopics creates topics. Per-topic failures, including those of
// SetAdminValidateOnly, come back in the results (in the order of topics);
// err is set only when the call as a whole failed.
func (a *AdminClient) CreateTopics(ctx context.Context, topics []TopicSpecification, options ...CreateTopicsAdminOption) (result []TopicResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if len(topics) == 0 {
		// The reference indexes topics[0] and panics; an error is kinder.
		return nil, NewError(ErrInvalidArg, "Expected non-empty slice of TopicSpecification structs", false)
	}
	req := kmsg.NewPtrCreateTopicsRequest()
	for _, t := range topics {
		rt, err := createTopicRequest(t)
		if err != nil {
			return nil, err
		}
		req.Topics = append(req.Topics, rt)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	req.TimeoutMillis = a.operationTimeoutMs(o)
	req.ValidateOnly = o.validateOnly

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return nil, c.fail(err)
	}
	results := make([]TopicResult, len(topics))
	pos := newPositions(len(topics), func(i int) string { return topics[i].Topic })
	for _, t := range resp.Topics {
		code := t.ErrorCode
		if code == kerr.RequestTimedOut.Code && a.operationTimeoutUnset(o) {
			code = 0 // creation was triggered and is still in progress
		}
		if i, ok := pos.take(t.Topic); ok {
			results[i] = TopicResult{Topic: t.Topic, Error: adminError(code, t.ErrorMessage)}
		}
	}
	pos.fillMissing(func(i int) { results[i] = TopicResult{Topic: topics[i].Topic, Error: missingResultError()} })
	return results, nil
}

// createTopicRequest validates one TopicSpecification as librdkafka does and
// turns it into the request entry.
func createTopicRequest(t TopicSpecification) (kmsg.CreateTopicsRequestTopic, error) {
	rt := kmsg.NewCreateTopicsRequestTopic()
	rf := t.ReplicationFactor
	if rf == 0 {
		rf = -1 // the broker's default
	}
	if t.ReplicaAssignment != nil {
		if rf != -1 {
			return rt, NewError(ErrInvalidArg,
				"TopicSpecification.ReplicationFactor and TopicSpecification.ReplicaAssignment are mutually exclusive", false)
		}
		if len(t.ReplicaAssignment) != t.NumPartitions {
			return rt, NewError(ErrInvalidArg,
				"TopicSpecification.ReplicaAssignment must contain exactly TopicSpecification.NumPartitions partitions", false)
		}
	}
	if t.NumPartitions < -1 || t.NumPartitions > maxPartitions {
		return rt, Errorf(ErrInvalidArg, "Topic %s: num_partitions out of expected range %d..%d or -1 for broker default",
			t.Topic, 1, maxPartitions)
	}
	if rf < -1 || rf > maxBrokers {
		return rt, Errorf(ErrInvalidArg, "Topic %s: replication_factor out of expected range %d..%d", t.Topic, -1, maxBrokers)
	}
	rt.Topic = t.Topic
	rt.NumPartitions = int32(t.NumPartitions)
	rt.ReplicationFactor = int16(rf)
	if len(t.ReplicaAssignment) > 0 {
		// The protocol wants -1 for both counts when replicas are given.
		rt.NumPartitions = -1
		for p, replicas := range t.ReplicaAssignment {
			if len(replicas) > maxBrokers {
				return rt, Errorf(ErrInvalidArg,
					"Failed to set replica assignment for topic %s partition %d: Too many brokers specified (RD_KAFKAP_BROKERS_MAX=%d)",
					t.Topic, p, maxBrokers)
			}
			ra := kmsg.NewCreateTopicsRequestTopicReplicaAssignment()
			ra.Partition = int32(p)
			ra.Replicas = slices.Clone(replicas)
			rt.ReplicaAssignment = append(rt.ReplicaAssignment, ra)
		}
	}
	for _, k := range sortedStringKeys(t.Config) {
		rc := kmsg.NewCreateTopicsRequestTopicConfig()
		rc.Name = k
		rc.Value = kmsg.StringPtr(t.Config[k])
		rt.Configs = append(rt.Configs, rc)
	}
	return rt, nil
}

// DeleteTopics deletes topics. Per-topic failures come back in the results,
// in the order of topics.
func (a *AdminClient) DeleteTopics(ctx context.Context, topics []string, options ...DeleteTopicsAdminOption) (result []TopicResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if len(topics) == 0 {
		return nil, NewError(ErrInvalidArg, "Expected non-empty slice of topic names", false)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	req := kmsg.NewPtrDeleteTopicsRequest()
	req.TimeoutMillis = a.operationTimeoutMs(o)
	for _, t := range topics {
		req.TopicNames = append(req.TopicNames, t) // up to v5
		rt := kmsg.NewDeleteTopicsRequestTopic()
		rt.Topic = kmsg.StringPtr(t) // v6+
		req.Topics = append(req.Topics, rt)
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return nil, c.fail(err)
	}
	results := make([]TopicResult, len(topics))
	pos := newPositions(len(topics), func(i int) string { return topics[i] })
	for _, t := range resp.Topics {
		if t.Topic == nil {
			continue
		}
		code := t.ErrorCode
		if code == kerr.RequestTimedOut.Code && a.operationTimeoutUnset(o) {
			code = 0
		}
		if i, ok := pos.take(*t.Topic); ok {
			// librdkafka reports the code's description here, not the
			// broker's message.
			results[i] = TopicResult{Topic: *t.Topic, Error: adminError(code, nil)}
		}
	}
	pos.fillMissing(func(i int) { results[i] = TopicResult{Topic: topics[i], Error: missingResultError()} })
	return results, nil
}

// CreatePartitions raises the partition count of topics. Per-topic failures
// come back in the results, in the order of partitions.
func (a *AdminClient) CreatePartitions(ctx context.Context, partitions []PartitionsSpecification, options ...CreatePartitionsAdminOption) (result []TopicResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if len(partitions) == 0 {
		return nil, NewError(ErrInvalidArg, "Expected non-empty slice of PartitionsSpecification structs", false)
	}
	req := kmsg.NewPtrCreatePartitionsRequest()
	for _, p := range partitions {
		if p.IncreaseTo < 1 || p.IncreaseTo > maxPartitions {
			return nil, Errorf(ErrInvalidArg, "Topic %s: new_total_cnt out of expected range %d..%d", p.Topic, 1, maxPartitions)
		}
		rt := kmsg.NewCreatePartitionsRequestTopic()
		rt.Topic = p.Topic
		rt.Count = int32(p.IncreaseTo)
		for i, replicas := range p.ReplicaAssignment {
			if len(replicas) > maxBrokers {
				return nil, Errorf(ErrInvalidArg,
					"Failed to set replica assignment for topic %s new partition index %d: Too many brokers specified (RD_KAFKAP_BROKERS_MAX=%d)",
					p.Topic, i, maxBrokers)
			}
			ra := kmsg.NewCreatePartitionsRequestTopicAssignment()
			ra.Replicas = slices.Clone(replicas)
			rt.Assignment = append(rt.Assignment, ra)
		}
		req.Topics = append(req.Topics, rt)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	req.TimeoutMillis = a.operationTimeoutMs(o)
	req.ValidateOnly = o.validateOnly

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return nil, c.fail(err)
	}
	results := make([]TopicResult, len(partitions))
	pos := newPositions(len(partitions), func(i int) string { return partitions[i].Topic })
	for _, t := range resp.Topics {
		code := t.ErrorCode
		if code == kerr.RequestTimedOut.Code && a.operationTimeoutUnset(o) {
			code = 0
		}
		if i, ok := pos.take(t.Topic); ok {
			results[i] = TopicResult{Topic: t.Topic, Error: adminError(code, t.ErrorMessage)}
		}
	}
	pos.fillMissing(func(i int) {
		results[i] = TopicResult{Topic: partitions[i].Topic, Error: missingResultError()}
	})
	return results, nil
}

// DescribeTopics describes topics by name: id, partitions with leaders and
// replicas, and with SetAdminOptionIncludeAuthorizedOperations the
// operations the client may perform. Per-topic errors (such as an unknown
// topic) come back in the descriptions, in the order of the request.
func (a *AdminClient) DescribeTopics(ctx context.Context, topics TopicCollection, options ...DescribeTopicsAdminOption) (result DescribeTopicsResult, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	names := topics.topicNames
	if names == nil {
		return result, NewError(ErrInvalidArg, "TopicCollection of topic names cannot be nil", false)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	if len(names) == 0 {
		return result, nil
	}
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	if len(slices.Compact(sorted)) != len(names) {
		return result, NewError(ErrInvalidArg, "Duplicate topics not allowed", false)
	}
	for i, n := range names {
		if n == "" {
			return result, Errorf(ErrInvalidArg, "Empty topic name at index %d isn't allowed", i)
		}
	}

	req := kmsg.NewPtrMetadataRequest()
	for _, n := range names {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(n)
		req.Topics = append(req.Topics, rt)
	}
	req.AllowAutoTopicCreation = false
	req.IncludeTopicAuthorizedOperations = o.includeAuthOps

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return result, c.fail(err)
	}
	brokers := brokerNodes(resp.Brokers)
	descs := make([]TopicDescription, len(names))
	pos := newPositions(len(names), func(i int) string { return names[i] })
	for _, t := range resp.Topics {
		if t.Topic == nil {
			continue
		}
		i, ok := pos.take(*t.Topic)
		if !ok {
			continue
		}
		descs[i] = topicDescription(t, brokers)
	}
	pos.fillMissing(func(i int) {
		descs[i] = TopicDescription{Name: names[i], Error: adminError(kerr.UnknownTopicOrPartition.Code, nil)}
	})
	result.TopicDescriptions = descs
	return result, nil
}

// topicDescription converts one topic of a Metadata response.
func topicDescription(t kmsg.MetadataResponseTopic, brokers map[int32]Node) TopicDescription {
	d := TopicDescription{Name: *t.Topic}
	if t.ErrorCode != 0 {
		// Only the name and the error, as in the reference (whose TopicID
		// is then the zero UUID, printing as "").
		d.Error = adminError(t.ErrorCode, nil)
		return d
	}
	d.TopicID = newUUID(t.TopicID)
	d.IsInternal = t.IsInternal
	d.AuthorizedOperations = authorizedOperations(t.AuthorizedOperations)
	parts := slices.Clone(t.Partitions)
	sort.Slice(parts, func(i, j int) bool { return parts[i].Partition < parts[j].Partition })
	d.Partitions = make([]TopicPartitionInfo, 0, len(parts))
	for _, p := range parts {
		info := TopicPartitionInfo{
			Partition: int(p.Partition),
			Replicas:  nodesOf(p.Replicas, brokers),
			Isr:       nodesOf(p.ISR, brokers),
		}
		if p.Leader >= 0 {
			n := nodeOf(p.Leader, brokers)
			info.Leader = &n
		}
		d.Partitions = append(d.Partitions, info)
	}
	return d
}

// brokerNodes indexes the brokers of a Metadata response.
func brokerNodes(brokers []kmsg.MetadataResponseBroker) map[int32]Node {
	m := make(map[int32]Node, len(brokers))
	for _, b := range brokers {
		m[b.NodeID] = Node{ID: int(b.NodeID), Host: b.Host, Port: int(b.Port), Rack: b.Rack}
	}
	return m
}

// nodeOf returns the broker with id, or a node with only the id when the
// broker is not in the metadata (it may be down).
func nodeOf(id int32, brokers map[int32]Node) Node {
	if n, ok := brokers[id]; ok {
		return n
	}
	return Node{ID: int(id)}
}

func nodesOf(ids []int32, brokers map[int32]Node) []Node {
	nodes := make([]Node, 0, len(ids))
	for _, id := range ids {
		nodes = append(nodes, nodeOf(id, brokers))
	}
	return nodes
}

// positions maps the names in a response back to the indexes of the request,
// since brokers answer in any order. A name requested twice takes the
// positions in turn.
type positions struct {
	byName map[string][]int
	filled []bool
}

func newPositions(n int, name func(int) string) *positions {
	p := &positions{byName: make(map[string][]int, n), filled: make([]bool, n)}
	for i := range n {
		p.byName[name(i)] = append(p.byName[name(i)], i)
	}
	return p
}

// take returns the next unfilled index for name.
func (p *positions) take(name string) (int, bool) {
	idx := p.byName[name]
	if len(idx) == 0 {
		return 0, false
	}
	p.byName[name] = idx[1:]
	p.filled[idx[0]] = true
	return idx[0], true
}

// fillMissing calls fill for every index the response did not answer.
func (p *positions) fillMissing(fill func(i int)) {
	for i, ok := range p.filled {
		if !ok {
			fill(i)
		}
	}
}

// missingResultError is the error of an item the broker left out of its
// response, which a conforming broker never does.
func missingResultError() Error {
	return NewError(ErrBadMsg, "Broker response did not include this item", false)
}

// sortedStringKeys returns m's keys in order, so that requests are
// deterministic.
func sortedStringKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
