package producer

import "sync/atomic"

// Produce copies a message's key, value and header values, as
// confluent-kafka-go does (it passes RD_KAFKA_MSG_F_COPY to librdkafka): an
// application may reuse or overwrite its buffers as soon as Produce returns,
// and the message must still go out as it was. Copies are carved from shared
// blocks, so a small message costs a memmove and an atomic add instead of an
// allocation; the blocks hold no pointers, so the GC never scans them.
const (
	// payloadBlockSize is the size of the blocks small payloads share. A
	// delivery report the application keeps pins at most one block.
	payloadBlockSize = 32 << 10
	// payloadOwnAbove is the payload size from which a message gets an
	// allocation of its own: a block is not worth filling with a few large
	// messages, and a large one must not pin a block of others.
	payloadOwnAbove = 2 << 10
)

type payloadBlock struct {
	used atomic.Int64
	buf  []byte
}

// payloads hands out byte ranges for message copies. Produce may be called
// concurrently, so a range is claimed with an atomic add and a full block is
// replaced by compare-and-swap.
type payloads struct {
	cur atomic.Pointer[payloadBlock]
}

// alloc returns n bytes that nothing else uses (len and cap n).
func (ps *payloads) alloc(n int) []byte {
	if n > payloadOwnAbove {
		return make([]byte, n)
	}
	for {
		b := ps.cur.Load()
		if b != nil {
			if end := b.used.Add(int64(n)); end <= payloadBlockSize {
				return b.buf[end-int64(n) : end : end]
			}
		}
		fresh := &payloadBlock{buf: make([]byte, payloadBlockSize)}
		fresh.used.Store(int64(n))
		if ps.cur.CompareAndSwap(b, fresh) {
			return fresh.buf[:n:n]
		}
	}
}

// carve copies src into the front of *buf and advances *buf past it. A nil
// src stays nil and an empty one stays empty but non-nil: librdkafka tells a
// NULL key (random partition) and a tombstone's NULL value from empty ones.
func carve(buf *[]byte, src []byte) []byte {
	if src == nil {
		return nil
	}
	if len(src) == 0 {
		return src[:0:0]
	}
	n := copy(*buf, src)
	dst := (*buf)[:n:n]
	*buf = (*buf)[n:]
	return dst
}
