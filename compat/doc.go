// Package compat holds differential tests: each scenario runs through
// confluent-kafka-go (the real librdkafka, via cgo) and through purekafka
// against the same broker, and the observable traces are compared.
//
// It is a separate Go module so that the cgo dependency on librdkafka never
// reaches the main module.
//
// The scenarios live in scenarios_*_test.go, the tolerated differences in
// allowlist_test.go. COMPAT_TRACE=1 logs each scenario's trace;
// COMPAT_RUN_SKIPPED=1 also runs the scenarios skipped for a known purekafka
// bug, to check a fix.
package compat
