// Package consumer implements confluent-kafka-go's Consumer on top of a
// franz-go client: group subscription with rebalance events delivered inside
// Poll, manual assignment, offset storage and commits, seeks and pauses. Users
// reach it through package kafka.
package consumer
