package kafka

// This file re-exports the plain data types, constants and functions of
// purekafka's shared core. Types are aliases (not new types) so values flow
// between this package and the implementation without conversion; constants
// are re-declared as constants and functions wrapped as functions, because
// user code may use them in constant expressions and switch cases, and a
// variable holding a function is not the same API.

import (
	"os"

	"github.com/purekafka/purekafka/client"
)

// Configuration.
type (
	// ConfigMap holds librdkafka configuration properties and the Go
	// client's go.* properties; see client.ConfigMap.
	ConfigMap = client.ConfigMap
	// ConfigValue is a configuration property value: bool, int, string,
	// a fmt.Stringer, or a ConfigMap for "default.topic.config".
	ConfigValue = client.ConfigValue
)

// Errors.
type (
	// Error is the error type returned by the client and delivered as an
	// Error event; compare codes with Code().
	Error = client.Error
	// ErrorCode is a librdkafka (negative) or Kafka protocol (positive)
	// error code.
	ErrorCode = client.ErrorCode
)

// NewError creates an Error with the given code, text and fatal flag.
func NewError(code ErrorCode, str string, fatal bool) (err Error) {
	return client.NewError(code, str, fatal)
}

// WriteErrorCodes writes Go source declaring every ErrorCode constant.
func WriteErrorCodes(f *os.File) {
	client.WriteErrorCodes(f)
}

// Offsets and partitions.
type (
	// Offset is an absolute or logical partition offset.
	Offset = client.Offset
	// TopicPartition identifies a topic partition, with optional offset,
	// metadata, error and leader epoch. It is comparable.
	TopicPartition = client.TopicPartition
	// TopicPartitions is a sortable slice of TopicPartition.
	TopicPartitions = client.TopicPartitions
)

// Logical offsets.
const (
	// OffsetBeginning is the earliest available offset.
	OffsetBeginning = client.OffsetBeginning
	// OffsetEnd is the offset of the next message to be produced.
	OffsetEnd = client.OffsetEnd
	// OffsetInvalid means no offset is set.
	OffsetInvalid = client.OffsetInvalid
	// OffsetStored means the committed offset of the group.
	OffsetStored = client.OffsetStored
)

// PartitionAny lets the producer's partitioner choose the partition.
const PartitionAny = client.PartitionAny

// NewOffset converts a string, int, int64 or Offset to an Offset.
func NewOffset(offset interface{}) (Offset, error) {
	return client.NewOffset(offset)
}

// OffsetTail returns the logical offset relativeOffset messages before the
// end of the partition.
func OffsetTail(relativeOffset Offset) Offset {
	return client.OffsetTail(relativeOffset)
}

// Messages, headers and events.
type (
	// Message is a produced, consumed or delivery-reported record.
	Message = client.Message
	// Header is a record header.
	Header = client.Header
	// TimestampType tells what Message.Timestamp means.
	TimestampType = client.TimestampType
	// Event is anything returned by Poll or sent on an Events() channel.
	Event = client.Event
	// AssignedPartitions asks the application to assign partitions.
	AssignedPartitions = client.AssignedPartitions
	// RevokedPartitions asks the application to stop consuming partitions.
	RevokedPartitions = client.RevokedPartitions
	// PartitionEOF reports that the end of a partition was reached.
	PartitionEOF = client.PartitionEOF
	// OffsetsCommitted reports the result of an offset commit.
	OffsetsCommitted = client.OffsetsCommitted
	// OAuthBearerTokenRefresh asks the application for a new OAUTHBEARER token.
	OAuthBearerTokenRefresh = client.OAuthBearerTokenRefresh
	// Stats carries a statistics JSON document; it is delivered as *Stats.
	Stats = client.Stats
	// LogEvent is one client log line.
	LogEvent = client.LogEvent
	// OAuthBearerToken is a SASL/OAUTHBEARER token for SetOAuthBearerToken.
	OAuthBearerToken = client.OAuthBearerToken
)

// Timestamp types.
const (
	// TimestampNotAvailable means the message has no timestamp.
	TimestampNotAvailable = client.TimestampNotAvailable
	// TimestampCreateTime is the producer-assigned creation time.
	TimestampCreateTime = client.TimestampCreateTime
	// TimestampLogAppendTime is the broker-assigned append time.
	TimestampLogAppendTime = client.TimestampLogAppendTime
)

