// Package bench holds `go test -bench` suites that run the same workloads
// through purekafka, confluent-kafka-go (librdkafka via cgo) and raw franz-go
// against the same broker, so the cost of the purekafka wrapper is measured
// side by side rather than claimed.
//
// It is a separate Go module so that cgo and the peer clients never reach the
// main module's dependency graph.
package bench
