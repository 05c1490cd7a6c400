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

// retriableOrFinal are the codes a delivery report may fail with when a
// broker dies: confluent's final ErrMsgTimedOut, and the broker and
// transport errors librdkafka reports when a message runs out of retries.
// Anything else (ErrOutOfOrderSequenceNumber, ErrUnknown, ...) means the
// client lost track of a message.
var retriableOrFinal = map[kafka.ErrorCode]bool{
	kafka.ErrMsgTimedOut:                  true,
	kafka.ErrTimedOut:                     true,
	kafka.ErrTransport:                    true,
	kafka.ErrAllBrokersDown:               true,
	kafka.ErrRequestTimedOut:              true,
	kafka.ErrNetworkException:             true,
	kafka.ErrNotLeaderForPartition:        true,
	kafka.ErrLeaderNotAvailable:           true,
	kafka.ErrNotEnoughReplicas:            true,
	kafka.ErrNotEnoughReplicasAfterAppend: true,
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
				assert.True(t, retriableOrFinal[code], "delivery failed with %v, not a retriable or final code", code)
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
	dc := make(chan kafka.Event, 10_000)
	res := producerRun{acked: make([]bool, n), codes: map[kafka.ErrorCode]int{}}
	reports := make([]int, n)
	reportsDone := make(chan struct{})
	var reported atomic.Int64
	go func() {
		defer close(reportsDone)
		for range n {
			m := (<-dc).(*kafka.Message)
			i := m.Opaque.(int)
			reports[i]++
			reported.Add(1)
			if err := m.TopicPartition.Error; err != nil {
				res.failed++
				var ke kafka.Error
				if errors.As(err, &ke) {
					res.codes[ke.Code()]++
				} else {
					res.codes[kafka.ErrUnknown]++
				}
				continue
			}
			res.acked[i] = true
		}
	}()

	var produced atomic.Int64
	secondKill := make(chan struct{})
	prodErr := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		perTick := producerRate / 100
		for i := 0; i < n; {
			if i == n*7/10 {
				<-secondKill
			}
			<-tick.C
			limit := n
			if i < n*7/10 {
				limit = n * 7 / 10
			}
			for end := min(i+perTick, limit); i < end; {
				err := p.Produce(&kafka.Message{
					TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
					Key:            seqKey(i, producerKeys),
					Value:          seqValue(i),
					Opaque:         i,
				}, dc)
				var ke kafka.Error
				if errors.As(err, &ke) && ke.Code() == kafka.ErrQueueFull {
					time.Sleep(10 * time.Millisecond) // the outage backs up the queue: wait, as an application would
					continue
				}
				if err != nil {
					prodErr <- fmt.Errorf("Produce %d: %w", i, err)
					return
				}
				i++
				produced.Store(int64(i))
			}
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
	logf("%d produced, %d reported", produced.Load(), reported.Load())
	cl.crash(t, int(leader), 3*time.Second)
	cl.electPreferred(t, topic, producerPartitions, leader)
	logf("leadership back on broker %d; %d produced, %d reported", leader, produced.Load(), reported.Load())
	logf("kill -9 broker %d", leader)
	cl.broker(t, "kill", int(leader))
	stop()
	time.Sleep(3 * time.Second)
	logf("restart broker %d; %d produced, %d reported", leader, produced.Load(), reported.Load())
	cl.broker(t, "start", int(leader))
	cl.waitInSync(t)
	logf("broker %d back in sync", leader)

	wg.Wait()
	select {
	case err := <-prodErr:
		require.NoError(t, err)
	default:
	}
	left := p.Flush(5 * 60_000)
	select {
	case <-reportsDone:
	case <-time.After(time.Minute): // a guard: Flush returned, so the reports are due
		t.Fatalf("Flush left %d; %d of %d delivery reports after another minute", left, reported.Load(), n)
	}
	logf("flushed (%d left), %d of %d reported", left, reported.Load(), n)
	for i, k := range reports {
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
