// Package kafka is a pure-Go drop-in replacement for confluent-kafka-go's
// kafka package (github.com/confluentinc/confluent-kafka-go/v2/kafka,
// v2.11.1), built on franz-go instead of librdkafka and cgo.
//
// Programs switch by changing one import line; the exported names,
// signatures, constant values, error codes and texts, String() formats and
// event types are those of confluent-kafka-go, so they compile and behave
// the same. Configuration uses the same librdkafka property names in a
// ConfigMap.
//
// This package is a thin facade: it declares aliases of the types and
// re-declares the constants and functions implemented in purekafka's
// client, producer, consumer and admin packages.
package kafka
