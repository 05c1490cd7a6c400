package client_test

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/purekafka/purekafka/client"
)

// TestTimeoutDuration: millisecond timeouts convert exactly, and one too
// large for time.Duration saturates rather than wrapping negative (which
// turned QueryWatermarkOffsets(..., math.MaxInt) into an instant timeout).
func TestTimeoutDuration(t *testing.T) {
	for _, tc := range []struct {
		ms   int
		want time.Duration
	}{
		{0, 0},
		{1, time.Millisecond},
		{60_000, time.Minute},
		{math.MaxInt32, math.MaxInt32 * time.Millisecond},
	} {
		assert.Equal(t, tc.want, client.TimeoutDuration(tc.ms), "%d ms", tc.ms)
	}
	// Where int has 64 bits, the largest millisecond count a Duration can
	// hold, and one more (which saturates). Variables, not constants, so
	// the file still compiles for 32-bit targets.
	if strconv.IntSize == 64 {
		big := int64(math.MaxInt64 / int64(time.Millisecond))
		assert.Equal(t, time.Duration(big)*time.Millisecond, client.TimeoutDuration(int(big)))
		assert.Equal(t, time.Duration(math.MaxInt64), client.TimeoutDuration(int(big+1)))
		assert.Equal(t, time.Duration(math.MaxInt64), client.TimeoutDuration(math.MaxInt))
	}
}
