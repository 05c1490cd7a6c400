package producer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/purekafka/purekafka/client"
)

// TestClassifyTransactionalErrors pins how an error from franz-go during a
// transactional call is flagged. The fault suite found that a dead
// coordinator's connection error used to be flagged abortable, which made
// the application throw away an intact transaction; librdkafka retries it.
func TestClassifyTransactionalErrors(t *testing.T) {
	dial := fmt.Errorf("unable to dial: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
	for _, tc := range []struct {
		name                 string
		err                  error
		code                 client.ErrorCode
		retriable, abortable bool
	}{
		{"connection refused", dial, client.ErrTransport, true, false},
		{"connection reset", fmt.Errorf("read: %w", syscall.ECONNRESET), client.ErrTransport, true, false},
		{"retriable broker error", kerr.CoordinatorNotAvailable, client.ErrCoordinatorNotAvailable, true, false},
		{"non-retriable broker error", kerr.InvalidRecord, client.ErrInvalidRecord, false, true},
		{"anything else", errors.New("boom"), client.ErrFail, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &Producer{txn: &transactions{}}
			var ke client.Error
			require.ErrorAs(t, p.classify(context.Background(), tc.err), &ke)
			assert.Equal(t, tc.code, ke.Code())
			assert.Equal(t, tc.retriable, ke.IsRetriable(), "retriable")
			assert.Equal(t, tc.abortable, ke.TxnRequiresAbort(), "requires abort")
			assert.False(t, ke.IsFatal(), "fatal")
		})
	}
}
