package kafka

// This file re-exports the AdminClient and its argument, result, enum and
// option types from package client, where they are implemented.

import (
	"time"

	"github.com/purekafka/purekafka/client"
)

// Admin client, options and results.
type (
	// AdminClient is the administrative client; see NewAdminClient.
	AdminClient = client.AdminClient
	// AdminOption is any admin option; see the SetAdmin* functions.
	AdminOption = client.AdminOption
	// AdminOptionOperationTimeout is the broker-side operation timeout; see SetAdminOperationTimeout.
	AdminOptionOperationTimeout = client.AdminOptionOperationTimeout
	// AdminOptionRequestTimeout is the overall timeout of a call; see SetAdminRequestTimeout.
	AdminOptionRequestTimeout = client.AdminOptionRequestTimeout
	// AdminOptionIsolationLevel is the isolation level of ListOffsets; see SetAdminIsolationLevel.
	AdminOptionIsolationLevel = client.AdminOptionIsolationLevel
	// AdminOptionValidateOnly asks the broker only to validate; see SetAdminValidateOnly.
	AdminOptionValidateOnly = client.AdminOptionValidateOnly
	// AdminOptionRequireStableOffsets asks for stable offsets; see SetAdminRequireStableOffsets.
	AdminOptionRequireStableOffsets = client.AdminOptionRequireStableOffsets
	// AdminOptionMatchConsumerGroupStates filters groups by state; see SetAdminMatchConsumerGroupStates.
	AdminOptionMatchConsumerGroupStates = client.AdminOptionMatchConsumerGroupStates
	// AdminOptionMatchConsumerGroupTypes filters groups by type; see SetAdminMatchConsumerGroupTypes.
	AdminOptionMatchConsumerGroupTypes = client.AdminOptionMatchConsumerGroupTypes
	// AdminOptionIncludeAuthorizedOperations asks for authorized operations; see SetAdminOptionIncludeAuthorizedOperations.
	AdminOptionIncludeAuthorizedOperations = client.AdminOptionIncludeAuthorizedOperations
	// CreateTopicsAdminOption is an option of CreateTopics.
	CreateTopicsAdminOption = client.CreateTopicsAdminOption
	// DeleteTopicsAdminOption is an option of DeleteTopics.
	DeleteTopicsAdminOption = client.DeleteTopicsAdminOption
	// CreatePartitionsAdminOption is an option of CreatePartitions.
	CreatePartitionsAdminOption = client.CreatePartitionsAdminOption
	// AlterConfigsAdminOption is an option of AlterConfigs and IncrementalAlterConfigs.
	AlterConfigsAdminOption = client.AlterConfigsAdminOption
	// DescribeConfigsAdminOption is an option of DescribeConfigs.
	DescribeConfigsAdminOption = client.DescribeConfigsAdminOption
	// CreateACLsAdminOption is an option of CreateACLs.
	CreateACLsAdminOption = client.CreateACLsAdminOption
	// DescribeACLsAdminOption is an option of DescribeACLs.
	DescribeACLsAdminOption = client.DescribeACLsAdminOption
	// DeleteACLsAdminOption is an option of DeleteACLs.
	DeleteACLsAdminOption = client.DeleteACLsAdminOption
	// ListConsumerGroupsAdminOption is an option of ListConsumerGroups.
	ListConsumerGroupsAdminOption = client.ListConsumerGroupsAdminOption
	// DescribeConsumerGroupsAdminOption is an option of DescribeConsumerGroups.
	DescribeConsumerGroupsAdminOption = client.DescribeConsumerGroupsAdminOption
	// DescribeTopicsAdminOption is an option of DescribeTopics.
	DescribeTopicsAdminOption = client.DescribeTopicsAdminOption
	// DescribeClusterAdminOption is an option of DescribeCluster.
	DescribeClusterAdminOption = client.DescribeClusterAdminOption
	// DeleteConsumerGroupsAdminOption is an option of DeleteConsumerGroups.
	DeleteConsumerGroupsAdminOption = client.DeleteConsumerGroupsAdminOption
	// ListConsumerGroupOffsetsAdminOption is an option of ListConsumerGroupOffsets.
	ListConsumerGroupOffsetsAdminOption = client.ListConsumerGroupOffsetsAdminOption
	// AlterConsumerGroupOffsetsAdminOption is an option of AlterConsumerGroupOffsets.
	AlterConsumerGroupOffsetsAdminOption = client.AlterConsumerGroupOffsetsAdminOption
	// DescribeUserScramCredentialsAdminOption is an option of DescribeUserScramCredentials.
	DescribeUserScramCredentialsAdminOption = client.DescribeUserScramCredentialsAdminOption
	// AlterUserScramCredentialsAdminOption is an option of AlterUserScramCredentials.
	AlterUserScramCredentialsAdminOption = client.AlterUserScramCredentialsAdminOption
	// ListOffsetsAdminOption is an option of ListOffsets.
	ListOffsetsAdminOption = client.ListOffsetsAdminOption
	// DeleteRecordsAdminOption is an option of DeleteRecords.
	DeleteRecordsAdminOption = client.DeleteRecordsAdminOption
	// ElectLeadersAdminOption is an option of ElectLeaders.
	ElectLeadersAdminOption = client.ElectLeadersAdminOption
)

