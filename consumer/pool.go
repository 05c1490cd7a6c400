package consumer

import (
	"math/bits"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

// recordPoolBuckets bounds the pooled slices at 1<<(recordPoolBuckets-1)
// records; larger batches are allocated as before.
const recordPoolBuckets = 18

// recordPool is franz-go's PoolRecords: fetched record batches are decoded
// into slices from here, and Poll recycles each record once it has become a
// Message (which copies what it needs: the key, value and header bytes live
// in the fetch response, not in the record). Without it every fetched
// record is one more 160-byte allocation next to its Message, which cost
// more in GC than the per-record Recycle does (consumer BenchmarkPoll).
// Records Poll never hands out (a partition revoked or seeked away) are
// never recycled, and their slice is left to the GC.
//
// Slices are kept in power-of-two capacity classes, so that a batch takes a
// slice from an earlier one of similar size.
type recordPool struct {
	classes [recordPoolBuckets]sync.Pool // *[]kgo.Record of capacity 1<<i
}

// GetRecords implements kgo.PoolRecords.
func (p *recordPool) GetRecords(n int) []kgo.Record {
	class := bits.Len(uint(max(n, 1) - 1))
	if class >= recordPoolBuckets {
		return make([]kgo.Record, n)
	}
	if s, ok := p.classes[class].Get().(*[]kgo.Record); ok {
		return (*s)[:n]
	}
	return make([]kgo.Record, n, 1<<class)
}

// PutRecords implements kgo.PoolRecords.
func (p *recordPool) PutRecords(rs []kgo.Record) {
	c := cap(rs)
	if c == 0 || c&(c-1) != 0 {
		return // not from GetRecords
	}
	class := bits.Len(uint(c - 1))
	if class >= recordPoolBuckets {
		return
	}
	rs = rs[:c]
	p.classes[class].Put(&rs)
}

var _ kgo.PoolRecords = (*recordPool)(nil)
