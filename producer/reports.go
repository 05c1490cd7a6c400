package producer

import (
	"sync"

	"github.com/purekafka/purekafka/client"
)

// reportQueue hands events (delivery reports, errors) from franz-go's
// goroutines to application channels in order, without ever blocking the
// caller: franz-go calls promises from its own goroutines, and an application
// that is slow to drain Events() must not stall the client.
//
// When nothing is queued or being sent, push tries the channel directly,
// which is the common case and costs no goroutine hand-off.
type reportQueue struct {
	mu      sync.Mutex
	wake    *sync.Cond
	items   []report
	spare   []report
	sending bool // the forwarder holds popped items not yet delivered
	closed  bool

	done     chan struct{} // closed by close: abandon blocked sends
	finished chan struct{} // closed when the forwarder has exited

	// delivered is called after each event reaches its channel (or is
	// dropped at close), so the producer can keep Len exact.
	delivered func(r report)
}

// report is one event and the channel it goes to. counted marks delivery
// reports that the producer's in-flight count still includes.
type report struct {
	ch      chan client.Event
	ev      client.Event
	counted bool
	size    int64 // bytes counted in the producer's queue limit
}

func newReportQueue(delivered func(report)) *reportQueue {
	q := &reportQueue{done: make(chan struct{}), finished: make(chan struct{}), delivered: delivered}
	q.wake = sync.NewCond(&q.mu)
	go q.forward()
	return q
}

// push queues r. After close it drops r and reports false.
func (q *reportQueue) push(r report) bool {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false
	}
	if len(q.items) == 0 && !q.sending {
		select {
		case r.ch <- r.ev:
			q.mu.Unlock()
			q.delivered(r)
			return true
		default:
		}
	}
	q.items = append(q.items, r)
	q.mu.Unlock()
	q.wake.Signal()
	return true
}

func (q *reportQueue) forward() {
	defer close(q.finished)
	for {
		q.mu.Lock()
		for len(q.items) == 0 && !q.closed {
			q.sending = false
			q.wake.Wait()
		}
		if q.closed {
			q.mu.Unlock()
			return
		}
		batch := q.items
		q.items, q.spare = q.spare[:0], nil
		q.sending = true
		q.mu.Unlock()

		for i, r := range batch {
			select {
			case r.ch <- r.ev:
				q.delivered(r)
			case <-q.done:
				return
			}
			batch[i] = report{} // let the event be collected
		}
		q.mu.Lock()
		if q.spare == nil {
			q.spare = batch[:0]
		}
		q.mu.Unlock()
	}
}

// close stops the forwarder, abandoning whatever is still queued, and waits
// for it to exit, so that the caller may then close the channels it fed.
func (q *reportQueue) close() {
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		close(q.done)
	}
	q.mu.Unlock()
	q.wake.Broadcast()
	<-q.finished
}