// Admin enums.
type (
	// ResourceType is the type of a resource in config and ACL calls.
	ResourceType = client.ResourceType
	// ConfigSource tells where a described configuration value comes from.
	ConfigSource = client.ConfigSource
	// AlterOperation is the operation of a ConfigEntry in AlterConfigs.
	AlterOperation = client.AlterOperation
	// AlterConfigOpType is the operation of a ConfigEntry in IncrementalAlterConfigs.
	AlterConfigOpType = client.AlterConfigOpType
	// ResourcePatternType says how an ACL's resource name matches.
	ResourcePatternType = client.ResourcePatternType
	// ACLOperation is an operation an ACL allows or denies.
	ACLOperation = client.ACLOperation
	// ACLPermissionType says whether an ACL allows or denies.
	ACLPermissionType = client.ACLPermissionType
	// ScramMechanism is a SASL/SCRAM hash.
	ScramMechanism = client.ScramMechanism
	// ConsumerGroupState is the state of a consumer group.
	ConsumerGroupState = client.ConsumerGroupState
	// ConsumerGroupType is the protocol type of a consumer group.
	ConsumerGroupType = client.ConsumerGroupType
	// ElectionType is the kind of leader election.
	ElectionType = client.ElectionType
	// IsolationLevel is the isolation level of ListOffsets.
	IsolationLevel = client.IsolationLevel
	// OffsetSpec says which offset ListOffsets looks up.
	OffsetSpec = client.OffsetSpec
)

