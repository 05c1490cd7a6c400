package producer

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
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

// timedOut reports whether err, the error franz-go failed a message of this
// window with, is really message.timeout.ms expiring. franz-go notices a
// head-of-line record's done context while retrying something else (a
// broker it cannot dial, a metadata load that keeps failing) and fails the
// records with that other error; librdkafka reports such messages as timed
// out. A broker's definitive answer (a non-retriable error code) is kept.
// dl may be nil (no message timeout).
func (dl *deadline) timedOut(err error) bool {
	if dl == nil || dl.Err() == nil {
		return false
	}
	ke, isKerr := errors.AsType[*kerr.Error](err)
	return !isKerr || ke.Retriable
}

// errMessageTimedOut is the context error of an expired deadline; delivery
// reports turn it into ErrMsgTimedOut.
var errMessageTimedOut = context.DeadlineExceeded
