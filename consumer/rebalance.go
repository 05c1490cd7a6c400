package consumer

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// rebalance is a group rebalance franz-go reported on its own goroutine,
// queued for Poll so that the application handles it on the polling
// goroutine, as with librdkafka. franz-go's group loop waits on done, so the
// application's Assign (and offsets) or commits happen before the group
// moves on.
type rebalance struct {
	gc     *kgo.Client
	assign bool
	lost   bool
	parts  []client.TopicPartition
	done   chan struct{}
	closed bool // done was closed; guarded by Consumer.mu

	// offsets are the start offsets the application gave Assign while
	// franz-go waits in adjustOffsets; a logical one (OffsetInvalid,
	// OffsetStored) is the committed offset, which is being fetched.
	offsets map[tpKey]client.Offset
}

// String satisfies client.Event; rebalance never leaves the package.
func (r *rebalance) String() string { return "rebalance" }

// event is the public event the application sees for r.
func (r *rebalance) event() client.Event {
	parts := make([]client.TopicPartition, len(r.parts))
	copy(parts, r.parts)
	if r.assign {
		return client.AssignedPartitions{Partitions: parts}
	}
	return client.RevokedPartitions{Partitions: parts}
}

// groupOpts are the franz-go options of a group client subscribed to
// topics, with the rebalance callbacks bridged into Poll.
func (c *Consumer) groupOpts(topics []string) []kgo.Opt {
	opts := []kgo.Opt{
		kgo.ConsumerGroup(c.cfg.GroupID),
		kgo.DisableAutoCommit(), // the consumer commits its own stored offsets
		kgo.OnPartitionsAssigned(func(_ context.Context, cl *kgo.Client, m map[string][]int32) { c.onAssigned(cl, m) }),
		kgo.OnPartitionsRevoked(func(_ context.Context, cl *kgo.Client, m map[string][]int32) { c.onRevoked(cl, m, false) }),
		kgo.OnPartitionsLost(func(_ context.Context, cl *kgo.Client, m map[string][]int32) { c.onRevoked(cl, m, true) }),
		kgo.AdjustFetchOffsetsFn(c.adjustOffsets),
	}
	opts = append(opts, c.sharedOpts()...)
	regex := false
	for _, t := range topics {
		if strings.HasPrefix(t, "^") {
			regex = true
		}
	}
	if regex {
		// franz-go treats every topic as a pattern in regex mode, so
		// literal names are anchored to match only themselves.
		pats := make([]string, len(topics))
		for i, t := range topics {
			if strings.HasPrefix(t, "^") {
				pats[i] = t
			} else {
				pats[i] = "^" + regexp.QuoteMeta(t) + "$"
			}
		}
		opts = append(opts, kgo.ConsumeTopics(pats...), kgo.ConsumeRegex())
	} else {
		opts = append(opts, kgo.ConsumeTopics(topics...))
	}
	if c.cfg.GroupInstanceID != "" {
		opts = append(opts, kgo.InstanceID(c.cfg.GroupInstanceID))
	}
	if c.cfg.GroupProtocol == "consumer" {
		// KIP-848: the broker assigns; franz-go names the server
		// assignor after the balancer it is given.
		bal := kgo.StickyBalancer()
		if c.cfg.GroupRemoteAssignor == "range" {
			bal = kgo.RangeBalancer()
		}
		opts = append(opts, kgo.ServerSideBalancer(), kgo.Balancers(bal))
	} else if len(c.cfg.Balancers) > 0 {
		opts = append(opts, kgo.Balancers(c.cfg.Balancers...))
	}
	return opts
}

// toTPsLocked converts a franz-go partition map into a sorted list with
// unset offsets, as librdkafka's rebalance events carry.
func (c *Consumer) toTPsLocked(m map[string][]int32) []client.TopicPartition {
	var out []client.TopicPartition
	for t, ps := range m {
		tp := c.topicPtr(t)
		for _, p := range ps {
			out = append(out, client.TopicPartition{Topic: tp, Partition: p, Offset: client.OffsetInvalid})
		}
	}
	sortTPs(out)
	if out == nil {
		out = []client.TopicPartition{}
	}
	return out
}

// onAssigned runs on franz-go's group goroutine after a rebalance gave this
// member partitions (for cooperative protocols, only the added ones). It
// queues the event and returns; franz-go then fetches the committed offsets
// and calls adjustOffsets, which waits for the application's decision.
func (c *Consumer) onAssigned(cl *kgo.Client, assigned map[string][]int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing.Load() && c.gc != cl {
		return
	}
	r := &rebalance{gc: cl, assign: true, parts: c.toTPsLocked(assigned), done: make(chan struct{})}
	c.joined = true
	c.hasAssignment = true
	c.pending = r
	c.pushLocked(r)
}

