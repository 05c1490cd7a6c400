package client

import (
	"fmt"
	"strings"
)

// The admin enums below carry librdkafka's numeric values, which are also
// (where the protocol has the concept) Kafka's wire values: applications
// persist them and switch on them, so they must not be renumbered. Their
// String() texts are librdkafka's name tables, which applications log and
// parse back with the *FromString functions.

// ResourceType is the type of a Kafka resource (topic, group, broker) in
// config and ACL calls.
type ResourceType int

const (
	// ResourceUnknown is an unknown or unset resource type.
	ResourceUnknown ResourceType = 0
	// ResourceAny matches any resource type, in filters.
	ResourceAny ResourceType = 1
	// ResourceTopic is a topic.
	ResourceTopic ResourceType = 2
	// ResourceGroup is a consumer group.
	ResourceGroup ResourceType = 3
	// ResourceBroker is a broker (the cluster, for ACLs).
	ResourceBroker ResourceType = 4
)

// resourceTypeName returns librdkafka's name for v, ok=false past the end of
// its table. The table has TRANSACTIONAL_ID (5), which has no Go constant but
// still prints by name.
func resourceTypeName(v int) (string, bool) {
	switch v {
	case 0:
		return "UNKNOWN", true
	case 1:
		return "ANY", true
	case 2:
		return "TOPIC", true
	case 3:
		return "GROUP", true
	case 4:
		return "BROKER", true
	case 5:
		return "TRANSACTIONAL_ID", true
	}
	return "", false
}

// String returns the resource type's name, such as "TOPIC", or
// "UNSUPPORTED" for values librdkafka does not know.
func (t ResourceType) String() string { return enumName(resourceTypeName, int(t), "UNSUPPORTED") }

// ResourceTypeFromString parses a resource type name, ignoring case.
func ResourceTypeFromString(typeString string) (ResourceType, error) {
	switch strings.ToUpper(typeString) {
	case "ANY":
		return ResourceAny, nil
	case "TOPIC":
		return ResourceTopic, nil
	case "GROUP":
		return ResourceGroup, nil
	case "BROKER":
		return ResourceBroker, nil
	}
	return ResourceUnknown, NewError(ErrInvalidArg, "Unknown resource type", false)
}

// ConfigSource tells where a configuration value in a DescribeConfigs
// result comes from.
type ConfigSource int

const (
	// ConfigSourceUnknown is an unknown source, as reported by old brokers.
	ConfigSourceUnknown ConfigSource = 0
	// ConfigSourceDynamicTopic is a dynamic topic configuration.
	ConfigSourceDynamicTopic ConfigSource = 1
	// ConfigSourceDynamicBroker is a dynamic configuration of one broker.
	ConfigSourceDynamicBroker ConfigSource = 2
	// ConfigSourceDynamicDefaultBroker is a dynamic default for all brokers.
	ConfigSourceDynamicDefaultBroker ConfigSource = 3
	// ConfigSourceStaticBroker comes from the broker's properties file.
	ConfigSourceStaticBroker ConfigSource = 4
	// ConfigSourceDefault is the built-in default.
	ConfigSourceDefault ConfigSource = 5
	// ConfigSourceGroup is a dynamic group configuration.
	ConfigSourceGroup ConfigSource = 8
)

// configSourceName returns librdkafka's name for v, ok=false past the end of its table.
func configSourceName(v int) (string, bool) {
	switch v {
	case 0:
		return "UNKNOWN_CONFIG", true
	case 1:
		return "DYNAMIC_TOPIC_CONFIG", true
	case 2:
		return "DYNAMIC_BROKER_CONFIG", true
	case 3:
		return "DYNAMIC_DEFAULT_BROKER_CONFIG", true
	case 4:
		return "STATIC_BROKER_CONFIG", true
	case 5:
		return "DEFAULT_CONFIG", true
	case 6:
		return "DYNAMIC_BROKER_LOGGER_CONFIG", true
	case 7:
		return "CLIENT_METRICS_CONFIG", true
	case 8:
		return "GROUP_CONFIG", true
	}
	return "", false
}

