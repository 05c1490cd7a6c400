package client

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
)

// TopicResult is the outcome for one topic of CreateTopics, DeleteTopics or
// CreatePartitions.
type TopicResult struct {
	// Topic is the topic name.
	Topic string
	// Error is the topic's error; its Code() is ErrNoError on success.
	Error Error
}

// String returns the topic name, followed by the error text in parentheses
// when there is an error.
func (t TopicResult) String() string {
	if t.Error.code == ErrNoError {
		return t.Topic
	}
	return fmt.Sprintf("%s (%s)", t.Topic, t.Error.str)
}

// ConsumerGroupResult is the outcome for one group of DeleteConsumerGroups.
type ConsumerGroupResult struct {
	// Group is the group id.
	Group string
	// Error is the group's error; its Code() is ErrNoError on success.
	Error Error
}

// String returns the group id, followed by the error text in parentheses
// when there is an error.
func (g ConsumerGroupResult) String() string {
	if g.Error.code == ErrNoError {
		return g.Group
	}
	return fmt.Sprintf("%s (%s)", g.Group, g.Error.str)
}

// Node is a broker of the cluster.
type Node struct {
	// ID is the node id.
	ID int
	// Host is the advertised host name.
	Host string
	// Port is the advertised port.
	Port int
	// Rack is the broker's rack, nil when it has none.
	Rack *string
}

// String returns "[host:port]/id".
func (n Node) String() string {
	return fmt.Sprintf("[%s:%d]/%d", n.Host, n.Port, n.ID)
}

// UUID is a Kafka UUID, such as a topic id.
type UUID struct {
	mostSignificantBits  int64
	leastSignificantBits int64
	base64str            string
}

// newUUID builds a UUID from its 16 wire bytes. The text form is librdkafka's:
// standard (not URL-safe) base64 with the padding cut off, computed here once
// so that UUID stays a comparable value.
func newUUID(b [16]byte) UUID {
	return UUID{
		mostSignificantBits:  int64(binary.BigEndian.Uint64(b[:8])),
		leastSignificantBits: int64(binary.BigEndian.Uint64(b[8:])),
		base64str:            base64.RawStdEncoding.EncodeToString(b[:]),
	}
}

// String returns the UUID in base64, or "" for the zero value.
func (uuid UUID) String() string { return uuid.base64str }

// GetMostSignificantBits returns the first 64 bits of the UUID.
func (uuid UUID) GetMostSignificantBits() int64 { return uuid.mostSignificantBits }

// GetLeastSignificantBits returns the last 64 bits of the UUID.
func (uuid UUID) GetLeastSignificantBits() int64 { return uuid.leastSignificantBits }

// ConsumerGroupTopicPartitions is a group with a list of its partitions, the
// argument and result of the consumer group offset calls.
type ConsumerGroupTopicPartitions struct {
	// Group is the group id.
	Group string
	// Partitions are the group's partitions, with offsets.
	Partitions []TopicPartition
}

// String returns "group[ tp tp ]".
func (gtp ConsumerGroupTopicPartitions) String() string {
	var b strings.Builder
	b.WriteString(gtp.Group)
	b.WriteString("[ ")
	for _, tp := range gtp.Partitions {
		b.WriteString(tp.String())
		b.WriteByte(' ')
	}
	b.WriteString("]")
	return b.String()
}

// ConsumerGroupListing is one group of a ListConsumerGroups result.
type ConsumerGroupListing struct {
	// GroupID is the group id.
	GroupID string
	// IsSimpleConsumerGroup is true for groups that only commit offsets
	// (no protocol type).
	IsSimpleConsumerGroup bool
	// State is the group's state.
	State ConsumerGroupState
	// Type is the group's protocol type.
	Type ConsumerGroupType
}

// ListConsumerGroupsResult is the result of ListConsumerGroups.
type ListConsumerGroupsResult struct {
	// Valid are the groups listed.
	Valid []ConsumerGroupListing
	// Errors are the failures of individual brokers; a listing with errors
	// may be incomplete.
	Errors []error
}

