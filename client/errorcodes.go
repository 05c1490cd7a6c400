package client

// The ErrorCode constants and their descriptions mirror librdkafka 2.11.1's
// rd_kafka_resp_err_t enum and rd_kafka_err2str table. The values are wire or
// API contract (users persist and switch on them), so they must never be
// renumbered; the descriptions are what ErrorCode.String returns and are kept
// byte-for-byte identical to librdkafka's so that logged errors and tests
// written against confluent-kafka-go keep matching. Negative codes are
// librdkafka-local errors, positive ones are Kafka protocol error codes.

const (
	// ErrBadMsg is RD_KAFKA_RESP_ERR__BAD_MSG: "Local: Bad message format".
	ErrBadMsg ErrorCode = -199
	// ErrBadCompression is RD_KAFKA_RESP_ERR__BAD_COMPRESSION: "Local: Invalid compressed data".
	ErrBadCompression ErrorCode = -198
	// ErrDestroy is RD_KAFKA_RESP_ERR__DESTROY: "Local: Broker handle destroyed for termination".
	ErrDestroy ErrorCode = -197
	// ErrFail is RD_KAFKA_RESP_ERR__FAIL: "Local: Communication failure with broker".
	ErrFail ErrorCode = -196
	// ErrTransport is RD_KAFKA_RESP_ERR__TRANSPORT: "Local: Broker transport failure".
	ErrTransport ErrorCode = -195
	// ErrCritSysResource is RD_KAFKA_RESP_ERR__CRIT_SYS_RESOURCE: "Local: Critical system resource failure".
	ErrCritSysResource ErrorCode = -194
	// ErrResolve is RD_KAFKA_RESP_ERR__RESOLVE: "Local: Host resolution failure".
	ErrResolve ErrorCode = -193
	// ErrMsgTimedOut is RD_KAFKA_RESP_ERR__MSG_TIMED_OUT: "Local: Message timed out".
	ErrMsgTimedOut ErrorCode = -192
	// ErrPartitionEOF is RD_KAFKA_RESP_ERR__PARTITION_EOF: "Broker: No more messages".
	ErrPartitionEOF ErrorCode = -191
	// ErrUnknownPartition is RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION: "Local: Unknown partition".
	ErrUnknownPartition ErrorCode = -190
	// ErrFs is RD_KAFKA_RESP_ERR__FS: "Local: File or filesystem error".
	ErrFs ErrorCode = -189
	// ErrUnknownTopic is RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC: "Local: Unknown topic".
	ErrUnknownTopic ErrorCode = -188
	// ErrAllBrokersDown is RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN: "Local: All broker connections are down".
	ErrAllBrokersDown ErrorCode = -187
	// ErrInvalidArg is RD_KAFKA_RESP_ERR__INVALID_ARG: "Local: Invalid argument or configuration".
	ErrInvalidArg ErrorCode = -186
	// ErrTimedOut is RD_KAFKA_RESP_ERR__TIMED_OUT: "Local: Timed out".
	ErrTimedOut ErrorCode = -185
	// ErrQueueFull is RD_KAFKA_RESP_ERR__QUEUE_FULL: "Local: Queue full".
	ErrQueueFull ErrorCode = -184
	// ErrIsrInsuff is RD_KAFKA_RESP_ERR__ISR_INSUFF: "Local: ISR count insufficient".
	ErrIsrInsuff ErrorCode = -183
	// ErrNodeUpdate is RD_KAFKA_RESP_ERR__NODE_UPDATE: "Local: Broker node update".
	ErrNodeUpdate ErrorCode = -182
	// ErrSsl is RD_KAFKA_RESP_ERR__SSL: "Local: SSL error".
	ErrSsl ErrorCode = -181
	// ErrWaitCoord is RD_KAFKA_RESP_ERR__WAIT_COORD: "Local: Waiting for coordinator".
	ErrWaitCoord ErrorCode = -180
	// ErrUnknownGroup is RD_KAFKA_RESP_ERR__UNKNOWN_GROUP: "Local: Unknown group".
	ErrUnknownGroup ErrorCode = -179
	// ErrInProgress is RD_KAFKA_RESP_ERR__IN_PROGRESS: "Local: Operation in progress".
	ErrInProgress ErrorCode = -178
	// ErrPrevInProgress is RD_KAFKA_RESP_ERR__PREV_IN_PROGRESS: "Local: Previous operation in progress".
	ErrPrevInProgress ErrorCode = -177
	// ErrExistingSubscription is RD_KAFKA_RESP_ERR__EXISTING_SUBSCRIPTION: "Local: Existing subscription".
	ErrExistingSubscription ErrorCode = -176
	// ErrAssignPartitions is RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS: "Local: Assign partitions".
	ErrAssignPartitions ErrorCode = -175
	// ErrRevokePartitions is RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS: "Local: Revoke partitions".
	ErrRevokePartitions ErrorCode = -174
	// ErrConflict is RD_KAFKA_RESP_ERR__CONFLICT: "Local: Conflicting use".
	ErrConflict ErrorCode = -173
	// ErrState is RD_KAFKA_RESP_ERR__STATE: "Local: Erroneous state".
	ErrState ErrorCode = -172
	// ErrUnknownProtocol is RD_KAFKA_RESP_ERR__UNKNOWN_PROTOCOL: "Local: Unknown protocol".
	ErrUnknownProtocol ErrorCode = -171
	// ErrNotImplemented is RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED: "Local: Not implemented".
	ErrNotImplemented ErrorCode = -170
	// ErrAuthentication is RD_KAFKA_RESP_ERR__AUTHENTICATION: "Local: Authentication failure".
	ErrAuthentication ErrorCode = -169
	// ErrNoOffset is RD_KAFKA_RESP_ERR__NO_OFFSET: "Local: No offset stored".
	ErrNoOffset ErrorCode = -168
	// ErrOutdated is RD_KAFKA_RESP_ERR__OUTDATED: "Local: Outdated".
	ErrOutdated ErrorCode = -167
	// ErrTimedOutQueue is RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE: "Local: Timed out in queue".
	ErrTimedOutQueue ErrorCode = -166
	// ErrUnsupportedFeature is RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE: "Local: Required feature not supported by broker".
	ErrUnsupportedFeature ErrorCode = -165
	// ErrWaitCache is RD_KAFKA_RESP_ERR__WAIT_CACHE: "Local: Awaiting cache update".
	ErrWaitCache ErrorCode = -164
	// ErrIntr is RD_KAFKA_RESP_ERR__INTR: "Local: Operation interrupted".
	ErrIntr ErrorCode = -163
	// ErrKeySerialization is RD_KAFKA_RESP_ERR__KEY_SERIALIZATION: "Local: Key serialization error".
	ErrKeySerialization ErrorCode = -162
	// ErrValueSerialization is RD_KAFKA_RESP_ERR__VALUE_SERIALIZATION: "Local: Value serialization error".
	ErrValueSerialization ErrorCode = -161
	// ErrKeyDeserialization is RD_KAFKA_RESP_ERR__KEY_DESERIALIZATION: "Local: Key deserialization error".
	ErrKeyDeserialization ErrorCode = -160
	// ErrValueDeserialization is RD_KAFKA_RESP_ERR__VALUE_DESERIALIZATION: "Local: Value deserialization error".
	ErrValueDeserialization ErrorCode = -159
	// ErrPartial is RD_KAFKA_RESP_ERR__PARTIAL: "Local: Partial response".
	ErrPartial ErrorCode = -158
	// ErrReadOnly is RD_KAFKA_RESP_ERR__READ_ONLY: "Local: Read-only object".
	ErrReadOnly ErrorCode = -157
	// ErrNoent is RD_KAFKA_RESP_ERR__NOENT: "Local: No such entry".
	ErrNoent ErrorCode = -156
	// ErrUnderflow is RD_KAFKA_RESP_ERR__UNDERFLOW: "Local: Read underflow".
	ErrUnderflow ErrorCode = -155
	// ErrInvalidType is RD_KAFKA_RESP_ERR__INVALID_TYPE: "Local: Invalid type".
	ErrInvalidType ErrorCode = -154
	// ErrRetry is RD_KAFKA_RESP_ERR__RETRY: "Local: Retry operation".
	ErrRetry ErrorCode = -153
	// ErrPurgeQueue is RD_KAFKA_RESP_ERR__PURGE_QUEUE: "Local: Purged in queue".
	ErrPurgeQueue ErrorCode = -152
	// ErrPurgeInflight is RD_KAFKA_RESP_ERR__PURGE_INFLIGHT: "Local: Purged in flight".
	ErrPurgeInflight ErrorCode = -151
	// ErrFatal is RD_KAFKA_RESP_ERR__FATAL: "Local: Fatal error".
	ErrFatal ErrorCode = -150
	// ErrInconsistent is RD_KAFKA_RESP_ERR__INCONSISTENT: "Local: Inconsistent state".
	ErrInconsistent ErrorCode = -149
	// ErrGaplessGuarantee is RD_KAFKA_RESP_ERR__GAPLESS_GUARANTEE: "Local: Gap-less ordering would not be guaranteed if proceeding".
	ErrGaplessGuarantee ErrorCode = -148
	// ErrMaxPollExceeded is RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED: "Local: Maximum application poll interval (max.poll.interval.ms) exceeded".
	ErrMaxPollExceeded ErrorCode = -147
	// ErrUnknownBroker is RD_KAFKA_RESP_ERR__UNKNOWN_BROKER: "Local: Unknown broker".
	ErrUnknownBroker ErrorCode = -146
	// ErrNotConfigured is RD_KAFKA_RESP_ERR__NOT_CONFIGURED: "Local: Functionality not configured".
	ErrNotConfigured ErrorCode = -145
	// ErrFenced is RD_KAFKA_RESP_ERR__FENCED: "Local: This instance has been fenced by a newer instance".
	ErrFenced ErrorCode = -144
	// ErrApplication is RD_KAFKA_RESP_ERR__APPLICATION: "Local: Application generated error".
	ErrApplication ErrorCode = -143
	// ErrAssignmentLost is RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST: "Local: Group partition assignment lost".
	ErrAssignmentLost ErrorCode = -142
	// ErrNoop is RD_KAFKA_RESP_ERR__NOOP: "Local: No operation performed".
	ErrNoop ErrorCode = -141
	// ErrAutoOffsetReset is RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET: "Local: No offset to automatically reset to".
	ErrAutoOffsetReset ErrorCode = -140
	// ErrLogTruncation is RD_KAFKA_RESP_ERR__LOG_TRUNCATION: "Local: Partition log truncation detected".
	ErrLogTruncation ErrorCode = -139
	// ErrInvalidDifferentRecord is RD_KAFKA_RESP_ERR__INVALID_DIFFERENT_RECORD: "Local: an invalid record in the same batch caused the failure of this message too".
	ErrInvalidDifferentRecord ErrorCode = -138
	// ErrDestroyBroker is RD_KAFKA_RESP_ERR__DESTROY_BROKER: "Local: Broker handle destroyed without termination".
	ErrDestroyBroker ErrorCode = -137
	// ErrUnknown is RD_KAFKA_RESP_ERR_UNKNOWN: "Unknown broker error".
	ErrUnknown ErrorCode = -1
	// ErrNoError is RD_KAFKA_RESP_ERR_NO_ERROR: "Success".
	ErrNoError ErrorCode = 0
	// ErrOffsetOutOfRange is RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE: "Broker: Offset out of range".
	ErrOffsetOutOfRange ErrorCode = 1
	// ErrInvalidMsg is RD_KAFKA_RESP_ERR_INVALID_MSG: "Broker: Invalid message".
	ErrInvalidMsg ErrorCode = 2
	// ErrUnknownTopicOrPart is RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART: "Broker: Unknown topic or partition".
	ErrUnknownTopicOrPart ErrorCode = 3
	// ErrInvalidMsgSize is RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE: "Broker: Invalid message size".
	ErrInvalidMsgSize ErrorCode = 4
	// ErrLeaderNotAvailable is RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE: "Broker: Leader not available".
	ErrLeaderNotAvailable ErrorCode = 5
	// ErrNotLeaderForPartition is RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION: "Broker: Not leader for partition".
	ErrNotLeaderForPartition ErrorCode = 6
	// ErrRequestTimedOut is RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT: "Broker: Request timed out".
	ErrRequestTimedOut ErrorCode = 7
	// ErrBrokerNotAvailable is RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE: "Broker: Broker not available".
	ErrBrokerNotAvailable ErrorCode = 8
	// ErrReplicaNotAvailable is RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE: "Broker: Replica not available".
	ErrReplicaNotAvailable ErrorCode = 9
	// ErrMsgSizeTooLarge is RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE: "Broker: Message size too large".
	ErrMsgSizeTooLarge ErrorCode = 10
	// ErrStaleCtrlEpoch is RD_KAFKA_RESP_ERR_STALE_CTRL_EPOCH: "Broker: StaleControllerEpochCode".
	ErrStaleCtrlEpoch ErrorCode = 11
	// ErrOffsetMetadataTooLarge is RD_KAFKA_RESP_ERR_OFFSET_METADATA_TOO_LARGE: "Broker: Offset metadata string too large".
	ErrOffsetMetadataTooLarge ErrorCode = 12
	// ErrNetworkException is RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION: "Broker: Broker disconnected before response received".
	ErrNetworkException ErrorCode = 13
	// ErrCoordinatorLoadInProgress is RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS: "Broker: Coordinator load in progress".
	ErrCoordinatorLoadInProgress ErrorCode = 14
	// ErrCoordinatorNotAvailable is RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE: "Broker: Coordinator not available".
	ErrCoordinatorNotAvailable ErrorCode = 15
	// ErrNotCoordinator is RD_KAFKA_RESP_ERR_NOT_COORDINATOR: "Broker: Not coordinator".
	ErrNotCoordinator ErrorCode = 16
	// ErrTopicException is RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION: "Broker: Invalid topic".
	ErrTopicException ErrorCode = 17
	// ErrRecordListTooLarge is RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE: "Broker: Message batch larger than configured server segment size".
	ErrRecordListTooLarge ErrorCode = 18
	// ErrNotEnoughReplicas is RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS: "Broker: Not enough in-sync replicas".
	ErrNotEnoughReplicas ErrorCode = 19
	// ErrNotEnoughReplicasAfterAppend is RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND: "Broker: Message(s) written to insufficient number of in-sync replicas".
	ErrNotEnoughReplicasAfterAppend ErrorCode = 20
	// ErrInvalidRequiredAcks is RD_KAFKA_RESP_ERR_INVALID_REQUIRED_ACKS: "Broker: Invalid required acks value".
	ErrInvalidRequiredAcks ErrorCode = 21
	// ErrIllegalGeneration is RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION: "Broker: Specified group generation id is not valid".
	ErrIllegalGeneration ErrorCode = 22
	// ErrInconsistentGroupProtocol is RD_KAFKA_RESP_ERR_INCONSISTENT_GROUP_PROTOCOL: "Broker: Inconsistent group protocol".
	ErrInconsistentGroupProtocol ErrorCode = 23
	// ErrInvalidGroupID is RD_KAFKA_RESP_ERR_INVALID_GROUP_ID: "Broker: Invalid group.id".
	ErrInvalidGroupID ErrorCode = 24
	// ErrUnknownMemberID is RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID: "Broker: Unknown member".
	ErrUnknownMemberID ErrorCode = 25
	// ErrInvalidSessionTimeout is RD_KAFKA_RESP_ERR_INVALID_SESSION_TIMEOUT: "Broker: Invalid session timeout".
	ErrInvalidSessionTimeout ErrorCode = 26
	// ErrRebalanceInProgress is RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS: "Broker: Group rebalance in progress".
	ErrRebalanceInProgress ErrorCode = 27
	// ErrInvalidCommitOffsetSize is RD_KAFKA_RESP_ERR_INVALID_COMMIT_OFFSET_SIZE: "Broker: Commit offset data size is not valid".
	ErrInvalidCommitOffsetSize ErrorCode = 28
	// ErrTopicAuthorizationFailed is RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED: "Broker: Topic authorization failed".
	ErrTopicAuthorizationFailed ErrorCode = 29
	// ErrGroupAuthorizationFailed is RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED: "Broker: Group authorization failed".
	ErrGroupAuthorizationFailed ErrorCode = 30
	// ErrClusterAuthorizationFailed is RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED: "Broker: Cluster authorization failed".
	ErrClusterAuthorizationFailed ErrorCode = 31
	// ErrInvalidTimestamp is RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP: "Broker: Invalid timestamp".
	ErrInvalidTimestamp ErrorCode = 32
	// ErrUnsupportedSaslMechanism is RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM: "Broker: Unsupported SASL mechanism".
	ErrUnsupportedSaslMechanism ErrorCode = 33
	// ErrIllegalSaslState is RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE: "Broker: Request not valid in current SASL state".
	ErrIllegalSaslState ErrorCode = 34
	// ErrUnsupportedVersion is RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION: "Broker: API version not supported".
	ErrUnsupportedVersion ErrorCode = 35
	// ErrTopicAlreadyExists is RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: "Broker: Topic already exists".
	ErrTopicAlreadyExists ErrorCode = 36
	// ErrInvalidPartitions is RD_KAFKA_RESP_ERR_INVALID_PARTITIONS: "Broker: Invalid number of partitions".
	ErrInvalidPartitions ErrorCode = 37
	// ErrInvalidReplicationFactor is RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR: "Broker: Invalid replication factor".
	ErrInvalidReplicationFactor ErrorCode = 38
	// ErrInvalidReplicaAssignment is RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT: "Broker: Invalid replica assignment".
	ErrInvalidReplicaAssignment ErrorCode = 39
	// ErrInvalidConfig is RD_KAFKA_RESP_ERR_INVALID_CONFIG: "Broker: Configuration is invalid".
	ErrInvalidConfig ErrorCode = 40
	// ErrNotController is RD_KAFKA_RESP_ERR_NOT_CONTROLLER: "Broker: Not controller for cluster".
	ErrNotController ErrorCode = 41
	// ErrInvalidRequest is RD_KAFKA_RESP_ERR_INVALID_REQUEST: "Broker: Invalid request".
	ErrInvalidRequest ErrorCode = 42
	// ErrUnsupportedForMessageFormat is RD_KAFKA_RESP_ERR_UNSUPPORTED_FOR_MESSAGE_FORMAT: "Broker: Message format on broker does not support request".
	ErrUnsupportedForMessageFormat ErrorCode = 43
	// ErrPolicyViolation is RD_KAFKA_RESP_ERR_POLICY_VIOLATION: "Broker: Policy violation".
	ErrPolicyViolation ErrorCode = 44
	// ErrOutOfOrderSequenceNumber is RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER: "Broker: Broker received an out of order sequence number".
	ErrOutOfOrderSequenceNumber ErrorCode = 45
	// ErrDuplicateSequenceNumber is RD_KAFKA_RESP_ERR_DUPLICATE_SEQUENCE_NUMBER: "Broker: Broker received a duplicate sequence number".
	ErrDuplicateSequenceNumber ErrorCode = 46
	// ErrInvalidProducerEpoch is RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH: "Broker: Producer attempted an operation with an old epoch".
	ErrInvalidProducerEpoch ErrorCode = 47
	// ErrInvalidTxnState is RD_KAFKA_RESP_ERR_INVALID_TXN_STATE: "Broker: Producer attempted a transactional operation in an invalid state".
	ErrInvalidTxnState ErrorCode = 48
	// ErrInvalidProducerIDMapping is RD_KAFKA_RESP_ERR_INVALID_PRODUCER_ID_MAPPING: "Broker: Producer attempted to use a producer id which is not currently assigned to its transactional id".
	ErrInvalidProducerIDMapping ErrorCode = 49
	// ErrInvalidTransactionTimeout is RD_KAFKA_RESP_ERR_INVALID_TRANSACTION_TIMEOUT: "Broker: Transaction timeout is larger than the maximum value allowed by the broker's max.transaction.timeout.ms".
	ErrInvalidTransactionTimeout ErrorCode = 50
	// ErrConcurrentTransactions is RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS: "Broker: Producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing".
	ErrConcurrentTransactions ErrorCode = 51
	// ErrTransactionCoordinatorFenced is RD_KAFKA_RESP_ERR_TRANSACTION_COORDINATOR_FENCED: "Broker: Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer".
	ErrTransactionCoordinatorFenced ErrorCode = 52
	// ErrTransactionalIDAuthorizationFailed is RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED: "Broker: Transactional Id authorization failed".
	ErrTransactionalIDAuthorizationFailed ErrorCode = 53
	// ErrSecurityDisabled is RD_KAFKA_RESP_ERR_SECURITY_DISABLED: "Broker: Security features are disabled".
	ErrSecurityDisabled ErrorCode = 54
	// ErrOperationNotAttempted is RD_KAFKA_RESP_ERR_OPERATION_NOT_ATTEMPTED: "Broker: Operation not attempted".
	ErrOperationNotAttempted ErrorCode = 55
	// ErrKafkaStorageError is RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR: "Broker: Disk error when trying to access log file on disk".
	ErrKafkaStorageError ErrorCode = 56
	// ErrLogDirNotFound is RD_KAFKA_RESP_ERR_LOG_DIR_NOT_FOUND: "Broker: The user-specified log directory is not found in the broker config".
	ErrLogDirNotFound ErrorCode = 57
	// ErrSaslAuthenticationFailed is RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED: "Broker: SASL Authentication failed".
	ErrSaslAuthenticationFailed ErrorCode = 58
	// ErrUnknownProducerID is RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID: "Broker: Unknown Producer Id".
	ErrUnknownProducerID ErrorCode = 59
	// ErrReassignmentInProgress is RD_KAFKA_RESP_ERR_REASSIGNMENT_IN_PROGRESS: "Broker: Partition reassignment is in progress".
	ErrReassignmentInProgress ErrorCode = 60
	// ErrDelegationTokenAuthDisabled is RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_AUTH_DISABLED: "Broker: Delegation Token feature is not enabled".
	ErrDelegationTokenAuthDisabled ErrorCode = 61
	// ErrDelegationTokenNotFound is RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_NOT_FOUND: "Broker: Delegation Token is not found on server".
	ErrDelegationTokenNotFound ErrorCode = 62
	// ErrDelegationTokenOwnerMismatch is RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_OWNER_MISMATCH: "Broker: Specified Principal is not valid Owner/Renewer".
	ErrDelegationTokenOwnerMismatch ErrorCode = 63
	// ErrDelegationTokenRequestNotAllowed is RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_REQUEST_NOT_ALLOWED: "Broker: Delegation Token requests are not allowed on this connection".
	ErrDelegationTokenRequestNotAllowed ErrorCode = 64
	// ErrDelegationTokenAuthorizationFailed is RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_AUTHORIZATION_FAILED: "Broker: Delegation Token authorization failed".
	ErrDelegationTokenAuthorizationFailed ErrorCode = 65
	// ErrDelegationTokenExpired is RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_EXPIRED: "Broker: Delegation Token is expired".
	ErrDelegationTokenExpired ErrorCode = 66
	// ErrInvalidPrincipalType is RD_KAFKA_RESP_ERR_INVALID_PRINCIPAL_TYPE: "Broker: Supplied principalType is not supported".
	ErrInvalidPrincipalType ErrorCode = 67
	// ErrNonEmptyGroup is RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP: "Broker: The group is not empty".
	ErrNonEmptyGroup ErrorCode = 68
	// ErrGroupIDNotFound is RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND: "Broker: The group id does not exist".
	ErrGroupIDNotFound ErrorCode = 69
	// ErrFetchSessionIDNotFound is RD_KAFKA_RESP_ERR_FETCH_SESSION_ID_NOT_FOUND: "Broker: The fetch session ID was not found".
	ErrFetchSessionIDNotFound ErrorCode = 70
	// ErrInvalidFetchSessionEpoch is RD_KAFKA_RESP_ERR_INVALID_FETCH_SESSION_EPOCH: "Broker: The fetch session epoch is invalid".
	ErrInvalidFetchSessionEpoch ErrorCode = 71
	// ErrListenerNotFound is RD_KAFKA_RESP_ERR_LISTENER_NOT_FOUND: "Broker: No matching listener".
	ErrListenerNotFound ErrorCode = 72
	// ErrTopicDeletionDisabled is RD_KAFKA_RESP_ERR_TOPIC_DELETION_DISABLED: "Broker: Topic deletion is disabled".
	ErrTopicDeletionDisabled ErrorCode = 73
	// ErrFencedLeaderEpoch is RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH: "Broker: Leader epoch is older than broker epoch".
	ErrFencedLeaderEpoch ErrorCode = 74
	// ErrUnknownLeaderEpoch is RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH: "Broker: Leader epoch is newer than broker epoch".
	ErrUnknownLeaderEpoch ErrorCode = 75
	// ErrUnsupportedCompressionType is RD_KAFKA_RESP_ERR_UNSUPPORTED_COMPRESSION_TYPE: "Broker: Unsupported compression type".
	ErrUnsupportedCompressionType ErrorCode = 76
	// ErrStaleBrokerEpoch is RD_KAFKA_RESP_ERR_STALE_BROKER_EPOCH: "Broker: Broker epoch has changed".
	ErrStaleBrokerEpoch ErrorCode = 77
	// ErrOffsetNotAvailable is RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE: "Broker: Leader high watermark is not caught up".
	ErrOffsetNotAvailable ErrorCode = 78
	// ErrMemberIDRequired is RD_KAFKA_RESP_ERR_MEMBER_ID_REQUIRED: "Broker: Group member needs a valid member ID".
	ErrMemberIDRequired ErrorCode = 79
	// ErrPreferredLeaderNotAvailable is RD_KAFKA_RESP_ERR_PREFERRED_LEADER_NOT_AVAILABLE: "Broker: Preferred leader was not available".
	ErrPreferredLeaderNotAvailable ErrorCode = 80
	// ErrGroupMaxSizeReached is RD_KAFKA_RESP_ERR_GROUP_MAX_SIZE_REACHED: "Broker: Consumer group has reached maximum size".
	ErrGroupMaxSizeReached ErrorCode = 81
	// ErrFencedInstanceID is RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID: "Broker: Static consumer fenced by other consumer with same group.instance.id".
	ErrFencedInstanceID ErrorCode = 82
	// ErrEligibleLeadersNotAvailable is RD_KAFKA_RESP_ERR_ELIGIBLE_LEADERS_NOT_AVAILABLE: "Broker: Eligible partition leaders are not available".
	ErrEligibleLeadersNotAvailable ErrorCode = 83
	// ErrElectionNotNeeded is RD_KAFKA_RESP_ERR_ELECTION_NOT_NEEDED: "Broker: Leader election not needed for topic partition".
	ErrElectionNotNeeded ErrorCode = 84
	// ErrNoReassignmentInProgress is RD_KAFKA_RESP_ERR_NO_REASSIGNMENT_IN_PROGRESS: "Broker: No partition reassignment is in progress".
	ErrNoReassignmentInProgress ErrorCode = 85
	// ErrGroupSubscribedToTopic is RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC: "Broker: Deleting offsets of a topic while the consumer group is subscribed to it".
	ErrGroupSubscribedToTopic ErrorCode = 86
	// ErrInvalidRecord is RD_KAFKA_RESP_ERR_INVALID_RECORD: "Broker: Broker failed to validate record".
	ErrInvalidRecord ErrorCode = 87
	// ErrUnstableOffsetCommit is RD_KAFKA_RESP_ERR_UNSTABLE_OFFSET_COMMIT: "Broker: There are unstable offsets that need to be cleared".
	ErrUnstableOffsetCommit ErrorCode = 88
	// ErrThrottlingQuotaExceeded is RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED: "Broker: Throttling quota has been exceeded".
	ErrThrottlingQuotaExceeded ErrorCode = 89
	// ErrProducerFenced is RD_KAFKA_RESP_ERR_PRODUCER_FENCED: "Broker: There is a newer producer with the same transactionalId which fences the current one".
	ErrProducerFenced ErrorCode = 90
	// ErrResourceNotFound is RD_KAFKA_RESP_ERR_RESOURCE_NOT_FOUND: "Broker: Request illegally referred to resource that does not exist".
	ErrResourceNotFound ErrorCode = 91
	// ErrDuplicateResource is RD_KAFKA_RESP_ERR_DUPLICATE_RESOURCE: "Broker: Request illegally referred to the same resource twice".
	ErrDuplicateResource ErrorCode = 92
	// ErrUnacceptableCredential is RD_KAFKA_RESP_ERR_UNACCEPTABLE_CREDENTIAL: "Broker: Requested credential would not meet criteria for acceptability".
	ErrUnacceptableCredential ErrorCode = 93
	// ErrInconsistentVoterSet is RD_KAFKA_RESP_ERR_INCONSISTENT_VOTER_SET: "Broker: Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters".
	ErrInconsistentVoterSet ErrorCode = 94
	// ErrInvalidUpdateVersion is RD_KAFKA_RESP_ERR_INVALID_UPDATE_VERSION: "Broker: Invalid update version".
	ErrInvalidUpdateVersion ErrorCode = 95
	// ErrFeatureUpdateFailed is RD_KAFKA_RESP_ERR_FEATURE_UPDATE_FAILED: "Broker: Unable to update finalized features due to server error".
	ErrFeatureUpdateFailed ErrorCode = 96
	// ErrPrincipalDeserializationFailure is RD_KAFKA_RESP_ERR_PRINCIPAL_DESERIALIZATION_FAILURE: "Broker: Request principal deserialization failed during forwarding".
	ErrPrincipalDeserializationFailure ErrorCode = 97
	// ErrUnknownTopicID is RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_ID: "Broker: Unknown topic id".
	ErrUnknownTopicID ErrorCode = 100
	// ErrFencedMemberEpoch is RD_KAFKA_RESP_ERR_FENCED_MEMBER_EPOCH: "Broker: The member epoch is fenced by the group coordinator".
	ErrFencedMemberEpoch ErrorCode = 110
	// ErrUnreleasedInstanceID is RD_KAFKA_RESP_ERR_UNRELEASED_INSTANCE_ID: "Broker: The instance ID is still used by another member in the consumer group".
	ErrUnreleasedInstanceID ErrorCode = 111
	// ErrUnsupportedAssignor is RD_KAFKA_RESP_ERR_UNSUPPORTED_ASSIGNOR: "Broker: The assignor or its version range is not supported by the consumer group".
	ErrUnsupportedAssignor ErrorCode = 112
	// ErrStaleMemberEpoch is RD_KAFKA_RESP_ERR_STALE_MEMBER_EPOCH: "Broker: The member epoch is stale".
	ErrStaleMemberEpoch ErrorCode = 113
	// ErrUnknownSubscriptionID is RD_KAFKA_RESP_ERR_UNKNOWN_SUBSCRIPTION_ID: "Broker: Client sent a push telemetry request with an invalid or outdated subscription ID".
	ErrUnknownSubscriptionID ErrorCode = 117
	// ErrTelemetryTooLarge is RD_KAFKA_RESP_ERR_TELEMETRY_TOO_LARGE: "Broker: Client sent a push telemetry request larger than the maximum size the broker will accept".
	ErrTelemetryTooLarge ErrorCode = 118
	// ErrRebootstrapRequired is RD_KAFKA_RESP_ERR_REBOOTSTRAP_REQUIRED: "Broker: Client metadata is stale, client should rebootstrap to obtain new metadata".
	ErrRebootstrapRequired ErrorCode = 129
)