// String returns the source's name, such as "DYNAMIC_TOPIC_CONFIG".
func (t ConfigSource) String() string { return enumName(configSourceName, int(t), "UNSUPPORTED") }

// AlterOperation is the operation of a ConfigEntry in the (deprecated,
// whole-resource) AlterConfigs call.
type AlterOperation int

// AlterOperationSet sets a configuration value. It is an untyped constant
// in the reference, so it stays one here.
const AlterOperationSet = 0

// String returns "Set", or "Unknown<n>?" for other values.
func (o AlterOperation) String() string {
	if o == AlterOperationSet {
		return "Set"
	}
	return fmt.Sprintf("Unknown%d?", int(o))
}

// AlterConfigOpType is the operation of a ConfigEntry in
// IncrementalAlterConfigs.
type AlterConfigOpType int

const (
	// AlterConfigOpTypeSet sets the value.
	AlterConfigOpTypeSet AlterConfigOpType = 0
	// AlterConfigOpTypeDelete reverts the value to its default.
	AlterConfigOpTypeDelete AlterConfigOpType = 1
	// AlterConfigOpTypeAppend appends to a list value.
	AlterConfigOpTypeAppend AlterConfigOpType = 2
	// AlterConfigOpTypeSubtract removes from a list value.
	AlterConfigOpTypeSubtract AlterConfigOpType = 3
)

// String returns "Set", "Delete", "Append", "Subtract" or "Unknown <n>".
func (o AlterConfigOpType) String() string {
	switch o {
	case AlterConfigOpTypeSet:
		return "Set"
	case AlterConfigOpTypeDelete:
		return "Delete"
	case AlterConfigOpTypeAppend:
		return "Append"
	case AlterConfigOpTypeSubtract:
		return "Subtract"
	}
	return fmt.Sprintf("Unknown %d", int(o))
}

// ResourcePatternType says how an ACL's resource name is matched.
type ResourcePatternType int

const (
	// ResourcePatternTypeUnknown is an unknown or unset pattern type.
	ResourcePatternTypeUnknown ResourcePatternType = 0
	// ResourcePatternTypeAny matches any pattern type, in filters.
	ResourcePatternTypeAny ResourcePatternType = 1
	// ResourcePatternTypeMatch matches names the way the authorizer does, in filters.
	ResourcePatternTypeMatch ResourcePatternType = 2
	// ResourcePatternTypeLiteral matches the name literally.
	ResourcePatternTypeLiteral ResourcePatternType = 3
	// ResourcePatternTypePrefixed matches names starting with the name.
	ResourcePatternTypePrefixed ResourcePatternType = 4
)

// resourcePatternTypeName returns librdkafka's name for v, ok=false past the end of its table.
func resourcePatternTypeName(v int) (string, bool) {
	switch v {
	case 0:
		return "UNKNOWN", true
	case 1:
		return "ANY", true
	case 2:
		return "MATCH", true
	case 3:
		return "LITERAL", true
	case 4:
		return "PREFIXED", true
	}
	return "", false
}

// String returns the pattern type's name, such as "LITERAL".
func (t ResourcePatternType) String() string {
	return enumName(resourcePatternTypeName, int(t), "UNSUPPORTED")
}

// ResourcePatternTypeFromString parses a pattern type name, ignoring case.
func ResourcePatternTypeFromString(patternTypeString string) (ResourcePatternType, error) {
	switch strings.ToUpper(patternTypeString) {
	case "ANY":
		return ResourcePatternTypeAny, nil
	case "MATCH":
		return ResourcePatternTypeMatch, nil
	case "LITERAL":
		return ResourcePatternTypeLiteral, nil
	case "PREFIXED":
		return ResourcePatternTypePrefixed, nil
	}
	return ResourcePatternTypeUnknown, NewError(ErrInvalidArg, "Unknown resource pattern type", false)
}

// ACLOperation is an operation an ACL allows or denies.
type ACLOperation int

