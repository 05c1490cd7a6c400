package client

import (
	"fmt"
	"time"
)

// TimestampType tells what a Message's Timestamp means.
type TimestampType int

// Timestamp types, with librdkafka's values.
const (
	// TimestampNotAvailable means the message has no timestamp.
	TimestampNotAvailable = TimestampType(0)
	// TimestampCreateTime is the producer-assigned creation time.
	TimestampCreateTime = TimestampType(1)
	// TimestampLogAppendTime is the broker-assigned append time.
	TimestampLogAppendTime = TimestampType(2)
)

// String returns "CreateTime", "LogAppendTime" or, for anything else,
// "NotAvailable".
func (t TimestampType) String() string {
	switch t {
	case TimestampCreateTime:
		return "CreateTime"
	case TimestampLogAppendTime:
		return "LogAppendTime"
	default:
		return "NotAvailable"
	}
}

// Message is a record to produce, a consumed record, or a delivery report.
// It is delivered as *Message on event channels and from Poll.
type Message struct {
	TopicPartition TopicPartition // Destination or source; its Error is the delivery result
	Value          []byte         // Payload; nil and empty are distinct (nil is a tombstone)
	Key            []byte         // Partitioning key; nil and empty are distinct
	Timestamp      time.Time      // Zero when producing means "now"
	TimestampType  TimestampType  // What Timestamp means
	Opaque         interface{}    // Application value carried to the delivery report
	Headers        []Header       // Record headers, in order
	// Deprecated: use TopicPartition.LeaderEpoch, which carries the same
	// value (nil when the broker did not report an epoch).
	LeaderEpoch *int32
}

// String renders the message's position as "topic[partition]@offset". Unlike
// TopicPartition.String, a nil topic prints as an empty string and the error
// is left out, matching the reference.
func (m *Message) String() string {
	topic := ""
	if m.TopicPartition.Topic != nil {
		topic = *m.TopicPartition.Topic
	}
	return fmt.Sprintf("%s[%d]@%s", topic, m.TopicPartition.Partition, m.TopicPartition.Offset)
}