// Admin enums.
type (
	// TopicSpecification describes a topic to create.
	TopicSpecification = client.TopicSpecification
	// PartitionsSpecification describes a partition increase.
	PartitionsSpecification = client.PartitionsSpecification
	// TopicResult is the outcome for one topic.
	TopicResult = client.TopicResult
	// TopicCollection is a set of topics for DescribeTopics.
	TopicCollection = client.TopicCollection
	// TopicDescription describes a topic.
	TopicDescription = client.TopicDescription
	// TopicPartitionInfo describes a partition of a topic.
	TopicPartitionInfo = client.TopicPartitionInfo
	// DescribeTopicsResult is the result of DescribeTopics.
	DescribeTopicsResult = client.DescribeTopicsResult
	// Node is a broker.
	Node = client.Node
	// UUID is a Kafka UUID, such as a topic id.
	UUID = client.UUID
	// DescribeClusterResult is the result of DescribeCluster.
	DescribeClusterResult = client.DescribeClusterResult
	// ConfigResource is a resource with configuration entries.
	ConfigResource = client.ConfigResource
	// ConfigEntry is one configuration change.
	ConfigEntry = client.ConfigEntry
	// ConfigEntryResult is one described configuration property.
	ConfigEntryResult = client.ConfigEntryResult
	// ConfigResourceResult is the outcome for one configuration resource.
	ConfigResourceResult = client.ConfigResourceResult
	// ACLBinding is an ACL.
	ACLBinding = client.ACLBinding
	// ACLBindingFilter selects ACLs.
	ACLBindingFilter = client.ACLBindingFilter
	// ACLBindings is a sortable list of ACLBinding.
	ACLBindings = client.ACLBindings
	// ACLBindingFilters is a list of ACLBindingFilter.
	ACLBindingFilters = client.ACLBindingFilters
	// CreateACLResult is the outcome for one created ACL.
	CreateACLResult = client.CreateACLResult
	// DescribeACLsResult is the result of DescribeACLs.
	DescribeACLsResult = client.DescribeACLsResult
	// DeleteACLsResult is the outcome for one filter of DeleteACLs.
	DeleteACLsResult = client.DeleteACLsResult
	// ConsumerGroupListing is one listed consumer group.
	ConsumerGroupListing = client.ConsumerGroupListing
	// ListConsumerGroupsResult is the result of ListConsumerGroups.
	ListConsumerGroupsResult = client.ListConsumerGroupsResult
	// ConsumerGroupDescription describes a consumer group.
	ConsumerGroupDescription = client.ConsumerGroupDescription
	// MemberDescription describes a group member.
	MemberDescription = client.MemberDescription
	// MemberAssignment is a member's assigned partitions.
	MemberAssignment = client.MemberAssignment
	// DescribeConsumerGroupsResult is the result of DescribeConsumerGroups.
	DescribeConsumerGroupsResult = client.DescribeConsumerGroupsResult
	// ConsumerGroupResult is the outcome for one group.
	ConsumerGroupResult = client.ConsumerGroupResult
	// DeleteConsumerGroupsResult is the result of DeleteConsumerGroups.
	DeleteConsumerGroupsResult = client.DeleteConsumerGroupsResult
	// ConsumerGroupTopicPartitions is a group with partitions.
	ConsumerGroupTopicPartitions = client.ConsumerGroupTopicPartitions
	// ListConsumerGroupOffsetsResult is the result of ListConsumerGroupOffsets.
	ListConsumerGroupOffsetsResult = client.ListConsumerGroupOffsetsResult
	// AlterConsumerGroupOffsetsResult is the result of AlterConsumerGroupOffsets.
	AlterConsumerGroupOffsetsResult = client.AlterConsumerGroupOffsetsResult
	// ListOffsetsResultInfo is the outcome for one partition of ListOffsets.
	ListOffsetsResultInfo = client.ListOffsetsResultInfo
	// ListOffsetsResult is the result of ListOffsets.
	ListOffsetsResult = client.ListOffsetsResult
	// DeletedRecords is what DeleteRecords did to a partition.
	DeletedRecords = client.DeletedRecords
	// DeleteRecordsResult is the outcome for one partition of DeleteRecords.
	DeleteRecordsResult = client.DeleteRecordsResult
	// DeleteRecordsResults is the result of DeleteRecords.
	DeleteRecordsResults = client.DeleteRecordsResults
	// ElectLeadersRequest is the argument of ElectLeaders.
	ElectLeadersRequest = client.ElectLeadersRequest
	// ElectLeadersResult is the result of ElectLeaders.
	ElectLeadersResult = client.ElectLeadersResult
	// ScramCredentialInfo is a SCRAM credential's mechanism and iterations.
	ScramCredentialInfo = client.ScramCredentialInfo
	// UserScramCredentialsDescription describes a user's SCRAM credentials.
	UserScramCredentialsDescription = client.UserScramCredentialsDescription
	// UserScramCredentialUpsertion creates or replaces a SCRAM credential.
	UserScramCredentialUpsertion = client.UserScramCredentialUpsertion
	// UserScramCredentialDeletion deletes a SCRAM credential.
	UserScramCredentialDeletion = client.UserScramCredentialDeletion
	// DescribeUserScramCredentialsResult is the result of DescribeUserScramCredentials.
	DescribeUserScramCredentialsResult = client.DescribeUserScramCredentialsResult
	// AlterUserScramCredentialsResult is the result of AlterUserScramCredentials.
	AlterUserScramCredentialsResult = client.AlterUserScramCredentialsResult
)