const (
	// ACLOperationUnknown is an unknown or unset operation.
	ACLOperationUnknown ACLOperation = 0
	// ACLOperationAny matches any operation, in filters.
	ACLOperationAny ACLOperation = 1
	// ACLOperationAll stands for every operation.
	ACLOperationAll ACLOperation = 2
	// ACLOperationRead is reading.
	ACLOperationRead ACLOperation = 3
	// ACLOperationWrite is writing.
	ACLOperationWrite ACLOperation = 4
	// ACLOperationCreate is creating.
	ACLOperationCreate ACLOperation = 5
	// ACLOperationDelete is deleting.
	ACLOperationDelete ACLOperation = 6
	// ACLOperationAlter is altering.
	ACLOperationAlter ACLOperation = 7
	// ACLOperationDescribe is describing.
	ACLOperationDescribe ACLOperation = 8
	// ACLOperationClusterAction is a cluster action.
	ACLOperationClusterAction ACLOperation = 9
	// ACLOperationDescribeConfigs is describing configuration.
	ACLOperationDescribeConfigs ACLOperation = 10
	// ACLOperationAlterConfigs is altering configuration.
	ACLOperationAlterConfigs ACLOperation = 11
	// ACLOperationIdempotentWrite is idempotent producing.
	ACLOperationIdempotentWrite ACLOperation = 12
)

// aclOperationName returns librdkafka's name for v, ok=false past the end of its table.
func aclOperationName(v int) (string, bool) {
	switch v {
	case 0:
		return "UNKNOWN", true
	case 1:
		return "ANY", true
	case 2:
		return "ALL", true
	case 3:
		return "READ", true
	case 4:
		return "WRITE", true
	case 5:
		return "CREATE", true
	case 6:
		return "DELETE", true
	case 7:
		return "ALTER", true
	case 8:
		return "DESCRIBE", true
	case 9:
		return "CLUSTER_ACTION", true
	case 10:
		return "DESCRIBE_CONFIGS", true
	case 11:
		return "ALTER_CONFIGS", true
	case 12:
		return "IDEMPOTENT_WRITE", true
	}
	return "", false
}

// String returns the operation's name, such as "READ".
func (o ACLOperation) String() string { return enumName(aclOperationName, int(o), "UNSUPPORTED") }

// ACLOperationFromString parses an operation name, ignoring case.
func ACLOperationFromString(aclOperationString string) (ACLOperation, error) {
	up := strings.ToUpper(aclOperationString)
	// UNKNOWN is a name but not a value one may ask for.
	for i := int(ACLOperationAny); ; i++ {
		name, ok := aclOperationName(i)
		if !ok {
			break
		}
		if name == up {
			return ACLOperation(i), nil
		}
	}
	return ACLOperationUnknown, NewError(ErrInvalidArg, "Unknown ACL operation", false)
}

// ACLPermissionType says whether an ACL allows or denies.
type ACLPermissionType int

const (
	// ACLPermissionTypeUnknown is an unknown or unset permission type.
	ACLPermissionTypeUnknown ACLPermissionType = 0
	// ACLPermissionTypeAny matches any permission type, in filters.
	ACLPermissionTypeAny ACLPermissionType = 1
	// ACLPermissionTypeDeny denies the operation.
	ACLPermissionTypeDeny ACLPermissionType = 2
	// ACLPermissionTypeAllow allows the operation.
	ACLPermissionTypeAllow ACLPermissionType = 3
)

// aclPermissionTypeName returns librdkafka's name for v, ok=false past the end of its table.
func aclPermissionTypeName(v int) (string, bool) {
	switch v {
	case 0:
		return "UNKNOWN", true
	case 1:
		return "ANY", true
	case 2:
		return "DENY", true
	case 3:
		return "ALLOW", true
	}
	return "", false
}

// String returns the permission type's name, such as "ALLOW".
func (o ACLPermissionType) String() string {
	return enumName(aclPermissionTypeName, int(o), "UNSUPPORTED")
}

