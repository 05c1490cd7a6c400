package client

import "time"

// adminOptions is what the per-call options resolve to. Each option type
// writes its field; the call reads the ones that apply to it (the sealed
// interfaces below make sure only those can be passed).
type adminOptions struct {
	requestTimeout      time.Duration
	hasRequestTimeout   bool
	operationTimeout    time.Duration
	hasOperationTimeout bool
	validateOnly        bool
	isolationLevel      IsolationLevel
	requireStable       bool
	matchStates         []ConsumerGroupState
	matchTypes          []ConsumerGroupType
	includeAuthOps      bool
}

// AdminOption is any admin option; see the Set* functions.
type AdminOption interface {
	apply(o *adminOptions) error
}

// Each per-call interface has its own marker method, so that only the
// options confluent-kafka-go accepts for a call compile as its arguments.
type (
	// CreateTopicsAdminOption is an option of CreateTopics:
	// SetAdminRequestTimeout, SetAdminOperationTimeout, SetAdminValidateOnly.
	CreateTopicsAdminOption interface {
		supportsCreateTopics()
		apply(o *adminOptions) error
	}
	// DeleteTopicsAdminOption is an option of DeleteTopics:
	// SetAdminRequestTimeout, SetAdminOperationTimeout.
	DeleteTopicsAdminOption interface {
		supportsDeleteTopics()
		apply(o *adminOptions) error
	}
	// CreatePartitionsAdminOption is an option of CreatePartitions:
	// SetAdminRequestTimeout, SetAdminOperationTimeout, SetAdminValidateOnly.
	CreatePartitionsAdminOption interface {
		supportsCreatePartitions()
		apply(o *adminOptions) error
	}
	// AlterConfigsAdminOption is an option of AlterConfigs and
	// IncrementalAlterConfigs: SetAdminRequestTimeout, SetAdminValidateOnly.
	AlterConfigsAdminOption interface {
		supportsAlterConfigs()
		apply(o *adminOptions) error
	}
	// DescribeConfigsAdminOption is an option of DescribeConfigs:
	// SetAdminRequestTimeout.
	DescribeConfigsAdminOption interface {
		supportsDescribeConfigs()
		apply(o *adminOptions) error
	}
	// CreateACLsAdminOption is an option of CreateACLs: SetAdminRequestTimeout.
	CreateACLsAdminOption interface {
		supportsCreateACLs()
		apply(o *adminOptions) error
	}
	// DescribeACLsAdminOption is an option of DescribeACLs:
	// SetAdminRequestTimeout.
	DescribeACLsAdminOption interface {
		supportsDescribeACLs()
		apply(o *adminOptions) error
	}
	// DeleteACLsAdminOption is an option of DeleteACLs: SetAdminRequestTimeout.
	DeleteACLsAdminOption interface {
		supportsDeleteACLs()
		apply(o *adminOptions) error
	}
	// ListConsumerGroupsAdminOption is an option of ListConsumerGroups:
	// SetAdminRequestTimeout, SetAdminMatchConsumerGroupStates,
	// SetAdminMatchConsumerGroupTypes.
	ListConsumerGroupsAdminOption interface {
		supportsListConsumerGroups()
		apply(o *adminOptions) error
	}
	// DescribeConsumerGroupsAdminOption is an option of
	// DescribeConsumerGroups: SetAdminRequestTimeout,
	// SetAdminOptionIncludeAuthorizedOperations.
	DescribeConsumerGroupsAdminOption interface {
		supportsDescribeConsumerGroups()
		apply(o *adminOptions) error
	}
	// DescribeTopicsAdminOption is an option of DescribeTopics:
	// SetAdminRequestTimeout, SetAdminOptionIncludeAuthorizedOperations.
	DescribeTopicsAdminOption interface {
		supportsDescribeTopics()
		apply(o *adminOptions) error
	}
	// DescribeClusterAdminOption is an option of DescribeCluster:
	// SetAdminRequestTimeout, SetAdminOptionIncludeAuthorizedOperations.
	DescribeClusterAdminOption interface {
		supportsDescribeCluster()
		apply(o *adminOptions) error
	}
	// DeleteConsumerGroupsAdminOption is an option of DeleteConsumerGroups:
	// SetAdminRequestTimeout.
	DeleteConsumerGroupsAdminOption interface {
		supportsDeleteConsumerGroups()
		apply(o *adminOptions) error
	}
	// ListConsumerGroupOffsetsAdminOption is an option of
	// ListConsumerGroupOffsets: SetAdminRequestTimeout,
	// SetAdminRequireStableOffsets.
	ListConsumerGroupOffsetsAdminOption interface {
		supportsListConsumerGroupOffsets()
		apply(o *adminOptions) error
	}
	// AlterConsumerGroupOffsetsAdminOption is an option of
	// AlterConsumerGroupOffsets: SetAdminRequestTimeout.
	AlterConsumerGroupOffsetsAdminOption interface {
		supportsAlterConsumerGroupOffsets()
		apply(o *adminOptions) error
	}
	// DescribeUserScramCredentialsAdminOption is an option of
	// DescribeUserScramCredentials: SetAdminRequestTimeout.
	DescribeUserScramCredentialsAdminOption interface {
		supportsDescribeUserScramCredentials()
		apply(o *adminOptions) error
	}
	// AlterUserScramCredentialsAdminOption is an option of
	// AlterUserScramCredentials: SetAdminRequestTimeout.
	AlterUserScramCredentialsAdminOption interface {
		supportsAlterUserScramCredentials()
		apply(o *adminOptions) error
	}
	// ListOffsetsAdminOption is an option of ListOffsets:
	// SetAdminRequestTimeout, SetAdminIsolationLevel.
	ListOffsetsAdminOption interface {
		supportsListOffsets()
		apply(o *adminOptions) error
	}
	// DeleteRecordsAdminOption is an option of DeleteRecords:
	// SetAdminRequestTimeout, SetAdminOperationTimeout.
	DeleteRecordsAdminOption interface {
		supportsDeleteRecords()
		apply(o *adminOptions) error
	}
	// ElectLeadersAdminOption is an option of ElectLeaders:
	// SetAdminRequestTimeout, SetAdminOperationTimeout.
	ElectLeadersAdminOption interface {
		supportsElectLeaders()
		apply(o *adminOptions) error
	}
)

