// Package producer implements confluent-kafka-go's Producer on top of a
// franz-go client: Produce with delivery reports on a channel, Flush, Len,
// Purge, the Events and ProduceChannel channels, and transactions. Users reach
// it through package kafka.
package producer
