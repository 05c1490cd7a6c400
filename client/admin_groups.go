package client

import (
	"context"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// consumerProtocolType is the protocol type of consumer groups; groups of
// other types (Connect workers, say) are not consumer groups.
const consumerProtocolType = "consumer"

// ListConsumerGroups lists the consumer groups of every broker. Brokers that
// fail add to result.Errors instead of failing the call.
func (a *AdminClient) ListConsumerGroups(ctx context.Context, options ...ListConsumerGroupsAdminOption) (result ListConsumerGroupsResult, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	req := kmsg.NewPtrListGroupsRequest()
	for _, s := range o.matchStates {
		req.StatesFilter = append(req.StatesFilter, s.String())
	}
	for _, t := range o.matchTypes {
		// Kafka's own spelling ("consumer", "classic"); brokers match
		// case-insensitively, but not every implementation does.
		req.TypesFilter = append(req.TypesFilter, strings.ToLower(t.String()))
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	result.Valid = []ConsumerGroupListing{}
	for _, shard := range c.sharded(req) {
		if shard.Err != nil {
			if c.parent.Err() != nil {
				return ListConsumerGroupsResult{}, c.parent.Err()
			}
			result.Errors = append(result.Errors, withText(c.itemError(shard.Err)))
			continue
		}
		resp := shard.Resp.(*kmsg.ListGroupsResponse)
		if resp.ErrorCode != 0 {
			code := ErrorCode(resp.ErrorCode)
			result.Errors = append(result.Errors, Errorf(code, "Broker [%d] ListConsumerGroups: %s", shard.Meta.NodeID, code))
		}
		for _, g := range resp.Groups {
			simple := g.ProtocolType == ""
			if !simple && g.ProtocolType != consumerProtocolType {
				continue
			}
			state, _ := ConsumerGroupStateFromString(g.GroupState)
			result.Valid = append(result.Valid, ConsumerGroupListing{
				GroupID:               g.Group,
				IsSimpleConsumerGroup: simple,
				State:                 state,
				Type:                  ConsumerGroupTypeFromString(g.GroupType),
			})
		}
	}
	return result, nil
}

// DescribeConsumerGroups describes consumer groups: state, type, assignor,
// coordinator and members with their assignments. KIP-848 groups are
// described with ConsumerGroupDescribe, classic ones with DescribeGroups,
// falling back as librdkafka does. Per-group errors come back in the
// descriptions, in the order of groups.
func (a *AdminClient) DescribeConsumerGroups(ctx context.Context, groups []string, options ...DescribeConsumerGroupsAdminOption) (result DescribeConsumerGroupsResult, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	if len(groups) == 0 {
		return result, NewError(ErrInvalidArg, "No groups to describe", false)
	}
	if hasDuplicates(groups) {
		return result, NewError(ErrInvalidArg, "Duplicate groups not allowed", false)
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	descs := make([]ConsumerGroupDescription, len(groups))
	pos := newPositions(len(groups), func(i int) string { return groups[i] })

	// KIP-848 first. A group the new API does not know (a classic group,
	// or none at all) and brokers without the API go to DescribeGroups.
	req := kmsg.NewPtrConsumerGroupDescribeRequest()
	req.Groups = slices.Clone(groups)
	req.IncludeAuthorizedOperations = o.includeAuthOps
	var classic []string
	type described struct {
		g      kmsg.ConsumerGroupDescribeResponseGroup
		broker kgo.BrokerMetadata
	}
	var nextGen []described
	for _, shard := range c.sharded(req) {
		if shard.Err != nil {
			if c.done() {
				return result, c.fail(shard.Err)
			}
			classic = append(classic, shard.Req.(*kmsg.ConsumerGroupDescribeRequest).Groups...)
			continue
		}
		for _, g := range shard.Resp.(*kmsg.ConsumerGroupDescribeResponse).Groups {
			switch g.ErrorCode {
			case kerr.GroupIDNotFound.Code, kerr.UnsupportedVersion.Code:
				classic = append(classic, g.Group)
				continue
			}
			nextGen = append(nextGen, described{g, shard.Meta})
		}
	}
	var unnamed [][16]byte
	for _, d := range nextGen {
		unnamed = append(unnamed, unnamedTopics(d.g)...)
	}
	names := topicNames(c, unnamed)
	for _, d := range nextGen {
		if i, ok := pos.take(d.g.Group); ok {
			descs[i] = consumerGroupDescription(d.g, d.broker, names)
		}
	}

	if len(classic) > 0 {
		req := kmsg.NewPtrDescribeGroupsRequest()
		req.Groups = classic
		req.IncludeAuthorizedOperations = o.includeAuthOps
		for _, shard := range c.sharded(req) {
			if shard.Err != nil {
				if c.parent.Err() != nil {
					return result, c.parent.Err()
				}
				for _, g := range shard.Req.(*kmsg.DescribeGroupsRequest).Groups {
					if i, ok := pos.take(g); ok {
						descs[i] = groupErrorDescription(g, withText(c.itemError(shard.Err)))
					}
				}
				continue
			}
			for _, g := range shard.Resp.(*kmsg.DescribeGroupsResponse).Groups {
				if i, ok := pos.take(g.Group); ok {
					descs[i] = classicGroupDescription(g, shard.Meta)
				}
			}
		}
	}
	pos.fillMissing(func(i int) { descs[i] = groupErrorDescription(groups[i], missingResultError()) })
	result.ConsumerGroupDescriptions = descs
	return result, nil
}

// groupErrorDescription is the description of a group that could not be
// described: only the id and the error, and a coordinator with id -1.
func groupErrorDescription(group string, err Error) ConsumerGroupDescription {
	return ConsumerGroupDescription{
		GroupID:     group,
		Error:       err,
		Coordinator: Node{ID: -1},
		Members:     []MemberDescription{},
	}
}

// coordinatorNode is the broker that answered, as librdkafka reports the
// coordinator (without rack).
func coordinatorNode(b kgo.BrokerMetadata) Node {
	return Node{ID: int(b.NodeID), Host: b.Host, Port: int(b.Port)}
}

// unnamedTopics lists the topic ids of a KIP-848 group's assignments that
// come without a name. Kafka names them; other implementations may not.
func unnamedTopics(g kmsg.ConsumerGroupDescribeResponseGroup) [][16]byte {
	var ids [][16]byte
	for _, m := range g.Members {
		for _, a := range []kmsg.Assignment{m.Assignment, m.TargetAssignment} {
			for _, t := range a.TopicPartitions {
				if t.Topic == "" && t.TopicID != ([16]byte{}) {
					ids = append(ids, t.TopicID)
				}
			}
		}
	}
	return ids
}

// topicNames resolves topic ids to names with a metadata request for all
// topics. A failure leaves names empty: the description is still useful.
func topicNames(c *call, ids [][16]byte) map[[16]byte]string {
	names := map[[16]byte]string{}
	if len(ids) == 0 {
		return names
	}
	resp, err := kmsg.NewPtrMetadataRequest().RequestWith(c.ctx, c)
	if err != nil {
		return names
	}
	for _, t := range resp.Topics {
		if t.Topic != nil {
			names[t.TopicID] = *t.Topic
		}
	}
	return names
}

// consumerGroupDescription converts a KIP-848 group; names fills in topic
// names the response left out.
func consumerGroupDescription(g kmsg.ConsumerGroupDescribeResponseGroup, broker kgo.BrokerMetadata, names map[[16]byte]string) ConsumerGroupDescription {
	if g.ErrorCode != 0 {
		msg := ""
		if g.ErrorMessage != nil {
			msg = *g.ErrorMessage
		}
		return groupErrorDescription(g.Group, Errorf(ErrorCode(g.ErrorCode), "ConsumerGroupDescribe: %s", msg))
	}
	state, _ := ConsumerGroupStateFromString(g.State)
	d := ConsumerGroupDescription{
		GroupID:              g.Group,
		PartitionAssignor:    g.AssignorName,
		State:                state,
		Type:                 ConsumerGroupTypeConsumer,
		Coordinator:          coordinatorNode(broker),
		Members:              make([]MemberDescription, 0, len(g.Members)),
		AuthorizedOperations: authorizedOperations(g.AuthorizedOperations),
	}
	for _, m := range g.Members {
		target := MemberAssignment{TopicPartitions: assignmentPartitions(m.TargetAssignment, names)}
		d.Members = append(d.Members, MemberDescription{
			ClientID:         m.ClientID,
			GroupInstanceID:  derefString(m.InstanceID),
			ConsumerID:       m.MemberID,
			Host:             m.ClientHost,
			Assignment:       MemberAssignment{TopicPartitions: assignmentPartitions(m.Assignment, names)},
			TargetAssignment: &target,
		})
	}
	return d
}

// assignmentPartitions flattens a KIP-848 assignment. Offsets are
// OffsetInvalid, as in librdkafka's partition lists.
func assignmentPartitions(a kmsg.Assignment, names map[[16]byte]string) []TopicPartition {
	tps := []TopicPartition{}
	for _, t := range a.TopicPartitions {
		for _, p := range t.Partitions {
			topic := t.Topic
			if topic == "" {
				topic = names[t.TopicID]
			}
			tps = append(tps, TopicPartition{Topic: &topic, Partition: p, Offset: OffsetInvalid})
		}
	}
	return tps
}

// classicGroupDescription converts a DescribeGroups group.
func classicGroupDescription(g kmsg.DescribeGroupsResponseGroup, broker kgo.BrokerMetadata) ConsumerGroupDescription {
	if g.ErrorCode == kerr.GroupIDNotFound.Code {
		// DescribeGroups v6 (KIP-1043, Kafka 4.0) reports a group that does
		// not exist as an error. librdkafka 2.11.1 speaks an older version,
		// to which the broker answers with a Dead group without protocol
		// type or members, so that is what the reference returns.
		return ConsumerGroupDescription{
			GroupID:               g.Group,
			IsSimpleConsumerGroup: true,
			State:                 ConsumerGroupStateDead,
			Type:                  ConsumerGroupTypeClassic,
			Coordinator:           coordinatorNode(broker),
			Members:               []MemberDescription{},
		}
	}
	if g.ErrorCode != 0 {
		code := ErrorCode(g.ErrorCode)
		return groupErrorDescription(g.Group, Errorf(code, "DescribeConsumerGroups: %s", code))
	}
	simple := g.ProtocolType == ""
	if !simple && g.ProtocolType != consumerProtocolType {
		return groupErrorDescription(g.Group,
			Errorf(ErrInvalidArg, "GroupId %s is not a consumer group (%s).", g.Group, g.ProtocolType))
	}
	state, _ := ConsumerGroupStateFromString(g.State)
	d := ConsumerGroupDescription{
		GroupID:               g.Group,
		IsSimpleConsumerGroup: simple,
		PartitionAssignor:     g.Protocol,
		State:                 state,
		Type:                  ConsumerGroupTypeClassic,
		Coordinator:           coordinatorNode(broker),
		Members:               make([]MemberDescription, 0, len(g.Members)),
		AuthorizedOperations:  authorizedOperations(g.AuthorizedOperations),
	}
	for _, m := range g.Members {
		d.Members = append(d.Members, MemberDescription{
			ClientID:        m.ClientID,
			GroupInstanceID: derefString(m.InstanceID),
			ConsumerID:      m.MemberID,
			Host:            m.ClientHost,
			Assignment:      MemberAssignment{TopicPartitions: classicAssignment(m.MemberAssignment)},
		})
	}
	return d
}

// classicAssignment decodes a consumer protocol member assignment. A member
// without one (or one that does not decode) has no partitions.
func classicAssignment(b []byte) []TopicPartition {
	tps := []TopicPartition{}
	if len(b) == 0 {
		return tps
	}
	var ma kmsg.ConsumerMemberAssignment
	if err := ma.ReadFrom(b); err != nil {
		return tps
	}
	for _, t := range ma.Topics {
		for _, p := range t.Partitions {
			topic := t.Topic
			tps = append(tps, TopicPartition{Topic: &topic, Partition: p, Offset: OffsetInvalid})
		}
	}
	return tps
}

// DeleteConsumerGroups deletes consumer groups, which must be empty.
// Per-group errors come back in the results, in the order of groups.
func (a *AdminClient) DeleteConsumerGroups(ctx context.Context, groups []string, options ...DeleteConsumerGroupsAdminOption) (result DeleteConsumerGroupsResult, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	if len(groups) == 0 {
		return result, NewError(ErrInvalidArg, "No groups to delete", false)
	}
	if hasDuplicates(groups) {
		return result, NewError(ErrInvalidArg, "Duplicate groups not allowed", false)
	}
	req := kmsg.NewPtrDeleteGroupsRequest()
	req.Groups = slices.Clone(groups)

	c := a.begin(ctx, o)
	defer c.cancel()
	res := make([]ConsumerGroupResult, len(groups))
	pos := newPositions(len(groups), func(i int) string { return groups[i] })
	for _, shard := range c.sharded(req) {
		if shard.Err != nil {
			if c.parent.Err() != nil {
				return result, c.parent.Err()
			}
			for _, g := range shard.Req.(*kmsg.DeleteGroupsRequest).Groups {
				if i, ok := pos.take(g); ok {
					res[i] = ConsumerGroupResult{Group: g, Error: withText(c.itemError(shard.Err))}
				}
			}
			continue
		}
		for _, g := range shard.Resp.(*kmsg.DeleteGroupsResponse).Groups {
			if i, ok := pos.take(g.Group); ok {
				// librdkafka keeps the code's description, not the
				// broker's message.
				res[i] = ConsumerGroupResult{Group: g.Group, Error: adminError(g.ErrorCode, nil)}
			}
		}
	}
	pos.fillMissing(func(i int) { res[i] = ConsumerGroupResult{Group: groups[i], Error: missingResultError()} })
	result.ConsumerGroupResults = res
	return result, nil
}

// withText gives an error the code's description as its text when it has
// none, as librdkafka's error objects always have one.
func withText(e Error) Error {
	if e.code != ErrNoError && e.str == "" {
		e.str = e.code.String()
	}
	return e
}

// hasDuplicates reports whether a string appears twice in s.
func hasDuplicates(s []string) bool {
	seen := make(map[string]bool, len(s))
	for _, v := range s {
		if seen[v] {
			return true
		}
		seen[v] = true
	}
	return false
}