// Resource types.
const (
	// ResourceUnknown is an unknown or unset resource type.
	ResourceUnknown = client.ResourceUnknown
	// ResourceAny matches any resource type, in filters.
	ResourceAny = client.ResourceAny
	// ResourceTopic is a topic.
	ResourceTopic = client.ResourceTopic
	// ResourceGroup is a consumer group.
	ResourceGroup = client.ResourceGroup
	// ResourceBroker is a broker (the cluster, for ACLs).
	ResourceBroker = client.ResourceBroker
)

// Configuration sources.
const (
	// ConfigSourceUnknown is an unknown source, as reported by old brokers.
	ConfigSourceUnknown = client.ConfigSourceUnknown
	// ConfigSourceDynamicTopic is a dynamic topic configuration.
	ConfigSourceDynamicTopic = client.ConfigSourceDynamicTopic
	// ConfigSourceDynamicBroker is a dynamic configuration of one broker.
	ConfigSourceDynamicBroker = client.ConfigSourceDynamicBroker
	// ConfigSourceDynamicDefaultBroker is a dynamic default for all brokers.
	ConfigSourceDynamicDefaultBroker = client.ConfigSourceDynamicDefaultBroker
	// ConfigSourceStaticBroker comes from the broker's properties file.
	ConfigSourceStaticBroker = client.ConfigSourceStaticBroker
	// ConfigSourceDefault is the built-in default.
	ConfigSourceDefault = client.ConfigSourceDefault
	// ConfigSourceGroup is a dynamic group configuration.
	ConfigSourceGroup = client.ConfigSourceGroup
)

// AlterConfigs operations; AlterOperationSet is untyped, as in the reference.
const (
	// AlterOperationSet sets a configuration value. It is an untyped constant
	// in the reference, so it stays one here.
	AlterOperationSet = client.AlterOperationSet
)

// IncrementalAlterConfigs operations.
const (
	// AlterConfigOpTypeSet sets the value.
	AlterConfigOpTypeSet = client.AlterConfigOpTypeSet
	// AlterConfigOpTypeDelete reverts the value to its default.
	AlterConfigOpTypeDelete = client.AlterConfigOpTypeDelete
	// AlterConfigOpTypeAppend appends to a list value.
	AlterConfigOpTypeAppend = client.AlterConfigOpTypeAppend
	// AlterConfigOpTypeSubtract removes from a list value.
	AlterConfigOpTypeSubtract = client.AlterConfigOpTypeSubtract
)

// ACL resource pattern types.
const (
	// ResourcePatternTypeUnknown is an unknown or unset pattern type.
	ResourcePatternTypeUnknown = client.ResourcePatternTypeUnknown
	// ResourcePatternTypeAny matches any pattern type, in filters.
	ResourcePatternTypeAny = client.ResourcePatternTypeAny
	// ResourcePatternTypeMatch matches names the way the authorizer does, in filters.
	ResourcePatternTypeMatch = client.ResourcePatternTypeMatch
	// ResourcePatternTypeLiteral matches the name literally.
	ResourcePatternTypeLiteral = client.ResourcePatternTypeLiteral
	// ResourcePatternTypePrefixed matches names starting with the name.
	ResourcePatternTypePrefixed = client.ResourcePatternTypePrefixed
)

