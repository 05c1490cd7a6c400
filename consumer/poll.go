package consumer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// Poll returns the next event, waiting at most timeoutMs milliseconds (a
// negative timeout waits indefinitely), or nil on timeout.
//
// Events are *Message, Error, PartitionEOF, OffsetsCommitted and (with
// SASL/OAUTHBEARER and application-supplied tokens)
// OAuthBearerTokenRefresh. Rebalances
// run the Subscribe RebalanceCb (or are applied automatically) inside Poll,
// which then returns nil, exactly as confluent-kafka-go does. After Close,
// Poll returns nil at once.
func (c *Consumer) Poll(timeoutMs int) (event client.Event) {
	if c.closing.Load() || c.h.IsClosed() {
		return nil
	}
	return c.poll(timeoutMs, nil)
}

// ReadMessage polls for a message, discarding other events. It returns
// (msg, nil) for a message, (nil, err) for an Error event and, when nothing
// arrives within timeout, (nil, err) with err.(Error).IsTimeout() true. A
// negative timeout waits indefinitely.
func (c *Consumer) ReadMessage(timeout time.Duration) (*client.Message, error) {
	if c.closing.Load() || c.h.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	var deadline time.Time
	timeoutMs := int(timeout / time.Millisecond)
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	} else if timeout < 0 {
		timeoutMs = -1
	}
	for {
		switch e := c.poll(timeoutMs, nil).(type) {
		case *client.Message:
			if e.TopicPartition.Error != nil {
				return e, e.TopicPartition.Error
			}
			return e, nil
		case client.Error:
			return nil, e
		case nil:
			if timeout >= 0 && !time.Now().Before(deadline) {
				return nil, client.NewError(client.ErrTimedOut, "", false)
			}
		}
		if c.closing.Load() {
			return nil, client.NewClosedClientError()
		}
		if timeout > 0 {
			timeoutMs = int(max(0, time.Until(deadline)) / time.Millisecond)
		}
	}
}

// poll is Poll without the closed check. stopped, when not nil, ends a
// wait early (the Events pump uses it to stop at Close).
func (c *Consumer) poll(timeoutMs int, stopped <-chan struct{}) client.Event {
	c.mu.Lock()
	c.pollSeq++
	if c.ctrlHead == len(c.ctrl) && !c.rejoinPending {
		// The common case: a message from the buffered fetch, with one
		// uncontended lock and no allocation beyond the Message.
		if m := c.nextMessageLocked(); m != nil {
			c.mu.Unlock()
			return m
		}
	}
	c.mu.Unlock()
	return c.pollSlow(timeoutMs, stopped)
}

// pollSlow serves queued events, then fetches when the buffer is empty.
func (c *Consumer) pollSlow(timeoutMs int, stopped <-chan struct{}) client.Event {
	forever := timeoutMs < 0
	deadline := time.Now().Add(client.TimeoutDuration(max(timeoutMs, 0)))
	fetched := false
	// A Poll blocked waiting counts as polling for max.poll.interval.ms.
	c.mu.Lock()
	c.blockingPolls++
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.blockingPolls--
		c.mu.Unlock()
	}()
	for {
		c.mu.Lock()
		if c.rejoinPending {
			c.rejoinLocked()
		}
		if ev := c.popLocked(); ev != nil {
			c.mu.Unlock()
			if r, ok := ev.(*rebalance); ok {
				return c.serveRebalance(r)
			}
			return ev
		}
		if m := c.nextMessageLocked(); m != nil {
			c.mu.Unlock()
			return m
		}
		expired := !forever && !time.Now().Before(deadline)
		if (expired && fetched) || c.closing.Load() && stopped == nil {
			c.mu.Unlock()
			return nil
		}
		cl := c.fetchClientLocked()
		if cl == nil || c.fetching || c.gate > 0 {
			wait := c.changed
			c.mu.Unlock()
			if !c.waitChange(wait, deadline, forever, stopped) {
				return nil
			}
			continue
		}

		// Fetch. A zero timeout only drains what franz-go has buffered,
		// which a nil context does without waiting.
		c.fetching = true
		epoch0 := c.epoch
		var ctx context.Context
		var cancel context.CancelFunc
		switch {
		case expired:
		case forever:
			ctx, cancel = context.WithCancel(context.Background())
		default:
			ctx, cancel = context.WithDeadline(context.Background(), deadline)
		}
		c.fetchCancel = cancel
		c.mu.Unlock()

		var fetches kgo.Fetches
		if stopped != nil && ctx != nil {
			go func() {
				select {
				case <-stopped:
					cancel()
				case <-ctx.Done():
				}
			}()
		}
		fetches = cl.PollFetches(ctx)
		if cancel != nil {
			cancel()
		}
		fetched = true

		c.mu.Lock()
		c.fetching = false
		c.fetchCancel = nil
		c.ingestLocked(fetches, epoch0)
		c.notifyLocked()
		c.mu.Unlock()
		if stopped != nil {
			select {
			case <-stopped:
				return nil
			default:
			}
		}
	}
}

