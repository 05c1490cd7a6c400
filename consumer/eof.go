package consumer

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// librdkafka reports PartitionEOF when a fetch answers that the fetch
// position is the end of the partition, and that includes the first fetch
// of a partition assigned (or seeked) at its end. franz-go never hands out
// a fetch answer without records, so for those partitions the consumer asks
// for the end offset itself and reports the end when fetching starts there.
// Partitions that start before their end get their PartitionEOF from the
// fetched records (nextMessageLocked).

// Start offsets a probe cannot know without asking the broker.
const (
	startAtLogStart int64 = -2
	startAtEnd      int64 = -1
)

// eofProbe is a partition whose fetching (re)starts at start: an absolute
// offset, startAtLogStart or startAtEnd.
type eofProbe struct {
	ps        *partState
	changedAt uint64 // ps.changedAt when fetching restarted
	pos       int64  // ps.position then: a message since moves it
	start     int64
}

// probeStart is the start offset of a probe for a partition that fetches
// from o, or false when o is not a start the probe can check (a tail or
// timestamp offset, or auto.offset.reset=error without a committed offset).
func probeStart(o client.Offset) (int64, bool) {
	switch {
	case o >= 0:
		return int64(o), true
	case o == client.OffsetBeginning:
		return startAtLogStart, true
	case o == client.OffsetEnd:
		return startAtEnd, true
	}
	return 0, false
}

// resetStart is where auto.offset.reset starts a partition without a
// committed offset.
func (c *Consumer) resetStart() (int64, bool) {
	switch c.cfg.AutoOffsetReset {
	case "earliest":
		return startAtLogStart, true
	case "latest":
		return startAtEnd, true
	}
	return 0, false
}

// kgoStart is the start offset of franz-go's group offset o for a
// partition: the committed offset, or auto.offset.reset's.
func (c *Consumer) kgoStart(o kgo.Offset) (int64, bool) {
	if o == c.reset {
		return c.resetStart()
	}
	if at := o.EpochOffset().Offset; at >= 0 {
		return at, true
	}
	return 0, false
}

// newProbeLocked describes ps fetching from start from now on.
func newProbeLocked(ps *partState, start int64) eofProbe {
	return eofProbe{ps: ps, changedAt: ps.changedAt, pos: ps.position, start: start}
}

// startEOFProbesLocked checks probes in the background; it does nothing
// unless enable.partition.eof is on. The check is not one of the
// goroutines Close waits for: Close cancels its requests, and an answer
// after Close only queues an event nobody polls.
func (c *Consumer) startEOFProbesLocked(probes []eofProbe) {
	if !c.eofEnabled || len(probes) == 0 || c.closing.Load() {
		return
	}
	go c.runEOFProbes(probes)
}

// eofProbeBackoff spaces the lookups of partitions whose end could not be
// read yet (a new topic without a leader, a coordinator moving).
const eofProbeBackoff = 250 * time.Millisecond