// DeletedRecords is what DeleteRecords did to a partition.
type DeletedRecords struct {
	// LowWatermark is the partition's new first offset.
	LowWatermark Offset
}

// DeleteRecordsResult is the outcome for one partition of DeleteRecords.
type DeleteRecordsResult struct {
	// TopicPartition is the partition; its Error is set on failure.
	TopicPartition TopicPartition
	// DeletedRecords is set on success.
	DeletedRecords *DeletedRecords
}

// DeleteRecordsResults is the result of DeleteRecords.
type DeleteRecordsResults struct {
	// DeleteRecordsResults has one entry per requested partition, in the
	// order of the request.
	DeleteRecordsResults []DeleteRecordsResult
}

// MemberAssignment is the partitions assigned to a group member.
type MemberAssignment struct {
	// TopicPartitions are the assigned partitions.
	TopicPartitions []TopicPartition
}

// MemberDescription describes a member of a consumer group.
type MemberDescription struct {
	// ClientID is the member's client.id.
	ClientID string
	// GroupInstanceID is the member's group.instance.id, "" if it has none.
	GroupInstanceID string
	// ConsumerID is the member id.
	ConsumerID string
	// Host is the member's host as the broker sees it.
	Host string
	// Assignment is the member's current assignment.
	Assignment MemberAssignment
	// TargetAssignment is where a KIP-848 member is heading; nil for
	// classic groups, which have no such notion.
	TargetAssignment *MemberAssignment
}

// ConsumerGroupDescription describes one group of a DescribeConsumerGroups
// result.
type ConsumerGroupDescription struct {
	// GroupID is the group id.
	GroupID string
	// Error is the group's error; the other fields are unset when it is
	// not ErrNoError.
	Error Error
	// IsSimpleConsumerGroup is true for groups with no protocol type.
	IsSimpleConsumerGroup bool
	// PartitionAssignor is the assignor the group uses.
	PartitionAssignor string
	// State is the group's state.
	State ConsumerGroupState
	// Type is the group's protocol type.
	Type ConsumerGroupType
	// Coordinator is the group's coordinator broker.
	Coordinator Node
	// Members are the group's members.
	Members []MemberDescription
	// AuthorizedOperations are the operations the client may perform on
	// the group; nil unless requested.
	AuthorizedOperations []ACLOperation
}

// DescribeConsumerGroupsResult is the result of DescribeConsumerGroups.
type DescribeConsumerGroupsResult struct {
	// ConsumerGroupDescriptions has one entry per requested group, in the
	// order of the request.
	ConsumerGroupDescriptions []ConsumerGroupDescription
}

// TopicCollection is a set of topics for DescribeTopics.
type TopicCollection struct {
	topicNames []string
}

// NewTopicCollectionOfTopicNames returns a TopicCollection of topic names.
func NewTopicCollectionOfTopicNames(names []string) TopicCollection {
	return TopicCollection{topicNames: names}
}

// TopicPartitionInfo describes one partition in a DescribeTopics result.
type TopicPartitionInfo struct {
	// Partition is the partition id.
	Partition int
	// Leader is the leader broker, nil when there is none.
	Leader *Node
	// Replicas are the replica brokers.
	Replicas []Node
	// Isr are the in-sync replica brokers.
	Isr []Node
}

// TopicDescription describes one topic of a DescribeTopics result.
type TopicDescription struct {
	// Name is the topic name.
	Name string
	// TopicID is the topic's id.
	TopicID UUID
	// Error is the topic's error; the other fields are unset when it is
	// not ErrNoError.
	Error Error
	// IsInternal is true for internal topics such as __consumer_offsets.
	IsInternal bool
	// Partitions are the topic's partitions, by partition id.
	Partitions []TopicPartitionInfo
	// AuthorizedOperations are the operations the client may perform on
	// the topic; nil unless requested.
	AuthorizedOperations []ACLOperation
}