// waitChange waits for wait to close, the deadline, or stopped; it reports
// false when the caller should give up.
func (c *Consumer) waitChange(wait <-chan struct{}, deadline time.Time, forever bool, stopped <-chan struct{}) bool {
	if forever {
		select {
		case <-wait:
			return true
		case <-stopped:
			return false
		}
	}
	d := time.Until(deadline)
	if d <= 0 {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-wait:
		return true
	case <-t.C:
		return false
	case <-stopped:
		return false
	}
}

// fetchClientLocked is the franz-go client partitions are fetched from.
func (c *Consumer) fetchClientLocked() *kgo.Client {
	switch c.mode {
	case modeSubscribe:
		return c.gc
	case modeManual:
		return c.h.Client
	}
	return nil
}

// ingestLocked turns fetched partitions into chunks and errors into Error
// events. Partitions no longer assigned, or reassigned or seeked after the
// fetch began (epoch0), are stale and dropped.
func (c *Consumer) ingestLocked(fetches kgo.Fetches, epoch0 uint64) {
	for i := range fetches {
		for j := range fetches[i].Topics {
			ft := &fetches[i].Topics[j]
			for k := range ft.Partitions {
				fp := &ft.Partitions[k]
				if fp.Err != nil {
					c.fetchErrorLocked(ft.Topic, fp.Partition, fp.Err)
					if len(fp.Records) == 0 {
						continue
					}
				}
				ps := c.assigned[tpKey{ft.Topic, fp.Partition}]
				if ps == nil || ps.changedAt > epoch0 {
					continue
				}
				if fp.HighWatermark >= 0 {
					ps.high = fp.HighWatermark
				}
				if fp.LogStartOffset >= 0 {
					ps.low = fp.LogStartOffset
				}
				end := fp.HighWatermark
				if c.readCommitted && fp.LastStableOffset >= 0 {
					end = fp.LastStableOffset
				}
				if len(fp.Records) == 0 {
					// An empty answer without error means the fetch
					// position is the end of the partition.
					if c.eofEnabled && fp.Err == nil && ps.eofAt != end && (ps.position == unset || ps.position >= end) {
						ps.eofAt = end
						c.pushLocked(c.eofEvent(ps, end))
					}
					continue
				}
				c.chunks = append(c.chunks, chunk{ps: ps, recs: fp.Records, end: end, last: fp.Records[len(fp.Records)-1].Offset})
			}
		}
	}
}

// fetchErrorLocked reports a fetch error as librdkafka reports consumer
// errors: an Error event. Errors that only mean "the poll was interrupted"
// are not errors to the application.
func (c *Consumer) fetchErrorLocked(topic string, partition int32, err error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, kgo.ErrClientClosed) {
		return
	}
	var ev client.Error
	switch {
	case errors.Is(err, kerr.OffsetOutOfRange) && c.cfg.AutoOffsetReset == "error":
		ev = client.NewError(client.ErrAutoOffsetReset, fmt.Sprintf("%s [%d]: fetch failed due to requested offset not available on the broker: %v (auto.offset.reset=error)", topic, partition, err), false)
	default:
		e := client.ErrorFromKgo(err)
		if topic != "" {
			e = client.NewError(e.Code(), fmt.Sprintf("%s [%d]: %s", topic, partition, e.String()), false)
		}
		ev = e
	}
	c.pushLocked(ev)
}

// nextMessageLocked hands out the next buffered record of a partition that
// is not paused, updating position, stored offset and end-of-partition
// bookkeeping, or returns nil when none is buffered.
func (c *Consumer) nextMessageLocked() *client.Message {
	for i := c.head; i < len(c.chunks); i++ {
		ch := &c.chunks[i]
		if ch.i >= len(ch.recs) || ch.ps.removed {
			if i == c.head {
				c.chunks[i] = chunk{}
				c.head++
			}
			continue
		}
		if ch.ps.paused {
			continue
		}
		idx := ch.i
		rec := ch.recs[idx]
		ch.i++
		ps := ch.ps
		if rec.Attrs.IsControl() {
			// A transaction marker: never a message (librdkafka drops
			// them too), but it may be what reaches the end.
			c.chunkEndLocked(ch)
			i-- // the same chunk again: more records, or its cleanup
			continue
		}
		m := c.newMessageLocked()
		ps.position = rec.Offset + 1
		ps.posEpoch = rec.LeaderEpoch
		if c.autoStore {
			ps.stored = ps.position
			ps.storedEpoch = rec.LeaderEpoch
			ps.storedMeta = nil
		}
		ch.fill(m, idx)
		c.chunkEndLocked(ch)
		return m
	}
	c.chunks, c.head = c.chunks[:0], 0
	return nil
}

