package faults

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/kafka"
)

// producerMessages is how many keyed messages each producer test sends: the
// issue's 200,000, paced (producerRate) so that the stream spans both broker
// kills instead of finishing before the first.
const (
	producerMessages   = 200_000
	producerRate       = 5_000 // messages per second
	producerPartitions = 6
	producerKeys       = 600
)

// finalDeliveryCodes are the codes a delivery report may fail with when a
// broker dies. librdkafka retries every error a broker outage causes:
// NOT_LEADER_FOR_PARTITION, LEADER_NOT_AVAILABLE and UNKNOWN_TOPIC_OR_PART
// after a metadata refresh, NOT_ENOUGH_REPLICAS(_AFTER_APPEND),
// REQUEST_TIMED_OUT, KAFKA_STORAGE_ERROR, transport failures and request
// timeouts by putting the messages back on the partition queue, with
// message.send.max.retries at its default of 2147483647. A message thus
// fails only when message.timeout.ms runs out, and librdkafka reports a
// request-level timeout (__TIMED_OUT, __TIMED_OUT_QUEUE) as __MSG_TIMED_OUT
// too (rd_kafka_handle_Produce_error). Anything else
// (ErrNotEnoughReplicas, ErrOutOfOrderSequenceNumber, ErrUnknown, ...) means
// the client gave up where librdkafka would retry, or lost track of a
// message.
var finalDeliveryCodes = map[kafka.ErrorCode]bool{
	kafka.ErrMsgTimedOut: true,
}

// TestProducerAcrossLeaderKills produces 200,000 keyed messages (acks=all)
// while the broker leading every partition is kill -9'ed and restarted, its
// leadership restored, and killed and restarted again. A verifying reader
// then counts each message.
//
// With enable.idempotence every message must be acknowledged exactly once
// and read back exactly once, in per-key order. Without it the client may
// write a message twice (a retry of a request whose response was lost), so
// duplicates are counted but allowed, and reordering is reported only;
// losing an acknowledged message is never allowed.
func TestProducerAcrossLeaderKills(t *testing.T) {
	skipUnlessFaults(t)
	for i, tc := range []struct {
		name       string
		idempotent bool
	}{
		{"idempotent", true},
		{"not-idempotent", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cl := threeNodes(t)
			leader := int32(i%nodes + 1)
			topic := cl.topicLedBy(t, producerPartitions, leader)
			res := runProducerUnderKills(t, cl, topic, leader, tc.idempotent)
			s := check(t, readAll(t, cl, topic, false), producerMessages, func(i int) bool { return res.acked[i] })
			fmt.Printf("%s producer, two kills of the leaders' broker %d: %s; failed deliveries %d %v\n",
				tc.name, leader, s, res.failed, res.codes)

			assert.Zero(t, res.reportDups, "messages with more than one delivery report")
			assert.Zero(t, res.missing, "messages without a delivery report")
			assert.Zero(t, s.lost, "acknowledged messages lost")
			for code := range res.codes {
				assert.True(t, finalDeliveryCodes[code], "delivery failed with %v, not what librdkafka reports after a broker outage", code)
			}
			if tc.idempotent {
				assert.Zero(t, res.failed, "failed deliveries")
				assert.Zero(t, s.duplicated, "duplicates")
				assert.Zero(t, s.reordered, "reordered")
			}
		})
	}
}

// producerRun is what the delivery reports said.
type producerRun struct {
	acked      []bool
	failed     int
	codes      map[kafka.ErrorCode]int
	reportDups int // messages reported more than once
	missing    int // messages never reported
	// maxAckAge is the longest a message waited from Produce to a
	// successful delivery report, minFailAge the shortest to a failed one.
	maxAckAge, minFailAge time.Duration
}

// runProducerUnderKills streams the messages from a goroutine while the test
// goroutine (which alone may fail the test) crashes the leaders' broker:
// once after 15% of the stream, and again, after its leadership has been
// restored, before the last 30% is produced, so that both outages happen
// with messages in flight.
func runProducerUnderKills(t *testing.T, cl *cluster, topic string, leader int32, idempotent bool) producerRun {
	p, err := kafka.NewProducer(&kafka.ConfigMap{
		"bootstrap.servers":  cl.bootstrapList(),
		"enable.idempotence": idempotent,
		"acks":               "all",
		"linger.ms":          5,
	})
	require.NoError(t, err)
	defer p.Close()
	go logEvents(p.Events()) // errors the client raises on the way

	const n = producerMessages
	rc := collectReports(n)

	var produced atomic.Int64
	secondKill := make(chan struct{})
	prodErr := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := producePaced(p, topic, 0, n*7/10, producerRate, rc, &produced); err != nil {
			prodErr <- err
			return
		}
		<-secondKill
		if err := producePaced(p, topic, n*7/10, n, producerRate, rc, &produced); err != nil {
			prodErr <- err
		}
	})
	stop := func() { // unblocks the producer if the test fails early
		select {
		case <-secondKill:
		default:
			close(secondKill)
		}
	}
	defer stop()

	for produced.Load() < n*15/100 && len(prodErr) == 0 {
		time.Sleep(50 * time.Millisecond)
	}
	logf("%d produced, %d reported", produced.Load(), rc.reported.Load())
	cl.crash(t, int(leader), 3*time.Second)
	cl.electPreferred(t, topic, producerPartitions, leader)
	logf("leadership back on broker %d; %d produced, %d reported", leader, produced.Load(), rc.reported.Load())
	logf("kill -9 broker %d", leader)
	cl.broker(t, "kill", int(leader))
	stop()
	time.Sleep(3 * time.Second)
	logf("restart broker %d; %d produced, %d reported", leader, produced.Load(), rc.reported.Load())
	cl.broker(t, "start", int(leader))
	cl.waitInSync(t)
	logf("broker %d back in sync", leader)

	wg.Wait()
	select {
	case err := <-prodErr:
		require.NoError(t, err)
	default:
	}
	return rc.finish(t, p, 5*60_000)
}

