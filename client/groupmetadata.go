package client

// ConsumerGroupMetadata identifies a consumer's group membership, as
// Consumer.GetConsumerGroupMetadata returns it, for
// Producer.SendOffsetsToTransaction. It is opaque, as in confluent-kafka-go;
// the consumer and producer packages reach its fields through
// NewConsumerGroupMetadata and GroupMetadataFields.
type ConsumerGroupMetadata struct {
	groupID         string
	generationID    int32
	memberID        string
	groupInstanceID *string
}

// NewTestConsumerGroupMetadata returns metadata with only a group id, for
// testing transactional producers without a consumer. Committing with it
// skips the broker's generation and member checks.
func NewTestConsumerGroupMetadata(groupID string) (*ConsumerGroupMetadata, error) {
	return NewConsumerGroupMetadata(groupID, -1, "", nil), nil
}

// NewConsumerGroupMetadata builds the metadata of a live group member. A
// generation of -1 and an empty member id skip the broker's fencing checks.
func NewConsumerGroupMetadata(groupID string, generationID int32, memberID string, groupInstanceID *string) *ConsumerGroupMetadata {
	return &ConsumerGroupMetadata{groupID: groupID, generationID: generationID, memberID: memberID, groupInstanceID: groupInstanceID}
}

// GroupMetadataFields returns what m holds. It is a function rather than
// methods so that the public type keeps confluent's (empty) method set.
func GroupMetadataFields(m *ConsumerGroupMetadata) (groupID string, generationID int32, memberID string, groupInstanceID *string) {
	return m.groupID, m.generationID, m.memberID, m.groupInstanceID
}