// maxAdminTimeoutMs is librdkafka's upper bound for admin timeouts (one hour).
const maxAdminTimeoutMs = 3600 * 1000

// durationMs converts a timeout the way the reference does: positive
// durations to whole milliseconds, anything else by plain conversion, so
// that -1 (and -1ns) keeps meaning "-1".
func durationMs(t time.Duration) int {
	if t > 0 {
		return int(t.Seconds() * 1000.0)
	}
	return int(t)
}

// rangeError is the error for an option value outside librdkafka's range.
func rangeError(name string, v, lo, hi int) Error {
	return Errorf(ErrInvalidArg, "Invalid value for %s: %d (expected %d..%d)", name, v, lo, hi)
}

// AdminOptionOperationTimeout is how long the broker may wait for the
// operation to complete (topic creation to propagate, and so on) before it
// answers. Valid for CreateTopics, DeleteTopics, CreatePartitions,
// DeleteRecords and ElectLeaders. Default: socket.timeout.ms.
type AdminOptionOperationTimeout struct {
	isSet bool
	val   time.Duration
}

func (ao AdminOptionOperationTimeout) supportsCreateTopics()     {}
func (ao AdminOptionOperationTimeout) supportsDeleteTopics()     {}
func (ao AdminOptionOperationTimeout) supportsCreatePartitions() {}
func (ao AdminOptionOperationTimeout) supportsDeleteRecords()    {}
func (ao AdminOptionOperationTimeout) supportsElectLeaders()     {}

func (ao AdminOptionOperationTimeout) apply(o *adminOptions) error {
	if !ao.isSet {
		return nil
	}
	ms := durationMs(ao.val)
	if ms < -1 || ms > maxAdminTimeoutMs {
		return NewError(ErrInvalidArg, "Failed to set operation timeout: "+
			rangeError("operation_timeout", ms, -1, maxAdminTimeoutMs).str, false)
	}
	o.operationTimeout, o.hasOperationTimeout = time.Duration(ms)*time.Millisecond, true
	return nil
}

// SetAdminOperationTimeout sets how long the broker may wait for the
// operation to complete before answering; 0 returns as soon as the
// operation is triggered. Valid for CreateTopics, DeleteTopics,
// CreatePartitions, DeleteRecords and ElectLeaders.
func SetAdminOperationTimeout(t time.Duration) (ao AdminOptionOperationTimeout) {
	return AdminOptionOperationTimeout{isSet: true, val: t}
}

// AdminOptionRequestTimeout is the overall timeout of a call: broker
// lookup, sending, the broker's work and the response. Valid for every
// call. Default: socket.timeout.ms.
type AdminOptionRequestTimeout struct {
	isSet bool
	val   time.Duration
}

