package client_test

import (
	"math"
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
		{math.MaxInt64 / int(time.Millisecond), time.Duration(math.MaxInt64/int64(time.Millisecond)) * time.Millisecond},
		{math.MaxInt64/int(time.Millisecond) + 1, math.MaxInt64},
		{math.MaxInt, math.MaxInt64},
	} {
		assert.Equal(t, tc.want, client.TimeoutDuration(tc.ms), "%d ms", tc.ms)
	}
}