// DescribeTopicsResult is the result of DescribeTopics.
type DescribeTopicsResult struct {
	// TopicDescriptions has one entry per requested topic, in the order of
	// the request.
	TopicDescriptions []TopicDescription
}

// DescribeClusterResult is the result of DescribeCluster.
type DescribeClusterResult struct {
	// ClusterID is the cluster id, nil if the cluster has none.
	ClusterID *string
	// Controller is the controller broker, nil if unknown.
	Controller *Node
	// Nodes are the cluster's brokers.
	Nodes []Node
	// AuthorizedOperations are the operations the client may perform on
	// the cluster; nil unless requested.
	AuthorizedOperations []ACLOperation
}

// DeleteConsumerGroupsResult is the result of DeleteConsumerGroups.
type DeleteConsumerGroupsResult struct {
	// ConsumerGroupResults has one entry per requested group, in the order
	// of the request.
	ConsumerGroupResults []ConsumerGroupResult
}

// ListConsumerGroupOffsetsResult is the result of ListConsumerGroupOffsets.
type ListConsumerGroupOffsetsResult struct {
	// ConsumerGroupsTopicPartitions holds the group with its committed
	// offsets, each partition with its own Error.
	ConsumerGroupsTopicPartitions []ConsumerGroupTopicPartitions
}

// AlterConsumerGroupOffsetsResult is the result of AlterConsumerGroupOffsets.
type AlterConsumerGroupOffsetsResult struct {
	// ConsumerGroupsTopicPartitions holds the group with the partitions
	// that were altered, each with its own Error.
	ConsumerGroupsTopicPartitions []ConsumerGroupTopicPartitions
}

// TopicSpecification describes a topic for CreateTopics.
type TopicSpecification struct {
	// Topic is the topic name.
	Topic string
	// NumPartitions is the partition count, -1 for the broker default.
	NumPartitions int
	// ReplicationFactor is the replica count; 0 means the broker default.
	// It excludes ReplicaAssignment.
	ReplicationFactor int
	// ReplicaAssignment lists, per partition, the broker ids of its
	// replicas, the first being the preferred leader.
	ReplicaAssignment [][]int32
	// Config holds topic configuration properties.
	Config map[string]string
}

// PartitionsSpecification describes a partition increase for
// CreatePartitions.
type PartitionsSpecification struct {
	// Topic is the topic name.
	Topic string
	// IncreaseTo is the new total partition count.
	IncreaseTo int
	// ReplicaAssignment lists, per new partition, the broker ids of its
	// replicas.
	ReplicaAssignment [][]int32
}

// ListOffsetsResultInfo is the outcome for one partition of ListOffsets.
type ListOffsetsResultInfo struct {
	// Offset is the offset found.
	Offset Offset
	// Timestamp is the timestamp of the message at Offset, -1 if none.
	Timestamp int64
	// LeaderEpoch is the leader epoch of the message, nil if unknown.
	LeaderEpoch *int32
	// Error is the partition's error.
	Error Error
}

// ListOffsetsResult is the result of ListOffsets.
type ListOffsetsResult struct {
	// ResultInfos is keyed by the TopicPartition values of the request.
	ResultInfos map[TopicPartition]ListOffsetsResultInfo
}

// ElectLeadersRequest is the argument of ElectLeaders; see
// NewElectLeadersRequest.
type ElectLeadersRequest struct {
	electionType ElectionType
	partitions   []TopicPartition
}

// NewElectLeadersRequest returns a request for an election of electionType
// for partitions, or for every partition if partitions is nil.
func NewElectLeadersRequest(electionType ElectionType, partitions []TopicPartition) ElectLeadersRequest {
	return ElectLeadersRequest{electionType: electionType, partitions: partitions}
}

// ElectLeadersResult is the result of ElectLeaders.
type ElectLeadersResult struct {
	// TopicPartitions are the partitions elected for, each with its Error.
	TopicPartitions []TopicPartition
}
