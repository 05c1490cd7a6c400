// Package client is the shared core of purekafka, the pure-Go (franz-go
// based) drop-in replacement for confluent-kafka-go's kafka package.
//
// It holds the plain data types of the public API (ConfigMap, Error and the
// ErrorCode table, Offset, TopicPartition, Message, Header, the event and
// metadata types) with confluent-kafka-go's exact semantics and String
// formats, plus helpers the producer, consumer and admin implementations
// share: ConfigMap extraction and value conversion, error construction and
// translation of franz-go errors (ErrorFromKgo), and conversion between
// TopicPartition lists and franz-go offsets.
//
// Applications do not import this package. The kafka package re-exports
// these types as aliases, so a value created here is the same type users see
// as kafka.X. Helpers are package-level functions rather than methods so
// they do not leak into that public method set.
package client
