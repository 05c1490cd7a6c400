package producer

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// bucketWidth is how finely message.timeout.ms is tracked: messages enqueued
// within the same window share one deadline (and one timer).
const bucketWidth = 100 * time.Millisecond

// deadlines implements message.timeout.ms, measured like librdkafka from
// when Produce accepted a message. franz-go's own record timeout counts from
// the record's Timestamp, which for an application-set timestamp in the past
// would fail the message at once. franz-go fails a batch whose first record's
// context is done, so each message carries the context of its window.
type deadlines struct {
	timeout time.Duration
	mu      sync.Mutex
	cur     atomic.Pointer[deadline]
}

// getAt returns the deadline of a message enqueued at now, or nil when
// message.timeout.ms is 0 (no timeout).
func (d *deadlines) getAt(now time.Time) *deadline {
	if d.timeout <= 0 {
		return nil
	}
	if dl := d.cur.Load(); dl != nil && now.Sub(dl.start) < bucketWidth {
		return dl
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if dl := d.cur.Load(); dl != nil && now.Sub(dl.start) < bucketWidth {
		return dl
	}
	dl := &deadline{start: now, done: make(chan struct{})}
	// The window's deadline counts from its start, so a message may time out
	// up to bucketWidth early; librdkafka scans for timeouts about as coarsely.
	time.AfterFunc(d.timeout, func() { close(dl.done) })
	d.cur.Store(dl)
	return dl
}

// deadline is one window's message timeout: done is closed
// message.timeout.ms after start. Each message's envelope is its context and
// reports the window's state.
type deadline struct {
	start time.Time
	done  chan struct{}
}

// Err is the context error of the envelopes of this window.
func (dl *deadline) Err() error {
	select {
	case <-dl.done:
		return errMessageTimedOut
	default:
		return nil
	}
}

// errMessageTimedOut is the context error of an expired deadline; delivery
// reports turn it into ErrMsgTimedOut.
var errMessageTimedOut = context.DeadlineExceeded
