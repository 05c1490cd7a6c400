package client

import (
	"fmt"
	"time"
)

// Event is anything delivered by Poll or on an Events() channel. Users
// dispatch on the dynamic type, so which types are sent (and whether as
// value or pointer) is part of the contract: *Message, Error, *Stats,
// AssignedPartitions, RevokedPartitions, PartitionEOF, OffsetsCommitted and
// OAuthBearerTokenRefresh.
type Event interface {
	// String returns a human-readable representation of the event.
	String() string
}

// Stats is a statistics event carrying a librdkafka-style JSON document
// (see librdkafka's STATISTICS.md). It is delivered as *Stats. The JSON is
// held in an unexported field, as in the reference, so only this module can
// create one; use NewStats.
type Stats struct {
	statsJSON string
}

// NewStats returns a statistics event for the given JSON document, as a
// pointer because that is the dynamic type applications switch on.
func NewStats(statsJSON string) *Stats {
	return &Stats{statsJSON: statsJSON}
}

// String returns the statistics JSON document.
func (e Stats) String() string {
	return e.statsJSON
}

// AssignedPartitions is the rebalance event asking the application to
// assign the given partitions (delivered when the application handles
// rebalances itself).
type AssignedPartitions struct {
	Partitions []TopicPartition // Partitions to assign, with start offsets
}

// String renders the event as "AssignedPartitions: [t[0]@0 ...]".
func (e AssignedPartitions) String() string {
	return fmt.Sprintf("AssignedPartitions: %v", e.Partitions)
}

// RevokedPartitions is the rebalance event asking the application to stop
// consuming the given partitions.
type RevokedPartitions struct {
	Partitions []TopicPartition // Partitions being taken away
}

// String renders the event as "RevokedPartitions: [t[0]@0 ...]".
func (e RevokedPartitions) String() string {
	return fmt.Sprintf("RevokedPartitions: %v", e.Partitions)
}

// PartitionEOF reports that the consumer reached the end of a partition
// (only with enable.partition.eof). It is a distinct type with the same
// fields as TopicPartition, so it converts to and from TopicPartition.
type PartitionEOF TopicPartition

// String renders the event as "EOF at topic[partition]@offset".
func (p PartitionEOF) String() string {
	return "EOF at " + TopicPartition(p).String()
}

// OffsetsCommitted reports the result of an offset commit; Error is nil on
// success.
type OffsetsCommitted struct {
	Error   error            // nil, or why the commit failed as a whole
	Offsets []TopicPartition // Committed offsets, each with its own Error if any
}

// String renders the event as "OffsetsCommitted (<error or <nil>>, [offsets])".
func (o OffsetsCommitted) String() string {
	return fmt.Sprintf("OffsetsCommitted (%v, %v)", o.Error, o.Offsets)
}

// OAuthBearerTokenRefresh asks the application to obtain a new
// SASL/OAUTHBEARER token and pass it to SetOAuthBearerToken (or report
// failure with SetOAuthBearerTokenFailure).
type OAuthBearerTokenRefresh struct {
	// Config is the value of sasl.oauthbearer.config, for the application's
	// token retrieval.
	Config string
}

// String returns the constant "OAuthBearerTokenRefresh".
func (o OAuthBearerTokenRefresh) String() string {
	return "OAuthBearerTokenRefresh"
}

// LogEvent is one client log line, delivered on the Logs() channel (or the
// application's go.logs.channel) when go.logs.channel.enable is set.
type LogEvent struct {
	Name      string    // Client instance name, e.g. "rdkafka#producer-1"
	Tag       string    // librdkafka-style facility, e.g. "FAIL" or "CGRP"
	Message   string    // Log message text
	Level     int       // syslog severity: lower is more severe (3 error ... 7 debug)
	Timestamp time.Time // When the line was logged
}

// String renders the event as "[RFC3339 time][name][tag][level]message".
func (logEvent LogEvent) String() string {
	return fmt.Sprintf("[%s][%s][%s][%d]%s",
		logEvent.Timestamp.Format(time.RFC3339), logEvent.Name, logEvent.Tag, logEvent.Level, logEvent.Message)
}
