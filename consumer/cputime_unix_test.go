//go:build unix

package consumer_test

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time: wall time per record
// mostly measures fetch round trips, CPU time what each record costs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds a cpu-ns/op metric (the in-process broker included, on
// both sides).
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
