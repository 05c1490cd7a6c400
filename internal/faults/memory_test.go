package faults

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/purekafka/purekafka/kafka"
)

// The memory test's shape: memoryMessages messages of memoryValueSize
// bytes, with at most memoryQueueLimit of them (queue.buffering.max.messages)
// buffered or waiting for their delivery report to be read.
const (
	memoryMessages   = 1_000_000
	memoryQueueLimit = 100_000
	memoryValueSize  = 100
	// memoryPerMessage is what one queued message may cost while it is
	// live: its copied key and value, the franz-go record, purekafka's
	// envelope and the kafka.Message of its delivery report. Measured:
	// 700-1040 B (the printed live heap at the peak over the queue limit).
	memoryPerMessage = 1280
	// memoryHeadroom is how far RSS may exceed the live heap: with GOGC=100
	// the collector lets the heap grow to twice the live data before it
	// collects, and the runtime returns freed pages to the OS lazily.
	memoryHeadroom = 2
	// memoryRSSBound is how far above its baseline RSS may peak: 244 MiB.
	// Measured peaks are 120-180 MiB above the baseline; a leak of 200 B
	// per message would add 190 MiB over the run and cross it.
	memoryRSSBound = memoryQueueLimit * memoryPerMessage * memoryHeadroom
	// memoryHeapSlack is how far above its baseline the heap may stay after
	// Close: a few buffers the runtime and franz-go keep in pools.
	memoryHeapSlack = 16 << 20
	// memoryRSSSlack is how far above its baseline RSS may stay after Close
	// and debug.FreeOSMemory: the heap slack, plus the code pages of the
	// client that the run paged in and the runtime's metadata for the
	// larger heap it had. Measured: 6 MiB.
	memoryRSSSlack = 32 << 20
)

// TestMemoryBoundedByQueueLimit produces a million messages from an
// application that reads delivery reports only when Produce refuses more
// with ErrQueueFull: memory must then be bounded by
// queue.buffering.max.messages, not by the number of messages. The peak RSS
// may exceed its baseline by at most memoryRSSBound, derived from the queue
// limit, and the peak of the second half of the run may not exceed that of
// the first by more than a quarter of it (a leak grows with the messages,
// the queue does not). After Close, RSS and the heap must return to their
// baselines and no goroutine may be left.
func TestMemoryBoundedByQueueLimit(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's shadow memory swamps the RSS this test bounds: run it without -race")
	}
	cl := threeNodes(t)
	topic := cl.CreateTopicRF(t, 6, nodes)
	baseline := goleak.IgnoreCurrent()
	heap0, rss0 := heapInUse(), rss()

	p, err := kafka.NewProducer(&kafka.ConfigMap{
		"bootstrap.servers":            cl.bootstrapList(),
		"queue.buffering.max.messages": memoryQueueLimit,
		"linger.ms":                    5,
	})
	require.NoError(t, err)
	// A small delivery channel: what does not fit stays in the producer,
	// counted against queue.buffering.max.messages, until it is read.
	dc := make(chan kafka.Event, 1000)

	var peak [2]atomic.Int64 // peak RSS of each half of the run
	var peakLive atomic.Int64
	var half atomic.Int32
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				r, h := rss(), &peak[half.Load()]
				if r > h.Load() {
					h.Store(r)
				}
				metrics.Read(live)
				if v := int64(live[0].Value.Uint64()); v > peakLive.Load() {
					peakLive.Store(v)
				}
			}
		}
	})

	value := []byte(strings.Repeat("v", memoryValueSize))
	read, failed, queueFull := 0, 0, 0
	drain := func(wait bool) {
		for {
			select {
			case ev := <-dc:
				read++
				if ev.(*kafka.Message).TopicPartition.Error != nil {
					failed++
				}
				continue
			default:
			}
			if !wait || p.Len() < memoryQueueLimit/2 {
				return
			}
			ev := <-dc
			read++
			if ev.(*kafka.Message).TopicPartition.Error != nil {
				failed++
			}
		}
	}
	start := time.Now()
	for i := 0; i < memoryMessages; {
		if i == memoryMessages/2 {
			half.Store(1)
		}
		err := p.Produce(&kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Key:            strconv.AppendInt(nil, int64(i), 10),
			Value:          value,
		}, dc)
		var ke kafka.Error
		if errors.As(err, &ke) && ke.Code() == kafka.ErrQueueFull {
			// The application finally reads its delivery reports, down
			// to half the limit, as a confluent application polls.
			queueFull++
			drain(true)
			continue
		}
		require.NoError(t, err)
		i++
	}
	for read < memoryMessages { // the remaining reports, as they come
		select {
		case ev := <-dc:
			read++
			if ev.(*kafka.Message).TopicPartition.Error != nil {
				failed++
			}
		case <-time.After(2 * time.Minute): // a guard, not a measurement
			t.Fatalf("%d of %d delivery reports; Len %d", read, memoryMessages, p.Len())
		}
	}
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	rssEnd := rss()
	p.Close()
	dc = nil //nolint:ineffassign,wastedassign // drop our last reference before measuring
	_ = dc

	runtime.GC()
	debug.FreeOSMemory()
	heap1, rss1 := heapInUse(), rss()
	leak := goleak.Find(baseline)
	mib := func(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
	top := max(peak[0].Load(), peak[1].Load())
	fmt.Printf("memory, %d messages of %d bytes with queue.buffering.max.messages=%d and unread delivery reports "+
		"(%d ErrQueueFull, %d failed, %v): RSS baseline %s, peak first half %s, peak second half %s, at end %s, after Close %s; "+
		"peak above baseline %s (bound %s); live heap at its peak %s (%d B per queued message); "+
		"heap in use baseline %s, after Close %s; goroutines leaked: %v\n",
		memoryMessages, memoryValueSize, memoryQueueLimit, queueFull, failed, elapsed.Round(time.Second),
		mib(rss0), mib(peak[0].Load()), mib(peak[1].Load()), mib(rssEnd), mib(rss1),
		mib(top-rss0), mib(memoryRSSBound), mib(peakLive.Load()), peakLive.Load()/memoryQueueLimit,
		mib(heap0), mib(heap1), leak != nil)

	assert.Zero(t, failed, "failed deliveries")
	assert.Positive(t, queueFull, "the queue limit was reached (else this test proves nothing)")
	assert.LessOrEqual(t, top-rss0, int64(memoryRSSBound), "peak RSS above the bound the queue limit allows")
	assert.LessOrEqual(t, peak[1].Load(), peak[0].Load()+memoryRSSBound/4,
		"RSS grew with the number of messages, not bounded by the queue limit")
	assert.LessOrEqual(t, rss1, rss0+memoryRSSSlack, "RSS after Close above its baseline")
	assert.LessOrEqual(t, heap1, heap0+memoryHeapSlack, "heap after Close above its baseline")
	assert.NoError(t, leak, "goroutines left after Close")
}

// rss is the process's resident set size in bytes, from /proc/self/statm.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// heapInUse is the live heap after a full collection.
func heapInUse() int64 {
	runtime.GC()
	runtime.GC() // the second collection frees what the first one's finalizers released
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapInuse)
}
