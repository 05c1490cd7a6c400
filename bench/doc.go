// Package bench holds `go test -bench` suites that run the same workloads
// through purekafka (the kafka facade), confluent-kafka-go (librdkafka via
// cgo), raw franz-go (kgo, the floor of purekafka's overhead), IBM/sarama and
// segmentio/kafka-go, against the same broker with the same settings, so
// purekafka's speed is measured side by side rather than claimed.
//
// Workloads (sub-benchmarks are named for benchstat, e.g.
// BenchmarkProduce/size=100/codec=none/client=purekafka):
//
//   - BenchmarkProduce: b.N messages, 16-byte keys, 100 B or 1 KiB values,
//     compression none or lz4, linger 5 ms, until the last delivery report.
//   - BenchmarkProduceLatency: one message every 2 ms, linger 0; p50-us and
//     p99-us from Produce to the delivery report.
//   - BenchmarkConsume: b.N messages from every partition, no group (a Poll
//     loop for confluent and purekafka, each peer's idiomatic loop).
//   - BenchmarkConsumeGroupCommit: the same as a group member, committing
//     synchronously every 1,000 messages.
//
// Each reports msgs/s, MB/s, cpu-ns/msg (the process's user+sys time per
// message), allocs/msg and B/msg (Go heap only) and, for latency, p50-us and
// p99-us.
// The settings are printed as benchfmt configuration lines before the
// results. The broker is the real one named by KAFKA_BOOTSTRAP, else an
// in-process kfake cluster (then cpu-ns/msg includes the broker).
//
// Quick check (what make test runs; asserts nothing about speed):
//
//	go test -count=1 -run . -bench . -benchtime 1x ./...
//
// Full report (RESULTS.md, results.png, results.bench; several minutes):
//
//	go run ./cmd/report
//
// The purekafka_*_test.go files are generated from confluent_*_test.go
// (go test -run TestDropInTwins -update-twins): purekafka is measured
// running the very code written for confluent-kafka-go.
//
// It is a separate Go module so that cgo and the peer clients never reach the
// main module's dependency graph.
package bench
