package bench

import (
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// meter measures one run of a workload: n messages of bytesPerMsg bytes
// (key plus value) between begin and end. Consume runs first read warm
// untimed messages (see newConsumeMeter). It reads the wall clock, the
// process's user+sys CPU time (getrusage, which counts every thread, C
// ones included, and not the broker's process) and the Go heap's
// allocation count. For a *testing.B it also moves the benchmark timer, so
// ns/op is wall time per message.
type meter struct {
	tb          testing.TB
	n           int
	warm        int // consume: messages read before the clock starts
	bytesPerMsg int

	once     sync.Once // begin
	t0       time.Time
	cpu0     time.Duration
	mallocs0 uint64
	bytes0   uint64

	elapsed time.Duration
	cpu     time.Duration
	mallocs uint64
	bytes   uint64          // Go heap bytes allocated
	lat     []time.Duration // latency workloads: one per message
}

// newMeter prepares measuring n messages of keySize+valueSize bytes.
func newMeter(tb testing.TB, n, valueSize int) *meter {
	return &meter{tb: tb, n: n, bytesPerMsg: keySize + valueSize}
}

// newConsumeMeter prepares measuring a consume run: the consumer reads
// total() = n/10 + n messages and the clock runs over the last n. The
// untimed tenth covers connecting, joining a group and the burst of the first
// fetch, whose data a client may have buffered before delivering the first
// message; the source topic holds more than total() (consumeMargin), so no
// client's prefetch runs dry before the clock stops either. The rate is the
// steady state.
func newConsumeMeter(tb testing.TB, n, valueSize int) *meter {
	m := newMeter(tb, n, valueSize)
	m.warm = n / 10
	return m
}

// consumeMargin is how many messages past total() a consume source holds.
func consumeMargin(n int) int { return min(n/2, 500_000) }

// total is how many messages a run handles, warm-up included.
func (m *meter) total() int { return m.warm + m.n }

// seen is called with the 1-based count k of consumed messages; it starts
// the clock after the warm-up and reports whether k is the last.
func (m *meter) seen(k int) bool {
	if k == m.warm+1 {
		m.begin()
	}
	return k >= m.total()
}

// begin starts the measurement; only its first call counts.
func (m *meter) begin() {
	m.once.Do(func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		m.mallocs0, m.bytes0 = ms.Mallocs, ms.TotalAlloc
		m.cpu0 = processCPU()
		if b, ok := m.tb.(*testing.B); ok {
			b.ResetTimer()
		}
		m.t0 = time.Now()
	})
}

// end stops the measurement. Clients that consume on several goroutines can
// see the last message while another goroutine is still inside begin (which
// stops the world to read the heap): begin's sync.Once makes end wait for it.
func (m *meter) end() {
	m.begin()
	m.elapsed = time.Since(m.t0)
	if b, ok := m.tb.(*testing.B); ok {
		b.StopTimer()
	}
	m.cpu = processCPU() - m.cpu0
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.mallocs = ms.Mallocs - m.mallocs0
	m.bytes = ms.TotalAlloc - m.bytes0
}

// processCPU is this process's user plus system CPU time so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// result is what a run measured, per message where that makes sense.
type result struct {
	msgsPerSec  float64
	mbPerSec    float64 // key+value bytes, 10^6 bytes per second
	cpuNsPerMsg float64
	allocsPer   float64 // Go heap allocations per message
	bytesPer    float64 // Go heap bytes allocated per message
	p50us       float64 // latency workloads only
	p99us       float64
	latency     bool
}

func (m *meter) result() result {
	sec := max(m.elapsed.Seconds(), 1e-9)
	r := result{
		msgsPerSec:  float64(m.n) / sec,
		mbPerSec:    float64(m.n*m.bytesPerMsg) / sec / 1e6,
		cpuNsPerMsg: float64(m.cpu.Nanoseconds()) / float64(m.n),
		allocsPer:   float64(m.mallocs) / float64(m.n),
		bytesPer:    float64(m.bytes) / float64(m.n),
	}
	if len(m.lat) > 0 {
		r.latency = true
		r.p50us = percentile(m.lat, 50).Seconds() * 1e6
		r.p99us = percentile(m.lat, 99).Seconds() * 1e6
	}
	return r
}

// report sends the result to b.ReportMetric, where go test prints it.
func (m *meter) report(b *testing.B) {
	r := m.result()
	b.ReportMetric(r.msgsPerSec, "msgs/s")
	b.ReportMetric(r.mbPerSec, "MB/s")
	b.ReportMetric(r.cpuNsPerMsg, "cpu-ns/msg")
	b.ReportMetric(r.allocsPer, "allocs/msg")
	b.ReportMetric(r.bytesPer, "B/msg")
	if r.latency {
		b.ReportMetric(r.p50us, "p50-us")
		b.ReportMetric(r.p99us, "p99-us")
	}
}

// percentile returns the p-th percentile (nearest rank) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(p/100*float64(len(s))+0.999999) - 1
	return s[min(max(rank, 0), len(s)-1)]
}