func (ao AdminOptionRequestTimeout) supportsCreateTopics()                 {}
func (ao AdminOptionRequestTimeout) supportsDeleteTopics()                 {}
func (ao AdminOptionRequestTimeout) supportsCreatePartitions()             {}
func (ao AdminOptionRequestTimeout) supportsAlterConfigs()                 {}
func (ao AdminOptionRequestTimeout) supportsDescribeConfigs()              {}
func (ao AdminOptionRequestTimeout) supportsCreateACLs()                   {}
func (ao AdminOptionRequestTimeout) supportsDescribeACLs()                 {}
func (ao AdminOptionRequestTimeout) supportsDeleteACLs()                   {}
func (ao AdminOptionRequestTimeout) supportsListConsumerGroups()           {}
func (ao AdminOptionRequestTimeout) supportsDescribeConsumerGroups()       {}
func (ao AdminOptionRequestTimeout) supportsDescribeTopics()               {}
func (ao AdminOptionRequestTimeout) supportsDescribeCluster()              {}
func (ao AdminOptionRequestTimeout) supportsDeleteConsumerGroups()         {}
func (ao AdminOptionRequestTimeout) supportsListConsumerGroupOffsets()     {}
func (ao AdminOptionRequestTimeout) supportsAlterConsumerGroupOffsets()    {}
func (ao AdminOptionRequestTimeout) supportsListOffsets()                  {}
func (ao AdminOptionRequestTimeout) supportsDescribeUserScramCredentials() {}
func (ao AdminOptionRequestTimeout) supportsAlterUserScramCredentials()    {}
func (ao AdminOptionRequestTimeout) supportsDeleteRecords()                {}
func (ao AdminOptionRequestTimeout) supportsElectLeaders()                 {}

func (ao AdminOptionRequestTimeout) apply(o *adminOptions) error {
	if !ao.isSet {
		return nil
	}
	ms := durationMs(ao.val)
	if ms < 0 || ms > maxAdminTimeoutMs {
		return rangeError("request_timeout", ms, 0, maxAdminTimeoutMs)
	}
	o.requestTimeout, o.hasRequestTimeout = time.Duration(ms)*time.Millisecond, true
	return nil
}

// SetAdminRequestTimeout sets the overall timeout of a call, after which
// it fails with ErrTimedOut. Valid for every call. Default:
// socket.timeout.ms.
func SetAdminRequestTimeout(t time.Duration) (ao AdminOptionRequestTimeout) {
	return AdminOptionRequestTimeout{isSet: true, val: t}
}

// AdminOptionIsolationLevel is the isolation level of ListOffsets.
// Default: IsolationLevelReadUncommitted.
type AdminOptionIsolationLevel struct {
	isSet bool
	val   IsolationLevel
}

func (ao AdminOptionIsolationLevel) supportsListOffsets() {}

func (ao AdminOptionIsolationLevel) apply(o *adminOptions) error {
	if !ao.isSet {
		return nil
	}
	if ao.val != IsolationLevelReadUncommitted && ao.val != IsolationLevelReadCommitted {
		return rangeError("isolation_level", int(ao.val), 0, 1)
	}
	o.isolationLevel = ao.val
	return nil
}

// SetAdminIsolationLevel sets the isolation level of ListOffsets.
func SetAdminIsolationLevel(isolationLevel IsolationLevel) (ao AdminOptionIsolationLevel) {
	return AdminOptionIsolationLevel{isSet: true, val: isolationLevel}
}

// AdminOptionValidateOnly makes the broker only validate the request, not
// perform it. Valid for CreateTopics, CreatePartitions, AlterConfigs and
// IncrementalAlterConfigs. Default: false.
type AdminOptionValidateOnly struct {
	isSet bool
	val   bool
}

func (ao AdminOptionValidateOnly) supportsCreateTopics()     {}
func (ao AdminOptionValidateOnly) supportsCreatePartitions() {}
func (ao AdminOptionValidateOnly) supportsAlterConfigs()     {}

func (ao AdminOptionValidateOnly) apply(o *adminOptions) error {
	if ao.isSet {
		o.validateOnly = ao.val
	}
	return nil
}

// SetAdminValidateOnly makes the broker only validate the request.
func SetAdminValidateOnly(validateOnly bool) (ao AdminOptionValidateOnly) {
	return AdminOptionValidateOnly{isSet: true, val: validateOnly}
}

// AdminOptionRequireStableOffsets makes ListConsumerGroupOffsets wait for
// pending transactional offset commits instead of returning an error for
// them. Default: false.
type AdminOptionRequireStableOffsets struct {
	isSet bool
	val   bool
}

func (ao AdminOptionRequireStableOffsets) supportsListConsumerGroupOffsets() {}