// ACLPermissionTypeFromString parses a permission type name, ignoring case.
func ACLPermissionTypeFromString(aclPermissionTypeString string) (ACLPermissionType, error) {
	switch strings.ToUpper(aclPermissionTypeString) {
	case "ANY":
		return ACLPermissionTypeAny, nil
	case "DENY":
		return ACLPermissionTypeDeny, nil
	case "ALLOW":
		return ACLPermissionTypeAllow, nil
	}
	return ACLPermissionTypeUnknown, NewError(ErrInvalidArg, "Unknown ACL permission type", false)
}

// ScramMechanism is a SASL/SCRAM hash.
type ScramMechanism int

const (
	// ScramMechanismUnknown is an unknown or unset mechanism.
	ScramMechanismUnknown ScramMechanism = 0
	// ScramMechanismSHA256 is SCRAM-SHA-256.
	ScramMechanismSHA256 ScramMechanism = 1
	// ScramMechanismSHA512 is SCRAM-SHA-512.
	ScramMechanismSHA512 ScramMechanism = 2
)

// String returns "SCRAM-SHA-256", "SCRAM-SHA-512" or "UNKNOWN".
func (o ScramMechanism) String() string {
	switch o {
	case ScramMechanismSHA256:
		return "SCRAM-SHA-256"
	case ScramMechanismSHA512:
		return "SCRAM-SHA-512"
	}
	return "UNKNOWN"
}

// ScramMechanismFromString parses a mechanism name, ignoring case.
func ScramMechanismFromString(mechanism string) (ScramMechanism, error) {
	switch strings.ToUpper(mechanism) {
	case "SCRAM-SHA-256":
		return ScramMechanismSHA256, nil
	case "SCRAM-SHA-512":
		return ScramMechanismSHA512, nil
	}
	return ScramMechanismUnknown, NewError(ErrInvalidArg, "Unknown SCRAM mechanism", false)
}

// ConsumerGroupState is the state of a consumer group.
type ConsumerGroupState int

const (
	// ConsumerGroupStateUnknown is an unknown state, including the
	// KIP-848 states this enum has no value for.
	ConsumerGroupStateUnknown ConsumerGroupState = 0
	// ConsumerGroupStatePreparingRebalance is a classic group rebalancing.
	ConsumerGroupStatePreparingRebalance ConsumerGroupState = 1
	// ConsumerGroupStateCompletingRebalance is a classic group waiting for
	// its leader's assignment.
	ConsumerGroupStateCompletingRebalance ConsumerGroupState = 2
	// ConsumerGroupStateStable is a group with a settled assignment.
	ConsumerGroupStateStable ConsumerGroupState = 3
	// ConsumerGroupStateDead is a group without members or metadata.
	ConsumerGroupStateDead ConsumerGroupState = 4
	// ConsumerGroupStateEmpty is a group without members.
	ConsumerGroupStateEmpty ConsumerGroupState = 5
)

// consumerGroupStateName returns librdkafka's name for v, ok=false past the end of its table.
func consumerGroupStateName(v int) (string, bool) {
	switch v {
	case 0:
		return "Unknown", true
	case 1:
		return "PreparingRebalance", true
	case 2:
		return "CompletingRebalance", true
	case 3:
		return "Stable", true
	case 4:
		return "Dead", true
	case 5:
		return "Empty", true
	}
	return "", false
}

// String returns the state's name as the broker spells it, such as
// "Stable", or "" for values outside the enum.
func (t ConsumerGroupState) String() string {
	return enumName(consumerGroupStateName, int(t), "")
}

// ConsumerGroupStateFromString parses a state name, ignoring case. Unknown
// names give ConsumerGroupStateUnknown and, as in the reference, no error.
func ConsumerGroupStateFromString(stateString string) (ConsumerGroupState, error) {
	return ConsumerGroupState(enumIndexFold(consumerGroupStateName, stateString)), nil
}

// ConsumerGroupType is the rebalance protocol of a consumer group: the
// KIP-848 "consumer" protocol or the "classic" one.
type ConsumerGroupType int