// ACL operations.
const (
	// ACLOperationUnknown is an unknown or unset operation.
	ACLOperationUnknown = client.ACLOperationUnknown
	// ACLOperationAny matches any operation, in filters.
	ACLOperationAny = client.ACLOperationAny
	// ACLOperationAll stands for every operation.
	ACLOperationAll = client.ACLOperationAll
	// ACLOperationRead is reading.
	ACLOperationRead = client.ACLOperationRead
	// ACLOperationWrite is writing.
	ACLOperationWrite = client.ACLOperationWrite
	// ACLOperationCreate is creating.
	ACLOperationCreate = client.ACLOperationCreate
	// ACLOperationDelete is deleting.
	ACLOperationDelete = client.ACLOperationDelete
	// ACLOperationAlter is altering.
	ACLOperationAlter = client.ACLOperationAlter
	// ACLOperationDescribe is describing.
	ACLOperationDescribe = client.ACLOperationDescribe
	// ACLOperationClusterAction is a cluster action.
	ACLOperationClusterAction = client.ACLOperationClusterAction
	// ACLOperationDescribeConfigs is describing configuration.
	ACLOperationDescribeConfigs = client.ACLOperationDescribeConfigs
	// ACLOperationAlterConfigs is altering configuration.
	ACLOperationAlterConfigs = client.ACLOperationAlterConfigs
	// ACLOperationIdempotentWrite is idempotent producing.
	ACLOperationIdempotentWrite = client.ACLOperationIdempotentWrite
)

// ACL permission types.
const (
	// ACLPermissionTypeUnknown is an unknown or unset permission type.
	ACLPermissionTypeUnknown = client.ACLPermissionTypeUnknown
	// ACLPermissionTypeAny matches any permission type, in filters.
	ACLPermissionTypeAny = client.ACLPermissionTypeAny
	// ACLPermissionTypeDeny denies the operation.
	ACLPermissionTypeDeny = client.ACLPermissionTypeDeny
	// ACLPermissionTypeAllow allows the operation.
	ACLPermissionTypeAllow = client.ACLPermissionTypeAllow
)

// SCRAM mechanisms.
const (
	// ScramMechanismUnknown is an unknown or unset mechanism.
	ScramMechanismUnknown = client.ScramMechanismUnknown
	// ScramMechanismSHA256 is SCRAM-SHA-256.
	ScramMechanismSHA256 = client.ScramMechanismSHA256
	// ScramMechanismSHA512 is SCRAM-SHA-512.
	ScramMechanismSHA512 = client.ScramMechanismSHA512
)

// Consumer group states.
const (
	// ConsumerGroupStateUnknown is an unknown state, including the
	// KIP-848 states this enum has no value for.
	ConsumerGroupStateUnknown = client.ConsumerGroupStateUnknown
	// ConsumerGroupStatePreparingRebalance is a classic group rebalancing.
	ConsumerGroupStatePreparingRebalance = client.ConsumerGroupStatePreparingRebalance
	// ConsumerGroupStateCompletingRebalance is a classic group waiting for
	// its leader's assignment.
	ConsumerGroupStateCompletingRebalance = client.ConsumerGroupStateCompletingRebalance
	// ConsumerGroupStateStable is a group with a settled assignment.
	ConsumerGroupStateStable = client.ConsumerGroupStateStable
	// ConsumerGroupStateDead is a group without members or metadata.
	ConsumerGroupStateDead = client.ConsumerGroupStateDead
	// ConsumerGroupStateEmpty is a group without members.
	ConsumerGroupStateEmpty = client.ConsumerGroupStateEmpty
)

// Consumer group types.
const (
	// ConsumerGroupTypeUnknown is an unknown group type.
	ConsumerGroupTypeUnknown = client.ConsumerGroupTypeUnknown
	// ConsumerGroupTypeConsumer is a KIP-848 consumer group.
	ConsumerGroupTypeConsumer = client.ConsumerGroupTypeConsumer
	// ConsumerGroupTypeClassic is a classic consumer group.
	ConsumerGroupTypeClassic = client.ConsumerGroupTypeClassic
)

