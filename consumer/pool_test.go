package consumer

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRecordPoolClasses checks the shape of the slices franz-go decodes
// batches into: exactly n records, with capacity rounded up to the size
// class, so that a later batch of similar size can take the slice back.
func TestRecordPoolClasses(t *testing.T) {
	for _, tc := range []struct {
		n, wantCap int
	}{
		{1, 1},
		{2, 2},
		{3, 4},
		{64, 64},
		{65, 128},
		{1 << (recordPoolBuckets - 1), 1 << (recordPoolBuckets - 1)},
		{1<<(recordPoolBuckets-1) + 1, 1<<(recordPoolBuckets-1) + 1}, // too big to pool: exact
	} {
		var p recordPool
		rs := p.GetRecords(tc.n)
		assert.Len(t, rs, tc.n, "n=%d", tc.n)
		assert.Equal(t, tc.wantCap, cap(rs), "n=%d", tc.n)
		p.PutRecords(rs)
	}
}
