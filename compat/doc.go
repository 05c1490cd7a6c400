// Package compat holds differential tests: each scenario runs through
// confluent-kafka-go (the real librdkafka, via cgo) and through purekafka
// against the same broker, and the observable traces are compared.
//
// It is a separate Go module so that the cgo dependency on librdkafka never
// reaches the main module.
package compat