// Election types.
const (
	// ElectionTypePreferred elects the preferred replica.
	ElectionTypePreferred = client.ElectionTypePreferred
	// ElectionTypeUnclean elects any replica, even an out-of-sync one.
	ElectionTypeUnclean = client.ElectionTypeUnclean
)

// Isolation levels.
const (
	// IsolationLevelReadUncommitted sees uncommitted data: the high watermark.
	IsolationLevelReadUncommitted = client.IsolationLevelReadUncommitted
	// IsolationLevelReadCommitted stops at the last stable offset.
	IsolationLevelReadCommitted = client.IsolationLevelReadCommitted
)

// Offset specs for ListOffsets.
const (
	// MaxTimestampOffsetSpec asks for the offset of the message with the
	// largest timestamp, which differs from the latest when producers set
	// timestamps themselves.
	MaxTimestampOffsetSpec = client.MaxTimestampOffsetSpec
	// EarliestOffsetSpec asks for the first offset.
	EarliestOffsetSpec = client.EarliestOffsetSpec
	// LatestOffsetSpec asks for the next offset to be written.
	LatestOffsetSpec = client.LatestOffsetSpec
)

// NewAdminClient creates an AdminClient from conf, which it does not modify.
func NewAdminClient(conf *ConfigMap) (*AdminClient, error) {
	return client.NewAdminClient(conf)
}

// NewAdminClientFromProducer creates an AdminClient that uses p's
// connections; closing it leaves p open.
func NewAdminClientFromProducer(p *Producer) (a *AdminClient, err error) {
	return client.NewAdminClientFromHandle(p)
}

// NewAdminClientFromConsumer creates an AdminClient that uses c's
// connections; closing it leaves c open.
func NewAdminClientFromConsumer(c *Consumer) (a *AdminClient, err error) {
	return client.NewAdminClientFromHandle(c)
}

// SetAdminOperationTimeout sets how long the broker may take to complete the
// operation. Valid for CreateTopics, DeleteTopics, CreatePartitions,
// DeleteRecords and ElectLeaders.
func SetAdminOperationTimeout(t time.Duration) (ao AdminOptionOperationTimeout) {
	return client.SetAdminOperationTimeout(t)
}

// SetAdminRequestTimeout sets the overall timeout of a call. Valid for every
// call.
func SetAdminRequestTimeout(t time.Duration) (ao AdminOptionRequestTimeout) {
	return client.SetAdminRequestTimeout(t)
}

// SetAdminIsolationLevel sets the isolation level of ListOffsets.
func SetAdminIsolationLevel(isolationLevel IsolationLevel) (ao AdminOptionIsolationLevel) {
	return client.SetAdminIsolationLevel(isolationLevel)
}

// SetAdminValidateOnly makes the broker only validate the request. Valid
// for CreateTopics, CreatePartitions, AlterConfigs and
// IncrementalAlterConfigs.
func SetAdminValidateOnly(validateOnly bool) (ao AdminOptionValidateOnly) {
	return client.SetAdminValidateOnly(validateOnly)
}

// SetAdminRequireStableOffsets asks ListConsumerGroupOffsets for stable
// offsets only.
func SetAdminRequireStableOffsets(val bool) (ao AdminOptionRequireStableOffsets) {
	return client.SetAdminRequireStableOffsets(val)
}

// SetAdminMatchConsumerGroupStates restricts ListConsumerGroups to groups
// in the given states.
func SetAdminMatchConsumerGroupStates(val []ConsumerGroupState) (ao AdminOptionMatchConsumerGroupStates) {
	return client.SetAdminMatchConsumerGroupStates(val)
}

