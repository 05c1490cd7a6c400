//go:build !unix

package consumer_test

import (
	"testing"
	"time"
)

// cpuTime has no getrusage to read here (Windows): the benchmarks still
// build and run, without their cpu-ns/op metric.
func cpuTime() time.Duration { return 0 }

// reportCPU reports nothing where cpuTime cannot measure.
func reportCPU(*testing.B, time.Duration) {}