func (ao AdminOptionRequireStableOffsets) apply(o *adminOptions) error {
	if ao.isSet {
		o.requireStable = ao.val
	}
	return nil
}

// SetAdminRequireStableOffsets asks ListConsumerGroupOffsets for stable
// (transaction-committed) offsets only.
func SetAdminRequireStableOffsets(val bool) (ao AdminOptionRequireStableOffsets) {
	return AdminOptionRequireStableOffsets{isSet: true, val: val}
}

// AdminOptionMatchConsumerGroupStates restricts ListConsumerGroups to groups
// in the given states. Default: nil, all states.
type AdminOptionMatchConsumerGroupStates struct {
	isSet bool
	val   []ConsumerGroupState
}

func (ao AdminOptionMatchConsumerGroupStates) supportsListConsumerGroups() {}

func (ao AdminOptionMatchConsumerGroupStates) apply(o *adminOptions) error {
	if !ao.isSet || ao.val == nil {
		return nil
	}
	seen := map[ConsumerGroupState]bool{}
	for _, s := range ao.val {
		if s < ConsumerGroupStateUnknown || s > ConsumerGroupStateEmpty {
			return NewError(ErrInvalidArg, "Invalid group state value", false)
		}
		if seen[s] {
			return NewError(ErrInvalidArg, "Duplicate states not allowed", false)
		}
		seen[s] = true
	}
	o.matchStates = ao.val
	return nil
}

// SetAdminMatchConsumerGroupStates restricts ListConsumerGroups to groups
// in the given states.
func SetAdminMatchConsumerGroupStates(val []ConsumerGroupState) (ao AdminOptionMatchConsumerGroupStates) {
	return AdminOptionMatchConsumerGroupStates{isSet: true, val: val}
}

// AdminOptionMatchConsumerGroupTypes restricts ListConsumerGroups to groups
// of the given types. Default: nil, all types.
type AdminOptionMatchConsumerGroupTypes struct {
	isSet bool
	val   []ConsumerGroupType
}

func (ao AdminOptionMatchConsumerGroupTypes) supportsListConsumerGroups() {}

func (ao AdminOptionMatchConsumerGroupTypes) apply(o *adminOptions) error {
	if !ao.isSet || ao.val == nil {
		return nil
	}
	seen := map[ConsumerGroupType]bool{}
	for _, t := range ao.val {
		switch {
		case t == ConsumerGroupTypeUnknown:
			return NewError(ErrInvalidArg, "UNKNOWN type is not allowed", false)
		case t < ConsumerGroupTypeUnknown || t > ConsumerGroupTypeClassic:
			return NewError(ErrInvalidArg, "Only a valid type is allowed", false)
		case seen[t]:
			return NewError(ErrInvalidArg, "Duplicate types not allowed", false)
		}
		seen[t] = true
	}
	o.matchTypes = ao.val
	return nil
}

// SetAdminMatchConsumerGroupTypes restricts ListConsumerGroups to groups of
// the given types.
func SetAdminMatchConsumerGroupTypes(val []ConsumerGroupType) (ao AdminOptionMatchConsumerGroupTypes) {
	return AdminOptionMatchConsumerGroupTypes{isSet: true, val: val}
}

// AdminOptionIncludeAuthorizedOperations asks DescribeConsumerGroups,
// DescribeTopics or DescribeCluster for the operations the client is
// allowed to perform. Default: false.
type AdminOptionIncludeAuthorizedOperations struct {
	isSet bool
	val   bool
}

func (ao AdminOptionIncludeAuthorizedOperations) supportsDescribeConsumerGroups() {}
func (ao AdminOptionIncludeAuthorizedOperations) supportsDescribeTopics()         {}
func (ao AdminOptionIncludeAuthorizedOperations) supportsDescribeCluster()        {}

func (ao AdminOptionIncludeAuthorizedOperations) apply(o *adminOptions) error {
	if ao.isSet {
		o.includeAuthOps = ao.val
	}
	return nil
}

// SetAdminOptionIncludeAuthorizedOperations asks for the operations the
// client is allowed to perform on the described resources.
func SetAdminOptionIncludeAuthorizedOperations(val bool) (ao AdminOptionIncludeAuthorizedOperations) {
	return AdminOptionIncludeAuthorizedOperations{isSet: true, val: val}
}

// resolveOptions applies options in order, skipping nil ones as the
// reference does.
func resolveOptions[O interface{ apply(*adminOptions) error }](options []O) (adminOptions, error) {
	var o adminOptions
	for _, opt := range options {
		if any(opt) == nil {
			continue
		}
		if err := opt.apply(&o); err != nil {
			return o, err
		}
	}
	return o, nil
}