// producePaced produces messages from..to-1 (keyed over producerKeys, with
// the sequence number as Opaque) at rate messages per second, their delivery
// reports going to rc, storing how far it got in produced. ErrQueueFull makes it wait and try again, as an
// application would; any other error from Produce ends it.
func producePaced(p *kafka.Producer, topic string, from, to, rate int, rc *reportCollector, produced *atomic.Int64) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	perTick := max(rate/100, 1)
	for i := from; i < to; {
		<-tick.C
		for end := min(i+perTick, to); i < end; {
			rc.sentAt[i].Store(time.Now().UnixNano())
			err := p.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
				Key:            seqKey(i, producerKeys),
				Value:          seqValue(i),
				Opaque:         i,
			}, rc.dc)
			var ke kafka.Error
			if errors.As(err, &ke) && ke.Code() == kafka.ErrQueueFull {
				time.Sleep(10 * time.Millisecond) // an outage backs up the queue
				continue
			}
			if err != nil {
				return fmt.Errorf("Produce %d: %w", i, err)
			}
			i++
			produced.Store(int64(i))
		}
	}
	return nil
}

// reportCollector reads the delivery reports of n messages whose Opaque is
// their sequence number, in a goroutine of its own, into a producerRun.
type reportCollector struct {
	dc       chan kafka.Event
	done     chan struct{}
	reported atomic.Int64
	failed   atomic.Int64
	res      producerRun    // written by the goroutine until done is closed
	counts   []int          // delivery reports per message
	sentAt   []atomic.Int64 // when Produce was called for each message, in Unix nanoseconds
}

func collectReports(n int) *reportCollector {
	rc := &reportCollector{
		dc:     make(chan kafka.Event, 10_000),
		done:   make(chan struct{}),
		res:    producerRun{acked: make([]bool, n), codes: map[kafka.ErrorCode]int{}},
		counts: make([]int, n),
		sentAt: make([]atomic.Int64, n),
	}
	go func() {
		defer close(rc.done)
		for range n {
			m := (<-rc.dc).(*kafka.Message)
			i := m.Opaque.(int)
			rc.counts[i]++
			rc.reported.Add(1)
			age := time.Duration(time.Now().UnixNano() - rc.sentAt[i].Load())
			if err := m.TopicPartition.Error; err != nil {
				rc.failed.Add(1)
				if rc.res.failed == 0 || age < rc.res.minFailAge {
					rc.res.minFailAge = age
				}
				rc.res.failed++
				var ke kafka.Error
				if errors.As(err, &ke) {
					rc.res.codes[ke.Code()]++
				} else {
					rc.res.codes[kafka.ErrUnknown]++
				}
				continue
			}
			rc.res.acked[i] = true
			rc.res.maxAckAge = max(rc.res.maxAckAge, age)
		}
	}()
	return rc
}

// finish flushes p (for at most flushMs) and waits for the last reports,
// then counts the messages reported never or more than once.
func (rc *reportCollector) finish(t *testing.T, p *kafka.Producer, flushMs int) producerRun {
	t.Helper()
	n := len(rc.counts)
	left := p.Flush(flushMs)
	select {
	case <-rc.done:
	case <-time.After(time.Minute): // a guard: Flush returned, so the reports are due
		t.Fatalf("Flush left %d; %d of %d delivery reports after another minute", left, rc.reported.Load(), n)
	}
	logf("flushed (%d left), %d of %d reported", left, rc.reported.Load(), n)
	res := rc.res
	for i, k := range rc.counts {
		switch {
		case k == 0:
			res.missing++
		case k > 1:
			res.reportDups++
			t.Logf("message %d reported %d times", i, k)
		}
	}
	return res
}

// logEvents logs what arrives on a client's Events channel until Close
// closes it: errors the client raises while brokers die are worth seeing
// in the output, though not failures.
func logEvents(events chan kafka.Event) {
	n := 0
	for ev := range events {
		if n++; n <= 20 {
			logf("event: %v", ev)
		}
	}
}