// errorCodeEntry describes one named librdkafka error code.
type errorCodeEntry struct {
	code  ErrorCode
	name  string // Go constant name, e.g. "ErrBadMsg"
	cname string // librdkafka enum name, e.g. "RD_KAFKA_RESP_ERR__BAD_MSG"
	desc  string // rd_kafka_err2str text
}

// errorCodeTable lists every named code in ascending code order, which is the
// order librdkafka's own description table uses. Lookups binary-search it, so
// the ordering is load-bearing (a test enforces it).
var errorCodeTable = [...]errorCodeEntry{
	{ErrBadMsg, "ErrBadMsg", "RD_KAFKA_RESP_ERR__BAD_MSG", "Local: Bad message format"},
	{ErrBadCompression, "ErrBadCompression", "RD_KAFKA_RESP_ERR__BAD_COMPRESSION", "Local: Invalid compressed data"},
	{ErrDestroy, "ErrDestroy", "RD_KAFKA_RESP_ERR__DESTROY", "Local: Broker handle destroyed for termination"},
	{ErrFail, "ErrFail", "RD_KAFKA_RESP_ERR__FAIL", "Local: Communication failure with broker"},
	{ErrTransport, "ErrTransport", "RD_KAFKA_RESP_ERR__TRANSPORT", "Local: Broker transport failure"},
	{ErrCritSysResource, "ErrCritSysResource", "RD_KAFKA_RESP_ERR__CRIT_SYS_RESOURCE", "Local: Critical system resource failure"},
	{ErrResolve, "ErrResolve", "RD_KAFKA_RESP_ERR__RESOLVE", "Local: Host resolution failure"},
	{ErrMsgTimedOut, "ErrMsgTimedOut", "RD_KAFKA_RESP_ERR__MSG_TIMED_OUT", "Local: Message timed out"},
	{ErrPartitionEOF, "ErrPartitionEOF", "RD_KAFKA_RESP_ERR__PARTITION_EOF", "Broker: No more messages"},
	{ErrUnknownPartition, "ErrUnknownPartition", "RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION", "Local: Unknown partition"},
	{ErrFs, "ErrFs", "RD_KAFKA_RESP_ERR__FS", "Local: File or filesystem error"},
	{ErrUnknownTopic, "ErrUnknownTopic", "RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC", "Local: Unknown topic"},
	{ErrAllBrokersDown, "ErrAllBrokersDown", "RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN", "Local: All broker connections are down"},
	{ErrInvalidArg, "ErrInvalidArg", "RD_KAFKA_RESP_ERR__INVALID_ARG", "Local: Invalid argument or configuration"},
	{ErrTimedOut, "ErrTimedOut", "RD_KAFKA_RESP_ERR__TIMED_OUT", "Local: Timed out"},
	{ErrQueueFull, "ErrQueueFull", "RD_KAFKA_RESP_ERR__QUEUE_FULL", "Local: Queue full"},
	{ErrIsrInsuff, "ErrIsrInsuff", "RD_KAFKA_RESP_ERR__ISR_INSUFF", "Local: ISR count insufficient"},
	{ErrNodeUpdate, "ErrNodeUpdate", "RD_KAFKA_RESP_ERR__NODE_UPDATE", "Local: Broker node update"},
	{ErrSsl, "ErrSsl", "RD_KAFKA_RESP_ERR__SSL", "Local: SSL error"},
	{ErrWaitCoord, "ErrWaitCoord", "RD_KAFKA_RESP_ERR__WAIT_COORD", "Local: Waiting for coordinator"},
	{ErrUnknownGroup, "ErrUnknownGroup", "RD_KAFKA_RESP_ERR__UNKNOWN_GROUP", "Local: Unknown group"},
	{ErrInProgress, "ErrInProgress", "RD_KAFKA_RESP_ERR__IN_PROGRESS", "Local: Operation in progress"},
	{ErrPrevInProgress, "ErrPrevInProgress", "RD_KAFKA_RESP_ERR__PREV_IN_PROGRESS", "Local: Previous operation in progress"},
	{ErrExistingSubscription, "ErrExistingSubscription", "RD_KAFKA_RESP_ERR__EXISTING_SUBSCRIPTION", "Local: Existing subscription"},
	{ErrAssignPartitions, "ErrAssignPartitions", "RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS", "Local: Assign partitions"},
	{ErrRevokePartitions, "ErrRevokePartitions", "RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS", "Local: Revoke partitions"},
	{ErrConflict, "ErrConflict", "RD_KAFKA_RESP_ERR__CONFLICT", "Local: Conflicting use"},
	{ErrState, "ErrState", "RD_KAFKA_RESP_ERR__STATE", "Local: Erroneous state"},
	{ErrUnknownProtocol, "ErrUnknownProtocol", "RD_KAFKA_RESP_ERR__UNKNOWN_PROTOCOL", "Local: Unknown protocol"},
	{ErrNotImplemented, "ErrNotImplemented", "RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED", "Local: Not implemented"},
	{ErrAuthentication, "ErrAuthentication", "RD_KAFKA_RESP_ERR__AUTHENTICATION", "Local: Authentication failure"},
	{ErrNoOffset, "ErrNoOffset", "RD_KAFKA_RESP_ERR__NO_OFFSET", "Local: No offset stored"},
	{ErrOutdated, "ErrOutdated", "RD_KAFKA_RESP_ERR__OUTDATED", "Local: Outdated"},
	{ErrTimedOutQueue, "ErrTimedOutQueue", "RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE", "Local: Timed out in queue"},
	{ErrUnsupportedFeature, "ErrUnsupportedFeature", "RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE", "Local: Required feature not supported by broker"},
	{ErrWaitCache, "ErrWaitCache", "RD_KAFKA_RESP_ERR__WAIT_CACHE", "Local: Awaiting cache update"},
	{ErrIntr, "ErrIntr", "RD_KAFKA_RESP_ERR__INTR", "Local: Operation interrupted"},
	{ErrKeySerialization, "ErrKeySerialization", "RD_KAFKA_RESP_ERR__KEY_SERIALIZATION", "Local: Key serialization error"},
	{ErrValueSerialization, "ErrValueSerialization", "RD_KAFKA_RESP_ERR__VALUE_SERIALIZATION", "Local: Value serialization error"},
	{ErrKeyDeserialization, "ErrKeyDeserialization", "RD_KAFKA_RESP_ERR__KEY_DESERIALIZATION", "Local: Key deserialization error"},
	{ErrValueDeserialization, "ErrValueDeserialization", "RD_KAFKA_RESP_ERR__VALUE_DESERIALIZATION", "Local: Value deserialization error"},
	{ErrPartial, "ErrPartial", "RD_KAFKA_RESP_ERR__PARTIAL", "Local: Partial response"},
	{ErrReadOnly, "ErrReadOnly", "RD_KAFKA_RESP_ERR__READ_ONLY", "Local: Read-only object"},
	{ErrNoent, "ErrNoent", "RD_KAFKA_RESP_ERR__NOENT", "Local: No such entry"},
	{ErrUnderflow, "ErrUnderflow", "RD_KAFKA_RESP_ERR__UNDERFLOW", "Local: Read underflow"},
	{ErrInvalidType, "ErrInvalidType", "RD_KAFKA_RESP_ERR__INVALID_TYPE", "Local: Invalid type"},
	{ErrRetry, "ErrRetry", "RD_KAFKA_RESP_ERR__RETRY", "Local: Retry operation"},
	{ErrPurgeQueue, "ErrPurgeQueue", "RD_KAFKA_RESP_ERR__PURGE_QUEUE", "Local: Purged in queue"},
	{ErrPurgeInflight, "ErrPurgeInflight", "RD_KAFKA_RESP_ERR__PURGE_INFLIGHT", "Local: Purged in flight"},
	{ErrFatal, "ErrFatal", "RD_KAFKA_RESP_ERR__FATAL", "Local: Fatal error"},
	{ErrInconsistent, "ErrInconsistent", "RD_KAFKA_RESP_ERR__INCONSISTENT", "Local: Inconsistent state"},
	{ErrGaplessGuarantee, "ErrGaplessGuarantee", "RD_KAFKA_RESP_ERR__GAPLESS_GUARANTEE", "Local: Gap-less ordering would not be guaranteed if proceeding"},
	{ErrMaxPollExceeded, "ErrMaxPollExceeded", "RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED", "Local: Maximum application poll interval (max.poll.interval.ms) exceeded"},
	{ErrUnknownBroker, "ErrUnknownBroker", "RD_KAFKA_RESP_ERR__UNKNOWN_BROKER", "Local: Unknown broker"},
	{ErrNotConfigured, "ErrNotConfigured", "RD_KAFKA_RESP_ERR__NOT_CONFIGURED", "Local: Functionality not configured"},
	{ErrFenced, "ErrFenced", "RD_KAFKA_RESP_ERR__FENCED", "Local: This instance has been fenced by a newer instance"},
	{ErrApplication, "ErrApplication", "RD_KAFKA_RESP_ERR__APPLICATION", "Local: Application generated error"},
	{ErrAssignmentLost, "ErrAssignmentLost", "RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST", "Local: Group partition assignment lost"},
	{ErrNoop, "ErrNoop", "RD_KAFKA_RESP_ERR__NOOP", "Local: No operation performed"},
	{ErrAutoOffsetReset, "ErrAutoOffsetReset", "RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET", "Local: No offset to automatically reset to"},
	{ErrLogTruncation, "ErrLogTruncation", "RD_KAFKA_RESP_ERR__LOG_TRUNCATION", "Local: Partition log truncation detected"},
	{ErrInvalidDifferentRecord, "ErrInvalidDifferentRecord", "RD_KAFKA_RESP_ERR__INVALID_DIFFERENT_RECORD", "Local: an invalid record in the same batch caused the failure of this message too"},
	{ErrDestroyBroker, "ErrDestroyBroker", "RD_KAFKA_RESP_ERR__DESTROY_BROKER", "Local: Broker handle destroyed without termination"},
	{ErrUnknown, "ErrUnknown", "RD_KAFKA_RESP_ERR_UNKNOWN", "Unknown broker error"},
	{ErrNoError, "ErrNoError", "RD_KAFKA_RESP_ERR_NO_ERROR", "Success"},
	{ErrOffsetOutOfRange, "ErrOffsetOutOfRange", "RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE", "Broker: Offset out of range"},
	{ErrInvalidMsg, "ErrInvalidMsg", "RD_KAFKA_RESP_ERR_INVALID_MSG", "Broker: Invalid message"},
	{ErrUnknownTopicOrPart, "ErrUnknownTopicOrPart", "RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART", "Broker: Unknown topic or partition"},
	{ErrInvalidMsgSize, "ErrInvalidMsgSize", "RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE", "Broker: Invalid message size"},
	{ErrLeaderNotAvailable, "ErrLeaderNotAvailable", "RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE", "Broker: Leader not available"},
	{ErrNotLeaderForPartition, "ErrNotLeaderForPartition", "RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION", "Broker: Not leader for partition"},
	{ErrRequestTimedOut, "ErrRequestTimedOut", "RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT", "Broker: Request timed out"},
	{ErrBrokerNotAvailable, "ErrBrokerNotAvailable", "RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE", "Broker: Broker not available"},
	{ErrReplicaNotAvailable, "ErrReplicaNotAvailable", "RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE", "Broker: Replica not available"},
	{ErrMsgSizeTooLarge, "ErrMsgSizeTooLarge", "RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE", "Broker: Message size too large"},
	{ErrStaleCtrlEpoch, "ErrStaleCtrlEpoch", "RD_KAFKA_RESP_ERR_STALE_CTRL_EPOCH", "Broker: StaleControllerEpochCode"},
	{ErrOffsetMetadataTooLarge, "ErrOffsetMetadataTooLarge", "RD_KAFKA_RESP_ERR_OFFSET_METADATA_TOO_LARGE", "Broker: Offset metadata string too large"},
	{ErrNetworkException, "ErrNetworkException", "RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION", "Broker: Broker disconnected before response received"},
	{ErrCoordinatorLoadInProgress, "ErrCoordinatorLoadInProgress", "RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS", "Broker: Coordinator load in progress"},
	{ErrCoordinatorNotAvailable, "ErrCoordinatorNotAvailable", "RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE", "Broker: Coordinator not available"},
	{ErrNotCoordinator, "ErrNotCoordinator", "RD_KAFKA_RESP_ERR_NOT_COORDINATOR", "Broker: Not coordinator"},
	{ErrTopicException, "ErrTopicException", "RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION", "Broker: Invalid topic"},
	{ErrRecordListTooLarge, "ErrRecordListTooLarge", "RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE", "Broker: Message batch larger than configured server segment size"},
	{ErrNotEnoughReplicas, "ErrNotEnoughReplicas", "RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS", "Broker: Not enough in-sync replicas"},
	{ErrNotEnoughReplicasAfterAppend, "ErrNotEnoughReplicasAfterAppend", "RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND", "Broker: Message(s) written to insufficient number of in-sync replicas"},
	{ErrInvalidRequiredAcks, "ErrInvalidRequiredAcks", "RD_KAFKA_RESP_ERR_INVALID_REQUIRED_ACKS", "Broker: Invalid required acks value"},
	{ErrIllegalGeneration, "ErrIllegalGeneration", "RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION", "Broker: Specified group generation id is not valid"},
	{ErrInconsistentGroupProtocol, "ErrInconsistentGroupProtocol", "RD_KAFKA_RESP_ERR_INCONSISTENT_GROUP_PROTOCOL", "Broker: Inconsistent group protocol"},
	{ErrInvalidGroupID, "ErrInvalidGroupID", "RD_KAFKA_RESP_ERR_INVALID_GROUP_ID", "Broker: Invalid group.id"},
	{ErrUnknownMemberID, "ErrUnknownMemberID", "RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID", "Broker: Unknown member"},
	{ErrInvalidSessionTimeout, "ErrInvalidSessionTimeout", "RD_KAFKA_RESP_ERR_INVALID_SESSION_TIMEOUT", "Broker: Invalid session timeout"},
	{ErrRebalanceInProgress, "ErrRebalanceInProgress", "RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS", "Broker: Group rebalance in progress"},
	{ErrInvalidCommitOffsetSize, "ErrInvalidCommitOffsetSize", "RD_KAFKA_RESP_ERR_INVALID_COMMIT_OFFSET_SIZE", "Broker: Commit offset data size is not valid"},
	{ErrTopicAuthorizationFailed, "ErrTopicAuthorizationFailed", "RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED", "Broker: Topic authorization failed"},
	{ErrGroupAuthorizationFailed, "ErrGroupAuthorizationFailed", "RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED", "Broker: Group authorization failed"},
	{ErrClusterAuthorizationFailed, "ErrClusterAuthorizationFailed", "RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED", "Broker: Cluster authorization failed"},
	{ErrInvalidTimestamp, "ErrInvalidTimestamp", "RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP", "Broker: Invalid timestamp"},
	{ErrUnsupportedSaslMechanism, "ErrUnsupportedSaslMechanism", "RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM", "Broker: Unsupported SASL mechanism"},
	{ErrIllegalSaslState, "ErrIllegalSaslState", "RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE", "Broker: Request not valid in current SASL state"},
	{ErrUnsupportedVersion, "ErrUnsupportedVersion", "RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION", "Broker: API version not supported"},
	{ErrTopicAlreadyExists, "ErrTopicAlreadyExists", "RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS", "Broker: Topic already exists"},
	{ErrInvalidPartitions, "ErrInvalidPartitions", "RD_KAFKA_RESP_ERR_INVALID_PARTITIONS", "Broker: Invalid number of partitions"},
	{ErrInvalidReplicationFactor, "ErrInvalidReplicationFactor", "RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR", "Broker: Invalid replication factor"},
	{ErrInvalidReplicaAssignment, "ErrInvalidReplicaAssignment", "RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT", "Broker: Invalid replica assignment"},
	{ErrInvalidConfig, "ErrInvalidConfig", "RD_KAFKA_RESP_ERR_INVALID_CONFIG", "Broker: Configuration is invalid"},
	{ErrNotController, "ErrNotController", "RD_KAFKA_RESP_ERR_NOT_CONTROLLER", "Broker: Not controller for cluster"},
	{ErrInvalidRequest, "ErrInvalidRequest", "RD_KAFKA_RESP_ERR_INVALID_REQUEST", "Broker: Invalid request"},
	{ErrUnsupportedForMessageFormat, "ErrUnsupportedForMessageFormat", "RD_KAFKA_RESP_ERR_UNSUPPORTED_FOR_MESSAGE_FORMAT", "Broker: Message format on broker does not support request"},
	{ErrPolicyViolation, "ErrPolicyViolation", "RD_KAFKA_RESP_ERR_POLICY_VIOLATION", "Broker: Policy violation"},
	{ErrOutOfOrderSequenceNumber, "ErrOutOfOrderSequenceNumber", "RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER", "Broker: Broker received an out of order sequence number"},
	{ErrDuplicateSequenceNumber, "ErrDuplicateSequenceNumber", "RD_KAFKA_RESP_ERR_DUPLICATE_SEQUENCE_NUMBER", "Broker: Broker received a duplicate sequence number"},
	{ErrInvalidProducerEpoch, "ErrInvalidProducerEpoch", "RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH", "Broker: Producer attempted an operation with an old epoch"},
	{ErrInvalidTxnState, "ErrInvalidTxnState", "RD_KAFKA_RESP_ERR_INVALID_TXN_STATE", "Broker: Producer attempted a transactional operation in an invalid state"},
	{ErrInvalidProducerIDMapping, "ErrInvalidProducerIDMapping", "RD_KAFKA_RESP_ERR_INVALID_PRODUCER_ID_MAPPING", "Broker: Producer attempted to use a producer id which is not currently assigned to its transactional id"},
	{ErrInvalidTransactionTimeout, "ErrInvalidTransactionTimeout", "RD_KAFKA_RESP_ERR_INVALID_TRANSACTION_TIMEOUT", "Broker: Transaction timeout is larger than the maximum value allowed by the broker's max.transaction.timeout.ms"},
	{ErrConcurrentTransactions, "ErrConcurrentTransactions", "RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS", "Broker: Producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing"},
	{ErrTransactionCoordinatorFenced, "ErrTransactionCoordinatorFenced", "RD_KAFKA_RESP_ERR_TRANSACTION_COORDINATOR_FENCED", "Broker: Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer"},
	{ErrTransactionalIDAuthorizationFailed, "ErrTransactionalIDAuthorizationFailed", "RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED", "Broker: Transactional Id authorization failed"},
	{ErrSecurityDisabled, "ErrSecurityDisabled", "RD_KAFKA_RESP_ERR_SECURITY_DISABLED", "Broker: Security features are disabled"},
	{ErrOperationNotAttempted, "ErrOperationNotAttempted", "RD_KAFKA_RESP_ERR_OPERATION_NOT_ATTEMPTED", "Broker: Operation not attempted"},
	{ErrKafkaStorageError, "ErrKafkaStorageError", "RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR", "Broker: Disk error when trying to access log file on disk"},
	{ErrLogDirNotFound, "ErrLogDirNotFound", "RD_KAFKA_RESP_ERR_LOG_DIR_NOT_FOUND", "Broker: The user-specified log directory is not found in the broker config"},
	{ErrSaslAuthenticationFailed, "ErrSaslAuthenticationFailed", "RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED", "Broker: SASL Authentication failed"},
	{ErrUnknownProducerID, "ErrUnknownProducerID", "RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID", "Broker: Unknown Producer Id"},
	{ErrReassignmentInProgress, "ErrReassignmentInProgress", "RD_KAFKA_RESP_ERR_REASSIGNMENT_IN_PROGRESS", "Broker: Partition reassignment is in progress"},
	{ErrDelegationTokenAuthDisabled, "ErrDelegationTokenAuthDisabled", "RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_AUTH_DISABLED", "Broker: Delegation Token feature is not enabled"},
	{ErrDelegationTokenNotFound, "ErrDelegationTokenNotFound", "RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_NOT_FOUND", "Broker: Delegation Token is not found on server"},
	{ErrDelegationTokenOwnerMismatch, "ErrDelegationTokenOwnerMismatch", "RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_OWNER_MISMATCH", "Broker: Specified Principal is not valid Owner/Renewer"},
	{ErrDelegationTokenRequestNotAllowed, "ErrDelegationTokenRequestNotAllowed", "RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_REQUEST_NOT_ALLOWED", "Broker: Delegation Token requests are not allowed on this connection"},
	{ErrDelegationTokenAuthorizationFailed, "ErrDelegationTokenAuthorizationFailed", "RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_AUTHORIZATION_FAILED", "Broker: Delegation Token authorization failed"},
	{ErrDelegationTokenExpired, "ErrDelegationTokenExpired", "RD_KAFKA_RESP_ERR_DELEGATION_TOKEN_EXPIRED", "Broker: Delegation Token is expired"},
	{ErrInvalidPrincipalType, "ErrInvalidPrincipalType", "RD_KAFKA_RESP_ERR_INVALID_PRINCIPAL_TYPE", "Broker: Supplied principalType is not supported"},
	{ErrNonEmptyGroup, "ErrNonEmptyGroup", "RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP", "Broker: The group is not empty"},
	{ErrGroupIDNotFound, "ErrGroupIDNotFound", "RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND", "Broker: The group id does not exist"},
	{ErrFetchSessionIDNotFound, "ErrFetchSessionIDNotFound", "RD_KAFKA_RESP_ERR_FETCH_SESSION_ID_NOT_FOUND", "Broker: The fetch session ID was not found"},
	{ErrInvalidFetchSessionEpoch, "ErrInvalidFetchSessionEpoch", "RD_KAFKA_RESP_ERR_INVALID_FETCH_SESSION_EPOCH", "Broker: The fetch session epoch is invalid"},
	{ErrListenerNotFound, "ErrListenerNotFound", "RD_KAFKA_RESP_ERR_LISTENER_NOT_FOUND", "Broker: No matching listener"},
	{ErrTopicDeletionDisabled, "ErrTopicDeletionDisabled", "RD_KAFKA_RESP_ERR_TOPIC_DELETION_DISABLED", "Broker: Topic deletion is disabled"},
	{ErrFencedLeaderEpoch, "ErrFencedLeaderEpoch", "RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH", "Broker: Leader epoch is older than broker epoch"},
	{ErrUnknownLeaderEpoch, "ErrUnknownLeaderEpoch", "RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH", "Broker: Leader epoch is newer than broker epoch"},
	{ErrUnsupportedCompressionType, "ErrUnsupportedCompressionType", "RD_KAFKA_RESP_ERR_UNSUPPORTED_COMPRESSION_TYPE", "Broker: Unsupported compression type"},
	{ErrStaleBrokerEpoch, "ErrStaleBrokerEpoch", "RD_KAFKA_RESP_ERR_STALE_BROKER_EPOCH", "Broker: Broker epoch has changed"},
	{ErrOffsetNotAvailable, "ErrOffsetNotAvailable", "RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE", "Broker: Leader high watermark is not caught up"},
	{ErrMemberIDRequired, "ErrMemberIDRequired", "RD_KAFKA_RESP_ERR_MEMBER_ID_REQUIRED", "Broker: Group member needs a valid member ID"},
	{ErrPreferredLeaderNotAvailable, "ErrPreferredLeaderNotAvailable", "RD_KAFKA_RESP_ERR_PREFERRED_LEADER_NOT_AVAILABLE", "Broker: Preferred leader was not available"},
	{ErrGroupMaxSizeReached, "ErrGroupMaxSizeReached", "RD_KAFKA_RESP_ERR_GROUP_MAX_SIZE_REACHED", "Broker: Consumer group has reached maximum size"},
	{ErrFencedInstanceID, "ErrFencedInstanceID", "RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID", "Broker: Static consumer fenced by other consumer with same group.instance.id"},
	{ErrEligibleLeadersNotAvailable, "ErrEligibleLeadersNotAvailable", "RD_KAFKA_RESP_ERR_ELIGIBLE_LEADERS_NOT_AVAILABLE", "Broker: Eligible partition leaders are not available"},
	{ErrElectionNotNeeded, "ErrElectionNotNeeded", "RD_KAFKA_RESP_ERR_ELECTION_NOT_NEEDED", "Broker: Leader election not needed for topic partition"},
	{ErrNoReassignmentInProgress, "ErrNoReassignmentInProgress", "RD_KAFKA_RESP_ERR_NO_REASSIGNMENT_IN_PROGRESS", "Broker: No partition reassignment is in progress"},
	{ErrGroupSubscribedToTopic, "ErrGroupSubscribedToTopic", "RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC", "Broker: Deleting offsets of a topic while the consumer group is subscribed to it"},
	{ErrInvalidRecord, "ErrInvalidRecord", "RD_KAFKA_RESP_ERR_INVALID_RECORD", "Broker: Broker failed to validate record"},
	{ErrUnstableOffsetCommit, "ErrUnstableOffsetCommit", "RD_KAFKA_RESP_ERR_UNSTABLE_OFFSET_COMMIT", "Broker: There are unstable offsets that need to be cleared"},
	{ErrThrottlingQuotaExceeded, "ErrThrottlingQuotaExceeded", "RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED", "Broker: Throttling quota has been exceeded"},
	{ErrProducerFenced, "ErrProducerFenced", "RD_KAFKA_RESP_ERR_PRODUCER_FENCED", "Broker: There is a newer producer with the same transactionalId which fences the current one"},
	{ErrResourceNotFound, "ErrResourceNotFound", "RD_KAFKA_RESP_ERR_RESOURCE_NOT_FOUND", "Broker: Request illegally referred to resource that does not exist"},
	{ErrDuplicateResource, "ErrDuplicateResource", "RD_KAFKA_RESP_ERR_DUPLICATE_RESOURCE", "Broker: Request illegally referred to the same resource twice"},
	{ErrUnacceptableCredential, "ErrUnacceptableCredential", "RD_KAFKA_RESP_ERR_UNACCEPTABLE_CREDENTIAL", "Broker: Requested credential would not meet criteria for acceptability"},
	{ErrInconsistentVoterSet, "ErrInconsistentVoterSet", "RD_KAFKA_RESP_ERR_INCONSISTENT_VOTER_SET", "Broker: Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters"},
	{ErrInvalidUpdateVersion, "ErrInvalidUpdateVersion", "RD_KAFKA_RESP_ERR_INVALID_UPDATE_VERSION", "Broker: Invalid update version"},
	{ErrFeatureUpdateFailed, "ErrFeatureUpdateFailed", "RD_KAFKA_RESP_ERR_FEATURE_UPDATE_FAILED", "Broker: Unable to update finalized features due to server error"},
	{ErrPrincipalDeserializationFailure, "ErrPrincipalDeserializationFailure", "RD_KAFKA_RESP_ERR_PRINCIPAL_DESERIALIZATION_FAILURE", "Broker: Request principal deserialization failed during forwarding"},
	{ErrUnknownTopicID, "ErrUnknownTopicID", "RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_ID", "Broker: Unknown topic id"},
	{ErrFencedMemberEpoch, "ErrFencedMemberEpoch", "RD_KAFKA_RESP_ERR_FENCED_MEMBER_EPOCH", "Broker: The member epoch is fenced by the group coordinator"},
	{ErrUnreleasedInstanceID, "ErrUnreleasedInstanceID", "RD_KAFKA_RESP_ERR_UNRELEASED_INSTANCE_ID", "Broker: The instance ID is still used by another member in the consumer group"},
	{ErrUnsupportedAssignor, "ErrUnsupportedAssignor", "RD_KAFKA_RESP_ERR_UNSUPPORTED_ASSIGNOR", "Broker: The assignor or its version range is not supported by the consumer group"},
	{ErrStaleMemberEpoch, "ErrStaleMemberEpoch", "RD_KAFKA_RESP_ERR_STALE_MEMBER_EPOCH", "Broker: The member epoch is stale"},
	{ErrUnknownSubscriptionID, "ErrUnknownSubscriptionID", "RD_KAFKA_RESP_ERR_UNKNOWN_SUBSCRIPTION_ID", "Broker: Client sent a push telemetry request with an invalid or outdated subscription ID"},
	{ErrTelemetryTooLarge, "ErrTelemetryTooLarge", "RD_KAFKA_RESP_ERR_TELEMETRY_TOO_LARGE", "Broker: Client sent a push telemetry request larger than the maximum size the broker will accept"},
	{ErrRebootstrapRequired, "ErrRebootstrapRequired", "RD_KAFKA_RESP_ERR_REBOOTSTRAP_REQUIRED", "Broker: Client metadata is stale, client should rebootstrap to obtain new metadata"},
}
