// Package faults holds purekafka's reliability suite: tests that inject
// failures into a real three-node Apache Kafka cluster (replication factor 3,
// min.insync.replicas 2) and check, by counting, that nothing acknowledged is
// lost, duplicated or reordered. They cover Jepsen's anomaly list for Kafka:
// lost writes, duplicates, reordering within a partition, aborted reads and
// inconsistent offsets.
//
// The package has no API; everything is in its tests:
//
//   - producer_test.go: an idempotent and a non-idempotent producer while
//     the broker leading every partition is kill -9'ed and restarted twice;
//   - timeout_test.go: the same with a short message.timeout.ms and a longer
//     outage, so that deliveries fail (without idempotence; see the test
//     for why not with it), each with ErrMsgTimedOut;
//   - group_test.go: a consumer group of three processes with manual
//     commits, members kill -9'ed and restarted, and a broker killed;
//   - eos_test.go: exactly-once consume-transform-produce under a broker
//     kill and a client crash (kill -9 of the worker process);
//   - network_test.go: stalled, reset and sliced connections through a
//     loopback proxy (proxy_test.go), and no goroutine left after Close;
//   - memory_test.go: RSS bounded by queue.buffering.max.messages while a
//     million delivery reports go unread, and RSS and the heap back to
//     their baselines after Close.
//
// The tests kill brokers, so they run only against a cluster started for
// them, never against a broker other tests share: they skip unless
// PUREKAFKA_FAULT_TESTS=1, and then fail unless KAFKA_NODES=3,
// KAFKA_BOOTSTRAP and KAFKA_SCRIPT come from a three-node kafka.sh cluster:
//
//	mkdir -p /tmp/k3 && ln -sfn $PWD/.kafka/lib-4.4.0 /tmp/k3/lib-4.4.0
//	KAFKA_DIR=/tmp/k3 internal/testenv/kafka.sh up 3
//	eval "$(KAFKA_DIR=/tmp/k3 internal/testenv/kafka.sh env)"
//	PUREKAFKA_FAULT_TESTS=1 go test -race -count=1 -timeout 10m -v ./internal/faults/
//
// (make test-faults does that, in a directory of its own). Each test prints
// one line of numbers, the evidence the reliability issue asks for. The
// memory test skips under -race, whose shadow memory inflates RSS: run it
// without.
package faults
