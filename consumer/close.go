package consumer

import (
	"fmt"
	"time"

	"github.com/purekafka/purekafka/client"
)

// Close leaves the group (after the final revoke, delivered to the
// RebalanceCb as in confluent-kafka-go, and a commit of stored offsets when
// auto commit is on) and closes the consumer. It returns within
// session.timeout.ms even if the application's callback blocks: what is
// still unfinished then is abandoned. A second Close fails with ErrState.
func (c *Consumer) Close() (err error) {
	if c.IsClosed() {
		return client.NewClosedClientError()
	}
	if !c.closing.CompareAndSwap(false, true) {
		return client.NewError(client.ErrState, "Consumer is already closing", false)
	}
	close(c.stop)
	c.mu.Lock()
	if c.fetchCancel != nil {
		c.fetchCancel()
	}
	c.notifyLocked()
	c.mu.Unlock()

	limit := c.cfg.SessionTimeout
	if limit <= 0 {
		limit = 45 * time.Second
	}
	// One deadline bounds both waits; each gets its own timer for what
	// is left, because a timer's channel fires once and the first wait
	// may already have consumed it.
	deadline := time.Now().Add(limit)

	done := make(chan struct{})
	go c.shutdown(done)
	if !waitUntil(done, deadline) {
		close(c.abandon)
	}

	bgDone := make(chan struct{})
	go func() {
		c.bg.Wait()
		close(bgDone)
	}()
	// pumped is false only if the callback still blocks a background
	// goroutine; the Events channel then stays open, because closing it
	// under a sender would panic.
	pumped := waitUntil(bgDone, deadline)
	select {
	case <-c.abandon:
	default:
		close(c.abandon)
	}
	c.h.Close()
	if pumped && c.events != nil {
		close(c.events)
	}
	return nil
}

// waitUntil waits for ch to close until deadline and reports whether it
// did. A channel already closed counts even when the deadline has passed,
// which a select over both would decide by chance.
func waitUntil(ch <-chan struct{}, deadline time.Time) bool {
	select {
	case <-ch:
		return true
	default:
	}
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}

// shutdown leaves the group, serving the rebalances that leaving (and any
// subscription being replaced) produces, or commits stored offsets of a
// manual assignment.
func (c *Consumer) shutdown(done chan struct{}) {
	defer close(done)
	c.mu.Lock()
	gc := c.gc
	c.gc = nil
	c.subGen++
	if gc != nil {
		c.retireLocked(gc)
	}
	manual := c.mode == modeManual
	c.mu.Unlock()
	if manual && c.autoCommit {
		if offsets := c.dirtyOffsets(nil); len(offsets) > 0 {
			_, _ = c.commitList(offsets)
		}
	}
	for {
		c.mu.Lock()
		ev := c.popLocked()
		idle := len(c.retiring) == 0
		wait := c.changed
		c.mu.Unlock()
		if ev != nil {
			if r, ok := ev.(*rebalance); ok {
				// With no RebalanceCb and the Events channel in
				// application mode nobody would answer: apply it.
				if c.serveRebalance(r) != nil {
					_ = c.autoApply(r)
					c.finishRebalance(r)
				}
			}
			continue
		}
		if idle {
			return
		}
		<-wait
	}
}

// maxPollLoop enforces max.poll.interval.ms as librdkafka does: a
// subscribed application that does not call Poll in time leaves the group,
// its partitions are revoked as lost, and the next Poll returns
// ErrMaxPollExceeded and rejoins.
func (c *Consumer) maxPollLoop() {
	defer c.bg.Done()
	interval := c.cfg.MaxPollInterval
	t := time.NewTicker(min(max(interval/10, 10*time.Millisecond), time.Second))
	defer t.Stop()
	var lastSeq uint64
	last := time.Now()
	for {
		select {
		case <-c.stop:
			return
		case now := <-t.C:
			c.mu.Lock()
			if c.pollSeq != lastSeq || c.blockingPolls > 0 || c.mode != modeSubscribe || c.gc == nil || c.rejoinPending {
				lastSeq = c.pollSeq
				last = now
				c.mu.Unlock()
				continue
			}
			if over := now.Sub(last); over >= interval {
				gc := c.gc
				c.gc = nil
				c.expelled[gc] = true
				c.rejoinPending = true
				c.pushLocked(client.NewError(client.ErrMaxPollExceeded, fmt.Sprintf(
					"Application maximum poll interval (%dms) exceeded by %dms",
					interval.Milliseconds(), (over-interval).Milliseconds()), false))
				c.retireLocked(gc)
			}
			c.mu.Unlock()
		}
	}
}

// rejoinLocked rejoins the group after max.poll.interval.ms expelled the
// member, once the expelled membership is gone.
func (c *Consumer) rejoinLocked() {
	if len(c.retiring) > 0 || c.closing.Load() {
		return
	}
	c.rejoinPending = false
	if c.mode == modeSubscribe && c.gc == nil {
		if err := c.startGroupLocked(c.topics); err != nil {
			c.pushLocked(client.ErrorFromKgo(err))
		}
	}
}