const (
	// ConsumerGroupTypeUnknown is an unknown group type.
	ConsumerGroupTypeUnknown ConsumerGroupType = 0
	// ConsumerGroupTypeConsumer is a KIP-848 consumer group.
	ConsumerGroupTypeConsumer ConsumerGroupType = 1
	// ConsumerGroupTypeClassic is a classic consumer group.
	ConsumerGroupTypeClassic ConsumerGroupType = 2
)

// consumerGroupTypeName returns librdkafka's name for v, ok=false past the end of its table.
func consumerGroupTypeName(v int) (string, bool) {
	switch v {
	case 0:
		return "Unknown", true
	case 1:
		return "Consumer", true
	case 2:
		return "Classic", true
	}
	return "", false
}

// String returns "Unknown", "Consumer" or "Classic", or "" for values
// outside the enum.
func (t ConsumerGroupType) String() string { return enumName(consumerGroupTypeName, int(t), "") }

// ConsumerGroupTypeFromString parses a group type name, ignoring case;
// unknown names give ConsumerGroupTypeUnknown.
func ConsumerGroupTypeFromString(typeString string) ConsumerGroupType {
	return ConsumerGroupType(enumIndexFold(consumerGroupTypeName, typeString))
}

// ElectionType is the kind of leader election ElectLeaders asks for.
type ElectionType int

const (
	// ElectionTypePreferred elects the preferred replica.
	ElectionTypePreferred ElectionType = 0
	// ElectionTypeUnclean elects any replica, even an out-of-sync one.
	ElectionTypeUnclean ElectionType = 1
)

// ElectionTypeFromString parses "PREFERRED" or "UNCLEAN", ignoring case.
func ElectionTypeFromString(electionTypeString string) (ElectionType, error) {
	switch strings.ToUpper(electionTypeString) {
	case "PREFERRED":
		return ElectionTypePreferred, nil
	case "UNCLEAN":
		return ElectionTypeUnclean, nil
	}
	return ElectionTypePreferred, NewError(ErrInvalidArg, "Unknown election type", false)
}

// IsolationLevel decides whether ListOffsets sees the end of transactional
// data that is not yet committed.
type IsolationLevel int

const (
	// IsolationLevelReadUncommitted sees uncommitted data: the high watermark.
	IsolationLevelReadUncommitted IsolationLevel = 0
	// IsolationLevelReadCommitted stops at the last stable offset.
	IsolationLevelReadCommitted IsolationLevel = 1
)

// OffsetSpec says which offset ListOffsets looks up for a partition: one of
// the constants, or a timestamp in milliseconds (NewOffsetSpecForTimestamp).
type OffsetSpec int64

const (
	// MaxTimestampOffsetSpec asks for the offset of the message with the
	// largest timestamp, which differs from the latest when producers set
	// timestamps themselves.
	MaxTimestampOffsetSpec OffsetSpec = -3
	// EarliestOffsetSpec asks for the first offset.
	EarliestOffsetSpec OffsetSpec = -2
	// LatestOffsetSpec asks for the next offset to be written.
	LatestOffsetSpec OffsetSpec = -1
)

// NewOffsetSpecForTimestamp returns the OffsetSpec asking for the first
// offset whose timestamp is at or after timestamp (milliseconds).
func NewOffsetSpecForTimestamp(timestamp int64) OffsetSpec {
	return OffsetSpec(timestamp)
}

// enumName renders v with one of the name tables below, or unknown past its
// end; librdkafka compares as unsigned, so negative values are out of range.
func enumName(table func(int) (string, bool), v int, unknown string) string {
	if name, ok := table(v); ok {
		return name
	}
	return unknown
}

// enumIndexFold returns the value whose name is s, ignoring case, or 0
// (every such enum's "unknown") when there is none.
func enumIndexFold(table func(int) (string, bool), s string) int {
	for i := 0; ; i++ {
		name, ok := table(i)
		if !ok {
			return 0
		}
		if strings.EqualFold(name, s) {
			return i
		}
	}
}
