package producer_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/purekafka/purekafka/kafka"
)

// TestCommitTransactionRetriableIsRetried: when CommitTransaction fails
// with an error flagged retriable (here: the coordinator keeps answering
// EndTxn with COORDINATOR_LOAD_IN_PROGRESS until the call's context
// expires), confluent's documentation says the call may simply be repeated,
// and librdkafka resumes the commit. The fault suite found that purekafka
// moves the transaction to its abortable state on any EndTxn failure, so the
// repeated call fails with ErrState and the application must abort work it
// was told it could commit.
func TestCommitTransactionRetriableIsRetried(t *testing.T) {
	t.Skip("bug: a retriable CommitTransaction error leaves the producer in AbortableError, so retrying CommitTransaction " +
		"fails with ErrState (producer/transactions.go endTransaction); franz-go cannot repeat an EndTxn whose outcome is " +
		"unknown, so the fix needs a design decision (re-issue EndTxn ourselves, or stop flagging these errors retriable)")
	fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "t"))
	require.NoError(t, err)
	defer fake.Close()
	var failing atomic.Bool
	failing.Store(true)
	fake.ControlKey(int16(kmsg.EndTxn), func(req kmsg.Request) (kmsg.Response, error, bool) {
		fake.KeepControl()
		if !failing.Load() {
			return nil, nil, false
		}
		resp := req.(*kmsg.EndTxnRequest).ResponseKind().(*kmsg.EndTxnResponse)
		resp.ErrorCode = kerr.CoordinatorLoadInProgress.Code
		return resp, nil, true
	})

	p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": fake.ListenAddrs()[0], "transactional.id": "tx"})
	require.NoError(t, err)
	defer p.Close()
	ctx := context.Background()
	require.NoError(t, p.InitTransactions(ctx))
	require.NoError(t, p.BeginTransaction())
	topic := "t"
	require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte("v")}, nil))

	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	err = p.CommitTransaction(short)
	require.Error(t, err)
	ke := err.(kafka.Error)
	require.True(t, ke.IsRetriable(), "%v", err)
	require.False(t, ke.TxnRequiresAbort(), "%v", err)

	failing.Store(false)
	assert.NoError(t, p.CommitTransaction(ctx), "repeating a retriable commit")
}
