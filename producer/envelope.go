package producer

import (
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// envelope carries one message through franz-go: the record itself, and (as
// the record's Context, which franz-go leaves alone when set) what its
// delivery report needs. It stays live until the report, so it holds nothing
// that can be derived from the record: the queue-limit size and the report's
// headers are recomputed from it, and the message timeout is a pointer
// rather than an interface. (The report itself is allocated only when the
// record is done: embedding it here made every in-flight envelope much
// larger, which cost more in GC than the allocation it saved; bench/.)
type envelope struct {
	rec    kgo.Record
	dl     *deadline // nil: no message.timeout.ms
	topic  *string   // the caller's pointer, reused in the report
	opaque any
	dc     chan client.Event
}

// Deadline implements context.Context: the envelope is the record's context,
// which is done when the message's timeout window ends.
func (e *envelope) Deadline() (time.Time, bool) { return time.Time{}, false }

// Done implements context.Context; nil (never done) without a timeout.
func (e *envelope) Done() <-chan struct{} {
	if e.dl == nil {
		return nil
	}
	return e.dl.done
}

// Err implements context.Context.
func (e *envelope) Err() error {
	if e.dl == nil {
		return nil
	}
	return e.dl.Err()
}

// Value implements context.Context; the envelope carries no values.
func (e *envelope) Value(any) any { return nil }

// release drops the envelope's references to application data once the
// report is built, so that a slab kept alive by a slower message pins no
// delivered message's key, value or opaque. franz-go is done with the record
// once its promise runs, except that a goroutine waiting for an unknown
// topic's metadata may still read the record's context: the context (rec.Context
// and dl) is left as it is.
func (e *envelope) release() {
	e.rec.Key, e.rec.Value, e.rec.Headers = nil, nil, nil
	e.opaque, e.topic, e.dc = nil, nil, nil
}

// envSlabSize is how many envelopes are allocated together. Messages are
// delivered roughly in the order they were produced, so a slab becomes
// garbage soon after its last message's report; see release for what a
// slab kept alive by a slow message still holds.
const envSlabSize = 64

type envSlab struct {
	used atomic.Int32
	envs [envSlabSize]envelope
}

// envelopes hands out envelopes from slabs: one allocation per envSlabSize
// messages instead of one per message (bench/: the per-object allocation
// and its GC were the largest cost Produce added to franz-go's own).
// Produce may be called concurrently, so a slot is claimed with an atomic add
// and a full slab is replaced by compare-and-swap.
type envelopes struct {
	cur atomic.Pointer[envSlab]
}

// next returns a zeroed envelope.
func (es *envelopes) next() *envelope {
	for {
		s := es.cur.Load()
		if s != nil {
			if i := s.used.Add(1) - 1; i < envSlabSize {
				return &s.envs[i]
			}
		}
		fresh := new(envSlab)
		fresh.used.Store(1)
		if es.cur.CompareAndSwap(s, fresh) {
			return &fresh.envs[0]
		}
	}
}