// chunkEndLocked reports PartitionEOF once the last record of ch, message
// or transaction marker, has been handed out and reached the partition's
// end as it was when fetched.
func (c *Consumer) chunkEndLocked(ch *chunk) {
	ps := ch.ps
	if c.eofEnabled && ch.i == len(ch.recs) && ch.last+1 >= ch.end && ps.eofAt != ch.end {
		ps.eofAt = ch.end
		c.pushLocked(c.eofEvent(ps, ch.end))
	}
}

// msgSlabSize is how many Messages are allocated together: one allocation
// per msgSlabSize messages instead of one each, as franz-go allocates a
// batch's records together. The slab is small so that it is zeroed just
// before Poll fills it, while it is still in cache (a slab per fetched
// partition, thousands of messages, was cold again by the time its
// messages were filled), and so that a Message the application keeps pins
// little else.
const msgSlabSize = 64

// newMessageLocked returns a zeroed Message from the current slab.
func (c *Consumer) newMessageLocked() *client.Message {
	if len(c.slab) == 0 {
		c.slab = make([]client.Message, msgSlabSize)
	}
	m := &c.slab[0]
	c.slab = c.slab[1:]
	return m
}

// allocHeaders makes one slab for the headers of the chunk's records from
// recs[from] on, when the first of them with headers is filled.
func (ch *chunk) allocHeaders(from int) {
	n := 0
	for _, r := range ch.recs[from:] {
		n += len(r.Headers)
	}
	ch.hdrs = make([]client.Header, n)
}

// eofEvent is the PartitionEOF for ps ending at end. Its Error is
// ErrPartitionEOF, as in confluent-kafka-go, whose event is the
// librdkafka message that reported the end.
func (c *Consumer) eofEvent(ps *partState, end int64) client.PartitionEOF {
	return client.PartitionEOF{Topic: ps.topic, Partition: ps.partition, Offset: client.Offset(end),
		Error: client.NewError(client.ErrPartitionEOF, "", false)}
}

// fill converts the chunk's record idx into m. Key, Value and header values
// alias franz-go's buffers, which are never reused.
func (ch *chunk) fill(m *client.Message, idx int) {
	r := ch.recs[idx]
	ps := ch.ps
	m.Value = r.Value
	m.Key = r.Key
	m.Timestamp = r.Timestamp
	m.TimestampType = client.TimestampCreateTime
	m.TopicPartition.Topic = ps.topic
	m.TopicPartition.Partition = ps.partition
	m.TopicPartition.Offset = client.Offset(r.Offset)
	if r.LeaderEpoch >= 0 {
		e := ps.epochPtr(r.LeaderEpoch)
		m.TopicPartition.LeaderEpoch = e
		m.LeaderEpoch = e //nolint:staticcheck // confluent still fills the deprecated field
	}
	switch r.Attrs.TimestampType() {
	case 1:
		m.TimestampType = client.TimestampLogAppendTime
	case 0:
	default:
		m.TimestampType = client.TimestampNotAvailable
	}
	if n := len(r.Headers); n > 0 {
		if len(ch.hdrs) < n {
			ch.allocHeaders(idx)
		}
		// The capacity is capped so that an append by the application
		// reallocates instead of overwriting the next message's headers.
		hs := ch.hdrs[:n:n]
		ch.hdrs = ch.hdrs[n:]
		for i, h := range r.Headers {
			hs[i] = client.Header{Key: h.Key, Value: h.Value}
		}
		m.Headers = hs
	}
}

// pumpEvents feeds the Events channel (go.events.channel.enable) from the
// same queue Poll reads, until Close.
func (c *Consumer) pumpEvents() {
	defer c.bg.Done()
	for {
		select {
		case <-c.stop:
			return
		default:
		}
		ev := c.poll(100, c.stop)
		if ev == nil {
			continue
		}
		select {
		case c.events <- ev:
		case <-c.stop:
			return
		}
	}
}