// adjustOffsets runs on franz-go's group goroutine once committed offsets
// are known, before fetching starts. It waits until the application has
// handled the assignment and applies the start offsets it chose.
func (c *Consumer) adjustOffsets(ctx context.Context, offsets map[string]map[int32]kgo.Offset) (map[string]map[int32]kgo.Offset, error) {
	c.mu.Lock()
	r := c.pending
	c.mu.Unlock()
	if r == nil {
		return offsets, nil
	}
	select {
	case <-r.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-c.abandon:
		return offsets, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	chosenOffsets := r.offsets
	if c.pending == r {
		c.pending = nil
	}
	var probes []eofProbe
	for topic, parts := range offsets {
		for partition, ko := range parts {
			key := tpKey{topic, partition}
			start, known := c.kgoStart(ko)
			off, chosen := chosenOffsets[key]
			eko, absolute := client.KgoOffset(off)
			switch {
			case chosen && absolute:
				parts[partition] = eko
				start, known = probeStart(off)
			case ko == c.reset && c.cfg.AutoOffsetReset == "error":
				// Nothing committed and no reset allowed: like
				// librdkafka, raise the error and keep the
				// partition assigned without fetching it.
				delete(parts, partition)
				c.pushLocked(client.NewError(client.ErrAutoOffsetReset, "no previously committed offset available: Local: No offset stored", false))
				continue
			}
			if ps := c.assigned[key]; ps != nil && known {
				probes = append(probes, newProbeLocked(ps, start))
			}
		}
	}
	c.startEOFProbesLocked(probes)
	return offsets, nil
}

// onRevoked runs on franz-go's group goroutine when partitions are revoked
// (lost is false) or lost. It queues a RevokedPartitions for Poll and waits
// until the application has handled it, so that commits in the
// application's callback still belong to the current generation. The wait
// ends early when Close gives up, when the member was already expelled for
// exceeding max.poll.interval.ms, or after max.poll.interval.ms, when the
// broker would have expelled it anyway.
func (c *Consumer) onRevoked(cl *kgo.Client, revoked map[string][]int32, lost bool) {
	c.mu.Lock()
	parts := c.toTPsLocked(revoked)
	if len(parts) == 0 && (c.cooperative || !c.hasAssignment) {
		c.mu.Unlock()
		return
	}
	if !c.cooperative {
		c.hasAssignment = false
	}
	expelled := c.expelled[cl]
	r := &rebalance{gc: cl, parts: parts, lost: lost || expelled, done: make(chan struct{})}
	c.pushLocked(r)
	c.mu.Unlock()
	if expelled {
		return
	}
	limit := c.cfg.MaxPollInterval
	if limit <= 0 {
		limit = 5 * time.Minute
	}
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case <-r.done:
	case <-c.abandon:
	case <-t.C:
	}
}

// serveRebalance handles a queued rebalance on the polling goroutine: the
// RebalanceCb runs, and if it did not (incrementally) assign or unassign,
// the consumer does so itself. Like confluent-kafka-go, Poll then returns
// nil; only the Events channel with go.application.rebalance.enable and no
// callback hands the event to the application, which must then assign.
func (c *Consumer) serveRebalance(r *rebalance) client.Event {
	ev := r.event()
	c.mu.Lock()
	cb := c.rebalanceCb
	c.cur = r
	c.appReassigned = false
	c.lost = r.lost
	c.mu.Unlock()
	if c.events != nil && c.cfg.GoApplicationRebalanceEnable && cb == nil {
		return ev
	}
	if cb != nil {
		_ = cb(c, ev)
	}
	c.mu.Lock()
	reassigned := c.appReassigned
	c.mu.Unlock()
	if !reassigned {
		if err := c.autoApply(r); err.Code() != client.ErrNoError {
			c.push(err)
		}
	}
	c.finishRebalance(r)
	return nil
}

// autoApply does what librdkafka does for an application that leaves a
// rebalance to the client.
func (c *Consumer) autoApply(r *rebalance) client.Error {
	var err error
	switch {
	case r.assign && c.cooperative:
		err = c.incrementalAssign(r.parts)
	case r.assign:
		err = c.assign(r.parts)
	case c.cooperative:
		err = c.incrementalUnassign(r.parts)
	default:
		err = c.unassign()
	}
	if e, ok := err.(client.Error); ok {
		return e
	}
	return client.Error{}
}

// finishRebalance releases franz-go's group goroutine waiting on r.
func (c *Consumer) finishRebalance(r *rebalance) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur == r {
		c.cur = nil
		c.lost = false
	}
	if !r.closed {
		r.closed = true
		close(r.done)
	}
}

// finishCurrentAsync completes the rebalance the application is handling
// through the Events channel, when its Assign or Unassign call is the
// acknowledgement.
func (c *Consumer) finishCurrentAsync() {
	c.mu.Lock()
	r := c.cur
	appDriven := r != nil && c.events != nil && c.cfg.GoApplicationRebalanceEnable && c.rebalanceCb == nil
	c.mu.Unlock()
	if appDriven {
		c.finishRebalance(r)
	}
}

// GetRebalanceProtocol returns "EAGER" or "COOPERATIVE" once the consumer
// has joined its group, and "NONE" before, as librdkafka does.
func (c *Consumer) GetRebalanceProtocol() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rebalanceProtocolLocked()
}

// awaitingCommittedLocked reports whether the pending rebalance's
// assignment gave key no offset, so that it waits for its committed offset:
// librdkafka is not fetching such a partition yet and refuses seeks.
func (c *Consumer) awaitingCommittedLocked(key tpKey) bool {
	if c.pending == nil {
		return false
	}
	off, chosen := c.pending.offsets[key]
	_, explicit := client.KgoOffset(off)
	return chosen && !explicit
}

// rebalanceProtocolLocked is GetRebalanceProtocol with c.mu held.
func (c *Consumer) rebalanceProtocolLocked() string {
	if c.cfg.GroupProtocol == "consumer" {
		// KIP-848 is always incremental, once the consumer has
		// subscribed (librdkafka's rd_kafka_cgrp_rebalance_protocol).
		if !c.subscribedOnce {
			return "NONE"
		}
		return "COOPERATIVE"
	}
	if !c.joined {
		return "NONE"
	}
	return c.cfg.RebalanceProtocol
}

// AssignmentLost reports whether the partitions being revoked were lost
// (the member was expelled from the group), which is only meaningful while
// handling a RevokedPartitions event: commits for lost partitions fail.
func (c *Consumer) AssignmentLost() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lost
}
