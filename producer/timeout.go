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

// getAt returns the deadline context for a message enqueued at now.
func (d *deadlines) getAt(now time.Time) context.Context {
	if d.timeout <= 0 {
		return context.Background()
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

// deadline is a context that is done message.timeout.ms after start.
type deadline struct {
	start time.Time
	done  chan struct{}
}

func (dl *deadline) Deadline() (time.Time, bool) { return time.Time{}, false }
func (dl *deadline) Done() <-chan struct{}       { return dl.done }
func (dl *deadline) Value(any) any               { return nil }

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