// SetAdminMatchConsumerGroupTypes restricts ListConsumerGroups to groups of
// the given types.
func SetAdminMatchConsumerGroupTypes(val []ConsumerGroupType) (ao AdminOptionMatchConsumerGroupTypes) {
	return client.SetAdminMatchConsumerGroupTypes(val)
}

// SetAdminOptionIncludeAuthorizedOperations asks DescribeConsumerGroups,
// DescribeTopics or DescribeCluster for the client's authorized operations.
func SetAdminOptionIncludeAuthorizedOperations(val bool) (ao AdminOptionIncludeAuthorizedOperations) {
	return client.SetAdminOptionIncludeAuthorizedOperations(val)
}

// ResourceTypeFromString parses a resource type name, ignoring case.
func ResourceTypeFromString(typeString string) (ResourceType, error) {
	return client.ResourceTypeFromString(typeString)
}

// ResourcePatternTypeFromString parses a pattern type name, ignoring case.
func ResourcePatternTypeFromString(patternTypeString string) (ResourcePatternType, error) {
	return client.ResourcePatternTypeFromString(patternTypeString)
}

// ACLOperationFromString parses an ACL operation name, ignoring case.
func ACLOperationFromString(aclOperationString string) (ACLOperation, error) {
	return client.ACLOperationFromString(aclOperationString)
}

// ACLPermissionTypeFromString parses an ACL permission type name, ignoring
// case.
func ACLPermissionTypeFromString(aclPermissionTypeString string) (ACLPermissionType, error) {
	return client.ACLPermissionTypeFromString(aclPermissionTypeString)
}

// ScramMechanismFromString parses a SCRAM mechanism name, ignoring case.
func ScramMechanismFromString(mechanism string) (ScramMechanism, error) {
	return client.ScramMechanismFromString(mechanism)
}

// ConsumerGroupStateFromString parses a group state name, ignoring case;
// unknown names give ConsumerGroupStateUnknown without an error.
func ConsumerGroupStateFromString(stateString string) (ConsumerGroupState, error) {
	return client.ConsumerGroupStateFromString(stateString)
}

// ConsumerGroupTypeFromString parses a group type name, ignoring case.
func ConsumerGroupTypeFromString(typeString string) ConsumerGroupType {
	return client.ConsumerGroupTypeFromString(typeString)
}

// ElectionTypeFromString parses "PREFERRED" or "UNCLEAN", ignoring case.
func ElectionTypeFromString(electionTypeString string) (ElectionType, error) {
	return client.ElectionTypeFromString(electionTypeString)
}

// StringMapToConfigEntries turns a property map into ConfigEntries for
// AlterConfigs.
func StringMapToConfigEntries(stringMap map[string]string, operation AlterOperation) []ConfigEntry {
	return client.StringMapToConfigEntries(stringMap, operation)
}

// StringMapToIncrementalConfigEntries turns a property map into
// ConfigEntries for IncrementalAlterConfigs.
func StringMapToIncrementalConfigEntries(stringMap map[string]string, operationMap map[string]AlterConfigOpType) []ConfigEntry {
	return client.StringMapToIncrementalConfigEntries(stringMap, operationMap)
}

// NewTopicCollectionOfTopicNames returns a TopicCollection of topic names.
func NewTopicCollectionOfTopicNames(names []string) TopicCollection {
	return client.NewTopicCollectionOfTopicNames(names)
}

// NewOffsetSpecForTimestamp returns the OffsetSpec for the first offset at
// or after timestamp (milliseconds).
func NewOffsetSpecForTimestamp(timestamp int64) OffsetSpec {
	return client.NewOffsetSpecForTimestamp(timestamp)
}

// NewElectLeadersRequest returns an ElectLeadersRequest for partitions (nil:
// all).
func NewElectLeadersRequest(electionType ElectionType, partitions []TopicPartition) ElectLeadersRequest {
	return client.NewElectLeadersRequest(electionType, partitions)
}