// Cluster metadata.
type (
	// Metadata is the result of GetMetadata.
	Metadata = client.Metadata
	// BrokerMetadata describes a broker.
	BrokerMetadata = client.BrokerMetadata
	// TopicMetadata describes a topic.
	TopicMetadata = client.TopicMetadata
	// PartitionMetadata describes a partition.
	PartitionMetadata = client.PartitionMetadata
)

// LibrdkafkaLinkInfo describes how the client is linked: pure Go, no
// librdkafka.
const LibrdkafkaLinkInfo = client.LibrdkafkaLinkInfo

// LibraryVersion returns the librdkafka version whose behaviour this package
// provides, as an integer (0xMMmmrrff) and a string.
func LibraryVersion() (int, string) {
	return client.LibraryVersion()
}

// Error codes; see client for each code's description, which is also what
// ErrorCode.String returns.
const (
	// ErrBadMsg: Local: Bad message format.
	ErrBadMsg = client.ErrBadMsg
	// ErrBadCompression: Local: Invalid compressed data.
	ErrBadCompression = client.ErrBadCompression
	// ErrDestroy: Local: Broker handle destroyed for termination.
	ErrDestroy = client.ErrDestroy
	// ErrFail: Local: Communication failure with broker.
	ErrFail = client.ErrFail
	// ErrTransport: Local: Broker transport failure.
	ErrTransport = client.ErrTransport
	// ErrCritSysResource: Local: Critical system resource failure.
	ErrCritSysResource = client.ErrCritSysResource
	// ErrResolve: Local: Host resolution failure.
	ErrResolve = client.ErrResolve
	// ErrMsgTimedOut: Local: Message timed out.
	ErrMsgTimedOut = client.ErrMsgTimedOut
	// ErrPartitionEOF: Broker: No more messages.
	ErrPartitionEOF = client.ErrPartitionEOF
	// ErrUnknownPartition: Local: Unknown partition.
	ErrUnknownPartition = client.ErrUnknownPartition
	// ErrFs: Local: File or filesystem error.
	ErrFs = client.ErrFs
	// ErrUnknownTopic: Local: Unknown topic.
	ErrUnknownTopic = client.ErrUnknownTopic
	// ErrAllBrokersDown: Local: All broker connections are down.
	ErrAllBrokersDown = client.ErrAllBrokersDown
	// ErrInvalidArg: Local: Invalid argument or configuration.
	ErrInvalidArg = client.ErrInvalidArg
	// ErrTimedOut: Local: Timed out.
	ErrTimedOut = client.ErrTimedOut
	// ErrQueueFull: Local: Queue full.
	ErrQueueFull = client.ErrQueueFull
	// ErrIsrInsuff: Local: ISR count insufficient.
	ErrIsrInsuff = client.ErrIsrInsuff
	// ErrNodeUpdate: Local: Broker node update.
	ErrNodeUpdate = client.ErrNodeUpdate
	// ErrSsl: Local: SSL error.
	ErrSsl = client.ErrSsl
	// ErrWaitCoord: Local: Waiting for coordinator.
	ErrWaitCoord = client.ErrWaitCoord
	// ErrUnknownGroup: Local: Unknown group.
	ErrUnknownGroup = client.ErrUnknownGroup
	// ErrInProgress: Local: Operation in progress.
	ErrInProgress = client.ErrInProgress
	// ErrPrevInProgress: Local: Previous operation in progress.
	ErrPrevInProgress = client.ErrPrevInProgress
	// ErrExistingSubscription: Local: Existing subscription.
	ErrExistingSubscription = client.ErrExistingSubscription
	// ErrAssignPartitions: Local: Assign partitions.
	ErrAssignPartitions = client.ErrAssignPartitions
	// ErrRevokePartitions: Local: Revoke partitions.
	ErrRevokePartitions = client.ErrRevokePartitions
	// ErrConflict: Local: Conflicting use.
	ErrConflict = client.ErrConflict
	// ErrState: Local: Erroneous state.
	ErrState = client.ErrState
	// ErrUnknownProtocol: Local: Unknown protocol.
	ErrUnknownProtocol = client.ErrUnknownProtocol
	// ErrNotImplemented: Local: Not implemented.
	ErrNotImplemented = client.ErrNotImplemented
	// ErrAuthentication: Local: Authentication failure.
	ErrAuthentication = client.ErrAuthentication
	// ErrNoOffset: Local: No offset stored.
	ErrNoOffset = client.ErrNoOffset
	// ErrOutdated: Local: Outdated.
	ErrOutdated = client.ErrOutdated
	// ErrTimedOutQueue: Local: Timed out in queue.
	ErrTimedOutQueue = client.ErrTimedOutQueue
	// ErrUnsupportedFeature: Local: Required feature not supported by broker.
	ErrUnsupportedFeature = client.ErrUnsupportedFeature
	// ErrWaitCache: Local: Awaiting cache update.
	ErrWaitCache = client.ErrWaitCache
	// ErrIntr: Local: Operation interrupted.
	ErrIntr = client.ErrIntr
	// ErrKeySerialization: Local: Key serialization error.
	ErrKeySerialization = client.ErrKeySerialization
	// ErrValueSerialization: Local: Value serialization error.
	ErrValueSerialization = client.ErrValueSerialization
	// ErrKeyDeserialization: Local: Key deserialization error.
	ErrKeyDeserialization = client.ErrKeyDeserialization
	// ErrValueDeserialization: Local: Value deserialization error.
	ErrValueDeserialization = client.ErrValueDeserialization
	// ErrPartial: Local: Partial response.
	ErrPartial = client.ErrPartial
	// ErrReadOnly: Local: Read-only object.
	ErrReadOnly = client.ErrReadOnly
	// ErrNoent: Local: No such entry.
	ErrNoent = client.ErrNoent
	// ErrUnderflow: Local: Read underflow.
	ErrUnderflow = client.ErrUnderflow
	// ErrInvalidType: Local: Invalid type.
	ErrInvalidType = client.ErrInvalidType
	// ErrRetry: Local: Retry operation.
	ErrRetry = client.ErrRetry
	// ErrPurgeQueue: Local: Purged in queue.
	ErrPurgeQueue = client.ErrPurgeQueue
	// ErrPurgeInflight: Local: Purged in flight.
	ErrPurgeInflight = client.ErrPurgeInflight
	// ErrFatal: Local: Fatal error.
	ErrFatal = client.ErrFatal
	// ErrInconsistent: Local: Inconsistent state.
	ErrInconsistent = client.ErrInconsistent
	// ErrGaplessGuarantee: Local: Gap-less ordering would not be guaranteed if proceeding.
	ErrGaplessGuarantee = client.ErrGaplessGuarantee
	// ErrMaxPollExceeded: Local: Maximum application poll interval (max.poll.interval.ms) exceeded.
	ErrMaxPollExceeded = client.ErrMaxPollExceeded
	// ErrUnknownBroker: Local: Unknown broker.
	ErrUnknownBroker = client.ErrUnknownBroker
	// ErrNotConfigured: Local: Functionality not configured.
	ErrNotConfigured = client.ErrNotConfigured
	// ErrFenced: Local: This instance has been fenced by a newer instance.
	ErrFenced = client.ErrFenced
	// ErrApplication: Local: Application generated error.
	ErrApplication = client.ErrApplication
	// ErrAssignmentLost: Local: Group partition assignment lost.
	ErrAssignmentLost = client.ErrAssignmentLost
	// ErrNoop: Local: No operation performed.
	ErrNoop = client.ErrNoop
	// ErrAutoOffsetReset: Local: No offset to automatically reset to.
	ErrAutoOffsetReset = client.ErrAutoOffsetReset
	// ErrLogTruncation: Local: Partition log truncation detected.
	ErrLogTruncation = client.ErrLogTruncation
	// ErrInvalidDifferentRecord: Local: an invalid record in the same batch caused the failure of this message too.
	ErrInvalidDifferentRecord = client.ErrInvalidDifferentRecord
	// ErrDestroyBroker: Local: Broker handle destroyed without termination.
	ErrDestroyBroker = client.ErrDestroyBroker
	// ErrUnknown: Unknown broker error.
	ErrUnknown = client.ErrUnknown
	// ErrNoError: Success.
	ErrNoError = client.ErrNoError
	// ErrOffsetOutOfRange: Broker: Offset out of range.
	ErrOffsetOutOfRange = client.ErrOffsetOutOfRange
	// ErrInvalidMsg: Broker: Invalid message.
	ErrInvalidMsg = client.ErrInvalidMsg
	// ErrUnknownTopicOrPart: Broker: Unknown topic or partition.
	ErrUnknownTopicOrPart = client.ErrUnknownTopicOrPart
	// ErrInvalidMsgSize: Broker: Invalid message size.
	ErrInvalidMsgSize = client.ErrInvalidMsgSize
	// ErrLeaderNotAvailable: Broker: Leader not available.
	ErrLeaderNotAvailable = client.ErrLeaderNotAvailable
	// ErrNotLeaderForPartition: Broker: Not leader for partition.
	ErrNotLeaderForPartition = client.ErrNotLeaderForPartition
	// ErrRequestTimedOut: Broker: Request timed out.
	ErrRequestTimedOut = client.ErrRequestTimedOut
	// ErrBrokerNotAvailable: Broker: Broker not available.
	ErrBrokerNotAvailable = client.ErrBrokerNotAvailable
	// ErrReplicaNotAvailable: Broker: Replica not available.
	ErrReplicaNotAvailable = client.ErrReplicaNotAvailable
	// ErrMsgSizeTooLarge: Broker: Message size too large.
	ErrMsgSizeTooLarge = client.ErrMsgSizeTooLarge
	// ErrStaleCtrlEpoch: Broker: StaleControllerEpochCode.
	ErrStaleCtrlEpoch = client.ErrStaleCtrlEpoch
	// ErrOffsetMetadataTooLarge: Broker: Offset metadata string too large.
	ErrOffsetMetadataTooLarge = client.ErrOffsetMetadataTooLarge
	// ErrNetworkException: Broker: Broker disconnected before response received.
	ErrNetworkException = client.ErrNetworkException
	// ErrCoordinatorLoadInProgress: Broker: Coordinator load in progress.
	ErrCoordinatorLoadInProgress = client.ErrCoordinatorLoadInProgress
	// ErrCoordinatorNotAvailable: Broker: Coordinator not available.
	ErrCoordinatorNotAvailable = client.ErrCoordinatorNotAvailable
	// ErrNotCoordinator: Broker: Not coordinator.
	ErrNotCoordinator = client.ErrNotCoordinator
	// ErrTopicException: Broker: Invalid topic.
	ErrTopicException = client.ErrTopicException
	// ErrRecordListTooLarge: Broker: Message batch larger than configured server segment size.
	ErrRecordListTooLarge = client.ErrRecordListTooLarge
	// ErrNotEnoughReplicas: Broker: Not enough in-sync replicas.
	ErrNotEnoughReplicas = client.ErrNotEnoughReplicas
	// ErrNotEnoughReplicasAfterAppend: Broker: Message(s) written to insufficient number of in-sync replicas.
	ErrNotEnoughReplicasAfterAppend = client.ErrNotEnoughReplicasAfterAppend
	// ErrInvalidRequiredAcks: Broker: Invalid required acks value.
	ErrInvalidRequiredAcks = client.ErrInvalidRequiredAcks
	// ErrIllegalGeneration: Broker: Specified group generation id is not valid.
	ErrIllegalGeneration = client.ErrIllegalGeneration
	// ErrInconsistentGroupProtocol: Broker: Inconsistent group protocol.
	ErrInconsistentGroupProtocol = client.ErrInconsistentGroupProtocol
	// ErrInvalidGroupID: Broker: Invalid group.id.
	ErrInvalidGroupID = client.ErrInvalidGroupID
	// ErrUnknownMemberID: Broker: Unknown member.
	ErrUnknownMemberID = client.ErrUnknownMemberID
	// ErrInvalidSessionTimeout: Broker: Invalid session timeout.
	ErrInvalidSessionTimeout = client.ErrInvalidSessionTimeout
	// ErrRebalanceInProgress: Broker: Group rebalance in progress.
	ErrRebalanceInProgress = client.ErrRebalanceInProgress
	// ErrInvalidCommitOffsetSize: Broker: Commit offset data size is not valid.
	ErrInvalidCommitOffsetSize = client.ErrInvalidCommitOffsetSize
	// ErrTopicAuthorizationFailed: Broker: Topic authorization failed.
	ErrTopicAuthorizationFailed = client.ErrTopicAuthorizationFailed
	// ErrGroupAuthorizationFailed: Broker: Group authorization failed.
	ErrGroupAuthorizationFailed = client.ErrGroupAuthorizationFailed
	// ErrClusterAuthorizationFailed: Broker: Cluster authorization failed.
	ErrClusterAuthorizationFailed = client.ErrClusterAuthorizationFailed
	// ErrInvalidTimestamp: Broker: Invalid timestamp.
	ErrInvalidTimestamp = client.ErrInvalidTimestamp
	// ErrUnsupportedSaslMechanism: Broker: Unsupported SASL mechanism.
	ErrUnsupportedSaslMechanism = client.ErrUnsupportedSaslMechanism
	// ErrIllegalSaslState: Broker: Request not valid in current SASL state.
	ErrIllegalSaslState = client.ErrIllegalSaslState
	// ErrUnsupportedVersion: Broker: API version not supported.
	ErrUnsupportedVersion = client.ErrUnsupportedVersion
	// ErrTopicAlreadyExists: Broker: Topic already exists.
	ErrTopicAlreadyExists = client.ErrTopicAlreadyExists
	// ErrInvalidPartitions: Broker: Invalid number of partitions.
	ErrInvalidPartitions = client.ErrInvalidPartitions
	// ErrInvalidReplicationFactor: Broker: Invalid replication factor.
	ErrInvalidReplicationFactor = client.ErrInvalidReplicationFactor
	// ErrInvalidReplicaAssignment: Broker: Invalid replica assignment.
	ErrInvalidReplicaAssignment = client.ErrInvalidReplicaAssignment
	// ErrInvalidConfig: Broker: Configuration is invalid.
	ErrInvalidConfig = client.ErrInvalidConfig
	// ErrNotController: Broker: Not controller for cluster.
	ErrNotController = client.ErrNotController
	// ErrInvalidRequest: Broker: Invalid request.
	ErrInvalidRequest = client.ErrInvalidRequest
	// ErrUnsupportedForMessageFormat: Broker: Message format on broker does not support request.
	ErrUnsupportedForMessageFormat = client.ErrUnsupportedForMessageFormat
	// ErrPolicyViolation: Broker: Policy violation.
	ErrPolicyViolation = client.ErrPolicyViolation
	// ErrOutOfOrderSequenceNumber: Broker: Broker received an out of order sequence number.
	ErrOutOfOrderSequenceNumber = client.ErrOutOfOrderSequenceNumber
	// ErrDuplicateSequenceNumber: Broker: Broker received a duplicate sequence number.
	ErrDuplicateSequenceNumber = client.ErrDuplicateSequenceNumber
	// ErrInvalidProducerEpoch: Broker: Producer attempted an operation with an old epoch.
	ErrInvalidProducerEpoch = client.ErrInvalidProducerEpoch
	// ErrInvalidTxnState: Broker: Producer attempted a transactional operation in an invalid state.
	ErrInvalidTxnState = client.ErrInvalidTxnState
	// ErrInvalidProducerIDMapping: Broker: Producer attempted to use a producer id which is not currently assigned to its transactional id.
	ErrInvalidProducerIDMapping = client.ErrInvalidProducerIDMapping
	// ErrInvalidTransactionTimeout: Broker: Transaction timeout is larger than the maximum value allowed by the broker's max.transaction.timeout.ms.
	ErrInvalidTransactionTimeout = client.ErrInvalidTransactionTimeout
	// ErrConcurrentTransactions: Broker: Producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing.
	ErrConcurrentTransactions = client.ErrConcurrentTransactions
	// ErrTransactionCoordinatorFenced: Broker: Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer.
	ErrTransactionCoordinatorFenced = client.ErrTransactionCoordinatorFenced
	// ErrTransactionalIDAuthorizationFailed: Broker: Transactional Id authorization failed.
	ErrTransactionalIDAuthorizationFailed = client.ErrTransactionalIDAuthorizationFailed
	// ErrSecurityDisabled: Broker: Security features are disabled.
	ErrSecurityDisabled = client.ErrSecurityDisabled
	// ErrOperationNotAttempted: Broker: Operation not attempted.
	ErrOperationNotAttempted = client.ErrOperationNotAttempted
	// ErrKafkaStorageError: Broker: Disk error when trying to access log file on disk.
	ErrKafkaStorageError = client.ErrKafkaStorageError
	// ErrLogDirNotFound: Broker: The user-specified log directory is not found in the broker config.
	ErrLogDirNotFound = client.ErrLogDirNotFound
	// ErrSaslAuthenticationFailed: Broker: SASL Authentication failed.
	ErrSaslAuthenticationFailed = client.ErrSaslAuthenticationFailed
	// ErrUnknownProducerID: Broker: Unknown Producer Id.
	ErrUnknownProducerID = client.ErrUnknownProducerID
	// ErrReassignmentInProgress: Broker: Partition reassignment is in progress.
	ErrReassignmentInProgress = client.ErrReassignmentInProgress
	// ErrDelegationTokenAuthDisabled: Broker: Delegation Token feature is not enabled.
	ErrDelegationTokenAuthDisabled = client.ErrDelegationTokenAuthDisabled
	// ErrDelegationTokenNotFound: Broker: Delegation Token is not found on server.
	ErrDelegationTokenNotFound = client.ErrDelegationTokenNotFound
	// ErrDelegationTokenOwnerMismatch: Broker: Specified Principal is not valid Owner/Renewer.
	ErrDelegationTokenOwnerMismatch = client.ErrDelegationTokenOwnerMismatch
	// ErrDelegationTokenRequestNotAllowed: Broker: Delegation Token requests are not allowed on this connection.
	ErrDelegationTokenRequestNotAllowed = client.ErrDelegationTokenRequestNotAllowed
	// ErrDelegationTokenAuthorizationFailed: Broker: Delegation Token authorization failed.
	ErrDelegationTokenAuthorizationFailed = client.ErrDelegationTokenAuthorizationFailed
	// ErrDelegationTokenExpired: Broker: Delegation Token is expired.
	ErrDelegationTokenExpired = client.ErrDelegationTokenExpired
	// ErrInvalidPrincipalType: Broker: Supplied principalType is not supported.
	ErrInvalidPrincipalType = client.ErrInvalidPrincipalType
	// ErrNonEmptyGroup: Broker: The group is not empty.
	ErrNonEmptyGroup = client.ErrNonEmptyGroup
	// ErrGroupIDNotFound: Broker: The group id does not exist.
	ErrGroupIDNotFound = client.ErrGroupIDNotFound
	// ErrFetchSessionIDNotFound: Broker: The fetch session ID was not found.
	ErrFetchSessionIDNotFound = client.ErrFetchSessionIDNotFound
	// ErrInvalidFetchSessionEpoch: Broker: The fetch session epoch is invalid.
	ErrInvalidFetchSessionEpoch = client.ErrInvalidFetchSessionEpoch
	// ErrListenerNotFound: Broker: No matching listener.
	ErrListenerNotFound = client.ErrListenerNotFound
	// ErrTopicDeletionDisabled: Broker: Topic deletion is disabled.
	ErrTopicDeletionDisabled = client.ErrTopicDeletionDisabled
	// ErrFencedLeaderEpoch: Broker: Leader epoch is older than broker epoch.
	ErrFencedLeaderEpoch = client.ErrFencedLeaderEpoch
	// ErrUnknownLeaderEpoch: Broker: Leader epoch is newer than broker epoch.
	ErrUnknownLeaderEpoch = client.ErrUnknownLeaderEpoch
	// ErrUnsupportedCompressionType: Broker: Unsupported compression type.
	ErrUnsupportedCompressionType = client.ErrUnsupportedCompressionType
	// ErrStaleBrokerEpoch: Broker: Broker epoch has changed.
	ErrStaleBrokerEpoch = client.ErrStaleBrokerEpoch
	// ErrOffsetNotAvailable: Broker: Leader high watermark is not caught up.
	ErrOffsetNotAvailable = client.ErrOffsetNotAvailable
	// ErrMemberIDRequired: Broker: Group member needs a valid member ID.
	ErrMemberIDRequired = client.ErrMemberIDRequired
	// ErrPreferredLeaderNotAvailable: Broker: Preferred leader was not available.
	ErrPreferredLeaderNotAvailable = client.ErrPreferredLeaderNotAvailable
	// ErrGroupMaxSizeReached: Broker: Consumer group has reached maximum size.
	ErrGroupMaxSizeReached = client.ErrGroupMaxSizeReached
	// ErrFencedInstanceID: Broker: Static consumer fenced by other consumer with same group.instance.id.
	ErrFencedInstanceID = client.ErrFencedInstanceID
	// ErrEligibleLeadersNotAvailable: Broker: Eligible partition leaders are not available.
	ErrEligibleLeadersNotAvailable = client.ErrEligibleLeadersNotAvailable
	// ErrElectionNotNeeded: Broker: Leader election not needed for topic partition.
	ErrElectionNotNeeded = client.ErrElectionNotNeeded
	// ErrNoReassignmentInProgress: Broker: No partition reassignment is in progress.
	ErrNoReassignmentInProgress = client.ErrNoReassignmentInProgress
	// ErrGroupSubscribedToTopic: Broker: Deleting offsets of a topic while the consumer group is subscribed to it.
	ErrGroupSubscribedToTopic = client.ErrGroupSubscribedToTopic
	// ErrInvalidRecord: Broker: Broker failed to validate record.
	ErrInvalidRecord = client.ErrInvalidRecord
	// ErrUnstableOffsetCommit: Broker: There are unstable offsets that need to be cleared.
	ErrUnstableOffsetCommit = client.ErrUnstableOffsetCommit
	// ErrThrottlingQuotaExceeded: Broker: Throttling quota has been exceeded.
	ErrThrottlingQuotaExceeded = client.ErrThrottlingQuotaExceeded
	// ErrProducerFenced: Broker: There is a newer producer with the same transactionalId which fences the current one.
	ErrProducerFenced = client.ErrProducerFenced
	// ErrResourceNotFound: Broker: Request illegally referred to resource that does not exist.
	ErrResourceNotFound = client.ErrResourceNotFound
	// ErrDuplicateResource: Broker: Request illegally referred to the same resource twice.
	ErrDuplicateResource = client.ErrDuplicateResource
	// ErrUnacceptableCredential: Broker: Requested credential would not meet criteria for acceptability.
	ErrUnacceptableCredential = client.ErrUnacceptableCredential
	// ErrInconsistentVoterSet: Broker: Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters.
	ErrInconsistentVoterSet = client.ErrInconsistentVoterSet
	// ErrInvalidUpdateVersion: Broker: Invalid update version.
	ErrInvalidUpdateVersion = client.ErrInvalidUpdateVersion
	// ErrFeatureUpdateFailed: Broker: Unable to update finalized features due to server error.
	ErrFeatureUpdateFailed = client.ErrFeatureUpdateFailed
	// ErrPrincipalDeserializationFailure: Broker: Request principal deserialization failed during forwarding.
	ErrPrincipalDeserializationFailure = client.ErrPrincipalDeserializationFailure
	// ErrUnknownTopicID: Broker: Unknown topic id.
	ErrUnknownTopicID = client.ErrUnknownTopicID
	// ErrFencedMemberEpoch: Broker: The member epoch is fenced by the group coordinator.
	ErrFencedMemberEpoch = client.ErrFencedMemberEpoch
	// ErrUnreleasedInstanceID: Broker: The instance ID is still used by another member in the consumer group.
	ErrUnreleasedInstanceID = client.ErrUnreleasedInstanceID
	// ErrUnsupportedAssignor: Broker: The assignor or its version range is not supported by the consumer group.
	ErrUnsupportedAssignor = client.ErrUnsupportedAssignor
	// ErrStaleMemberEpoch: Broker: The member epoch is stale.
	ErrStaleMemberEpoch = client.ErrStaleMemberEpoch
	// ErrUnknownSubscriptionID: Broker: Client sent a push telemetry request with an invalid or outdated subscription ID.
	ErrUnknownSubscriptionID = client.ErrUnknownSubscriptionID
	// ErrTelemetryTooLarge: Broker: Client sent a push telemetry request larger than the maximum size the broker will accept.
	ErrTelemetryTooLarge = client.ErrTelemetryTooLarge
	// ErrRebootstrapRequired: Broker: Client metadata is stale, client should rebootstrap to obtain new metadata.
	ErrRebootstrapRequired = client.ErrRebootstrapRequired
)

// Handle is implemented by *Producer, *Consumer and *AdminClient.
type Handle = client.Handle

// ConsumerGroupMetadata is a consumer's group membership, for
// Producer.SendOffsetsToTransaction.
type ConsumerGroupMetadata = client.ConsumerGroupMetadata

// NewTestConsumerGroupMetadata returns metadata with only a group id, for
// testing transactional producers without a consumer.
func NewTestConsumerGroupMetadata(groupID string) (*ConsumerGroupMetadata, error) {
	return client.NewTestConsumerGroupMetadata(groupID)
}