// runEOFProbes checks probes until each is answered, stale, or failed for
// good, within the commit timeout and until Close.
func (c *Consumer) runEOFProbes(probes []eofProbe) {
	ctx, cancel := context.WithTimeout(context.Background(), c.commitTimeout())
	defer cancel()
	go func() {
		select {
		case <-c.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	adm := kadm.NewClient(c.h.Client)
	for {
		if probes = c.checkEOFProbes(ctx, adm, probes); len(probes) == 0 {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(eofProbeBackoff):
		}
	}
}

// checkEOFProbes lists the partitions' ends (the last stable offsets with
// read_committed, as a read_committed fetch ends there) and queues a
// PartitionEOF for each partition that starts at its end and has not moved
// since. It returns the probes to try again: those whose lookup failed
// with a retriable error.
func (c *Consumer) checkEOFProbes(ctx context.Context, adm *kadm.Client, probes []eofProbe) (retry []eofProbe) {
	var topics []string
	needStarts := false
	seen := make(map[string]bool)
	for _, p := range probes {
		if !seen[*p.ps.topic] {
			seen[*p.ps.topic] = true
			topics = append(topics, *p.ps.topic)
		}
		// An absolute start needs the log start too: below it, or past
		// the end, the offset is out of range and auto.offset.reset moves it.
		needStarts = needStarts || p.start == startAtLogStart || p.start >= 0
	}
	list := adm.ListEndOffsets
	if c.readCommitted {
		list = adm.ListCommittedOffsets
	}
	ends, err := list(ctx, topics...)
	var starts kadm.ListedOffsets
	if err == nil && needStarts {
		starts, err = adm.ListStartOffsets(ctx, topics...)
	}
	// lookup is a partition's listed offset, or whether to ask again.
	lookup := func(lo kadm.ListedOffsets, ps *partState) (int64, bool, bool) {
		if err != nil {
			return 0, false, ctx.Err() == nil
		}
		o, ok := lo.Lookup(*ps.topic, ps.partition)
		if !ok || o.Err != nil {
			return 0, false, !ok || kerr.IsRetriable(o.Err)
		}
		return o.Offset, true, false
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	var resets []eofProbe // out of range, reset to the end: start is the end
	for _, p := range probes {
		ps := p.ps
		if p.stale() {
			continue // a message, seek or reassignment came first
		}
		end, ok, again := lookup(ends, ps)
		start, outOfRange := p.start, false
		switch {
		case !ok:
		case start == startAtEnd:
			start = end
		case start == startAtLogStart:
			start, ok, again = lookup(starts, ps)
		default:
			logStart, found, retry := lookup(starts, ps)
			if found && (start < logStart || start > end) {
				start, ok, outOfRange = c.resetTarget(end, logStart)
			} else {
				ok, again = found, retry
			}
		}
		if !ok {
			if again {
				retry = append(retry, p)
			}
			continue
		}
		if start != end || ps.eofAt == end {
			continue
		}
		if outOfRange {
			p.start = end
			resets = append(resets, p)
			continue
		}
		ps.eofAt = end
		c.pushLocked(c.eofEvent(ps, end))
	}
	c.resetToEndLocked(resets)
	return retry
}

// stale is whether the partition has moved on since the probe began: a
// message was consumed, or it was seeked or reassigned.
func (p eofProbe) stale() bool {
	ps := p.ps
	return ps.removed || ps.changedAt != p.changedAt || ps.position != p.pos
}

// resetTarget is where auto.offset.reset moves an out-of-range fetch
// offset, given the partition's end and log start; ok is false for
// auto.offset.reset=error, which moves nothing (an Error is reported).
func (c *Consumer) resetTarget(end, logStart int64) (target int64, ok, moved bool) {
	switch reset, known := c.resetStart(); {
	case !known:
		return 0, false, false
	case reset == startAtEnd:
		return end, true, true
	default:
		return logStart, true, true
	}
}

// resetToEndLocked raises PartitionEOF for partitions whose out-of-range
// fetch offset auto.offset.reset moves to the end. franz-go makes that reset
// itself, whenever its next fetch finds the offset out of range, and may make
// it only after a message has been written at the end: it would then skip
// that message, which the application, told it is at the end, must get. So
// the consumer moves the fetch offset to the end it reports first.
func (c *Consumer) resetToEndLocked(resets []eofProbe) {
	if len(resets) == 0 {
		return
	}
	c.quiesceLocked()
	defer c.unquiesceLocked()
	set := make(map[string]map[int32]kgo.EpochOffset)
	var events []eofProbe
	for _, p := range resets {
		if p.stale() { // while quiescing
			continue
		}
		c.refetchLocked(p.ps, kgo.EpochOffset{Epoch: -1, Offset: p.start}, set)
		events = append(events, p)
	}
	if cl := c.fetchClientLocked(); cl != nil && len(set) > 0 {
		c.setOffsetsLocked(cl, set)
	}
	for _, p := range events {
		p.ps.eofAt = p.start
		c.pushLocked(c.eofEvent(p.ps, p.start))
	}
}
