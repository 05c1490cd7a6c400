package faults

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/kafka"
)

// The message-timeout test's shape: timeoutMessages messages at timeoutRate
// per second (a stream of 40 s), with message.timeout.ms timeoutMs, while
// the broker leading every partition is down for at least timeoutOutage.
// The outage is more than twice the timeout, and the controller takes
// broker.session.timeout.ms (9 s) to move leadership away from a dead
// broker, so messages produced early in the outage must time out.
const (
	timeoutMessages = 80_000
	timeoutRate     = 2_000
	timeoutMs       = 2_500
	timeoutOutage   = 6 * time.Second
	// timeoutRecovery is how long after the cluster is back in sync the
	// client may still fail messages: it has to learn the new leaders and
	// drain batches begun during the outage. Measured: 0.5-3.5 s.
	timeoutRecovery = 6 * time.Second
)

// TestProducerMessageTimeoutDuringOutage produces with a short
// message.timeout.ms while the partitions' leader is kill -9'ed, kept down
// and restarted. Without idempotence some deliveries must then fail, and
// each failed delivery report must carry ErrMsgTimedOut, the only final
// error librdkafka reports for an outage (see finalDeliveryCodes). A
// verifying reader then checks that no acknowledged message was lost; a
// failed message may still have been written (it was possibly in flight
// when it timed out), so reading it is not an anomaly. Every message
// produced from timeoutRecovery after the cluster is back in sync on must be
// acknowledged: the client recovers rather than failing on.
//
// With enable.idempotence the messages that were written must also be
// stored once and in per-key order: a timed-out message leaves a gap, never
// a duplicate or a reordering. Failures are not required there, since
// purekafka's idempotent producer does not expire messages queued behind a
// batch whose fate is unknown (the one in flight when the broker died): it
// holds them until the batch is resolved and then delivers them, where
// librdkafka fails them with ErrMsgTimedOut. The printed "acked after at
// most" shows by how much message.timeout.ms is exceeded.
func TestProducerMessageTimeoutDuringOutage(t *testing.T) {
	skipUnlessFaults(t)
	for i, tc := range []struct {
		name           string
		idempotent     bool
		expectTimeouts bool
	}{
		{"idempotent", true, false},
		{"not-idempotent", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cl := threeNodes(t)
			leader := int32((i+2)%nodes + 1) // the other producer test kills brokers 1 and 2 first
			topic := cl.topicLedBy(t, producerPartitions, leader)
			res, afterSync := runProducerThroughOutage(t, cl, topic, leader, tc.idempotent)
			s := check(t, readAll(t, cl, topic, false), timeoutMessages, func(i int) bool { return res.acked[i] })
			recovered := min(afterSync+timeoutRate*int(timeoutRecovery/time.Second), timeoutMessages)
			failedAfterSync, failedAfterRecovery := 0, 0
			for i, ok := range res.acked[afterSync:] {
				if !ok {
					failedAfterSync++
					if afterSync+i >= recovered {
						failedAfterRecovery++
					}
				}
			}
			fmt.Printf("%s producer, message.timeout.ms %d, leaders' broker %d down %v+restart: %s; failed deliveries %d %v, "+
				"of them produced after the cluster was back in sync %d of %d, %v later %d of %d; "+
				"from Produce to report: acked after at most %v, failed after at least %v\n",
				tc.name, timeoutMs, leader, timeoutOutage, s, res.failed, res.codes,
				failedAfterSync, timeoutMessages-afterSync, timeoutRecovery, failedAfterRecovery, timeoutMessages-recovered,
				res.maxAckAge.Round(time.Millisecond), res.minFailAge.Round(time.Millisecond))

			assert.Zero(t, res.reportDups, "messages with more than one delivery report")
			assert.Zero(t, res.missing, "messages without a delivery report")
			assert.Zero(t, s.lost, "acknowledged messages lost")
			assert.Equal(t, res.failed, res.codes[kafka.ErrMsgTimedOut], "failed deliveries not reported as ErrMsgTimedOut: %v", res.codes)
			require.Less(t, recovered, timeoutMessages, "the stream ended before the client had time to recover")
			assert.Zero(t, failedAfterRecovery, "deliveries failed %v after the cluster was back in sync", timeoutRecovery)
			if tc.expectTimeouts {
				assert.Positive(t, res.failed, "no delivery failed although the outage outlasted message.timeout.ms: the check of the codes proves nothing")
			}
			if tc.idempotent {
				assert.Zero(t, s.duplicated, "duplicates")
				assert.Zero(t, s.reordered, "reordered")
			}
		})
	}
}

// runProducerThroughOutage streams the messages from a goroutine at
// timeoutRate and, 4 s into the stream, crashes the leaders' broker
// for timeoutOutage before restarting it; the stream goes on throughout. It
// also returns the number of messages produced by the time the cluster was
// back in sync: the later ones were produced into a healthy cluster.
func runProducerThroughOutage(t *testing.T, cl *cluster, topic string, leader int32, idempotent bool) (producerRun, int) {
	p, err := kafka.NewProducer(&kafka.ConfigMap{
		"bootstrap.servers":  cl.bootstrapList(),
		"enable.idempotence": idempotent,
		"acks":               "all",
		"linger.ms":          5,
		"message.timeout.ms": timeoutMs,
	})
	require.NoError(t, err)
	defer p.Close()
	go logEvents(p.Events())

	const n = timeoutMessages
	rc := collectReports(n)
	var produced atomic.Int64
	prodErr := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Go(func() { prodErr <- producePaced(p, topic, 0, n, timeoutRate, rc, &produced) })

	for produced.Load() < n/10 && len(prodErr) == 0 {
		time.Sleep(50 * time.Millisecond)
	}
	logf("%d produced, %d reported", produced.Load(), rc.reported.Load())
	stopProgress := make(chan struct{})
	go func() {
		for {
			select {
			case <-stopProgress:
				return
			case <-time.After(5 * time.Second):
				logf("%d produced, %d reported, %d failed", produced.Load(), rc.reported.Load(), rc.failed.Load())
			}
		}
	}()
	defer close(stopProgress)
	cl.crash(t, int(leader), timeoutOutage)
	afterSync := int(produced.Load())
	logf("%d produced, %d reported", afterSync, rc.reported.Load())
	wg.Wait()
	require.NoError(t, <-prodErr)
	return rc.finish(t, p, 60_000), afterSync
}
