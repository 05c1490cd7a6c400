package producer_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/kversion"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// txnFixture is a transactional producer on a kfake cluster, inside a
// transaction holding the values "a" and "b".
type txnFixture struct {
	c     *kafkatest.Cluster
	p     *kafka.Producer
	topic string
}

// txnVersions are the protocols the retry tests run on: today's, where
// EndTxn v5 bumps the producer epoch (KIP-890, transaction.version 2), and
// Kafka 3.9's, with EndTxn v4 and no epoch bump.
func txnVersions() []struct {
	name     string
	versions *kversion.Versions
} {
	return []struct {
		name     string
		versions *kversion.Versions
	}{{"transaction.version 2", kversion.Stable()}, {"Kafka 3.9", kversion.V3_9_0()}}
}

func newTxnFixture(t *testing.T, versions *kversion.Versions) txnFixture {
	fake, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.AllowAutoTopicCreation(), kfake.DefaultNumPartitions(1),
		kfake.MaxVersions(versions))
	require.NoError(t, err)
	t.Cleanup(fake.Close)
	c := &kafkatest.Cluster{Name: "kfake", Bootstrap: strings.Join(fake.ListenAddrs(), ","), Fake: fake}
	f := txnFixture{c: c, topic: c.CreateTopic(t, 1)}
	f.p = newProducer(t, c, kafka.ConfigMap{"transactional.id": kafkatest.UniqueName(t, "txn"), "go.delivery.reports": false})
	require.NoError(t, f.p.InitTransactions(context.Background()))
	require.NoError(t, f.p.BeginTransaction())
	f.produce(t, "a")
	f.produce(t, "b")
	return f
}

func (f txnFixture) produce(t *testing.T, v string) {
	t.Helper()
	require.NoError(t, f.p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &f.topic, Partition: 0}, Value: []byte(v)}, nil))
}

// requireRetriable checks err for what librdkafka returns when a commit may
// be repeated.
func requireRetriable(t *testing.T, err error, want kafka.ErrorCode) {
	t.Helper()
	require.Error(t, err)
	var ke kafka.Error
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, want, ke.Code(), "%v", err)
	assert.True(t, ke.IsRetriable(), "retriable: %v", err)
	assert.False(t, ke.TxnRequiresAbort(), "requires abort: %v", err)
	assert.False(t, ke.IsFatal(), "fatal: %v", err)
}

// checkPending: while a commit waits to be resumed, librdkafka refuses the
// other transactional calls with a retriable ErrConflict, and messages.
func (f txnFixture) checkPending(t *testing.T) {
	t.Helper()
	requireRetriable(t, f.p.AbortTransaction(context.Background()), kafka.ErrConflict)
	requireRetriable(t, f.p.BeginTransaction(), kafka.ErrConflict)
	requireRetriable(t, f.p.SendOffsetsToTransaction(context.Background(), nil, &kafka.ConsumerGroupMetadata{}), kafka.ErrConflict)
	assert.Equal(t, kafka.ErrState, codeOf(t, f.p.Produce(&kafka.Message{
		TopicPartition: kafka.TopicPartition{Topic: &f.topic, Partition: 0}, Value: []byte("late")}, nil)))
}

// finish checks that the resumed transaction committed exactly once, that
// the producer goes on with the next transaction, and that a commit
// outside a transaction is refused, as after any commit.
func (f txnFixture) finish(t *testing.T) {
	t.Helper()
	assert.Equal(t, kafka.ErrState, codeOf(t, f.p.CommitTransaction(context.Background())), "nothing left to commit")
	require.NoError(t, f.p.BeginTransaction())
	f.produce(t, "c")
	require.NoError(t, f.p.CommitTransaction(context.Background()))
	commitEnd(t, f.p, f.topic)
	assert.Equal(t, []string{"a", "b", "c"}, readUntilEnd(t, f.c, f.topic, kgo.ReadCommitted()))
	assert.Equal(t, []string{"a", "b", "c"}, readUntilEnd(t, f.c, f.topic, kgo.ReadUncommitted()), "no duplicates")
}

// TestCommitTransactionRetriableIsRetried: the coordinator answers EndTxn
// with a retriable error until the call's context expires. The error is
// retriable (not abortable, not fatal), as confluent documents; repeating
// CommitTransaction resumes the commit and completes the same transaction.
func TestCommitTransactionRetriableIsRetried(t *testing.T) {
	t.Parallel()
	for _, v := range txnVersions() {
		for _, code := range []*kerr.Error{kerr.CoordinatorLoadInProgress, kerr.CoordinatorNotAvailable, kerr.NotCoordinator} {
			t.Run(v.name+"/"+code.Message, func(t *testing.T) {
				t.Parallel()
				f := newTxnFixture(t, v.versions)
				var failing atomic.Bool
				failing.Store(true)
				f.c.Fake.ControlKey(int16(kmsg.EndTxn), func(req kmsg.Request) (kmsg.Response, error, bool) {
					f.c.Fake.KeepControl()
					if !failing.Load() {
						return nil, nil, false
					}
					resp := req.(*kmsg.EndTxnRequest).ResponseKind().(*kmsg.EndTxnResponse)
					resp.ErrorCode = code.Code
					return resp, nil, true
				})

				short, cancel := context.WithTimeout(context.Background(), time.Second)
				defer cancel()
				err := f.p.CommitTransaction(short)
				require.Error(t, err)
				var ke kafka.Error
				require.ErrorAs(t, err, &ke)
				assert.True(t, ke.IsRetriable(), "%v", err)
				assert.False(t, ke.TxnRequiresAbort(), "%v", err)
				f.checkPending(t)

				failing.Store(false)
				require.NoError(t, f.p.CommitTransaction(context.Background()), "repeating a retriable commit")
				f.finish(t)
			})
		}
	}
}

// TestCommitTransactionDeadlineResumes: the context of CommitTransaction
// expires while the broker holds a request of the commit: the EndTxn, or
// the transaction's messages, which the commit first flushes. The call
// returns a retriable ErrTimedOut, as librdkafka does, and the next call
// completes the same transaction, exactly once, whether the coordinator
// went on to commit the held EndTxn (its answer lost) or never acted on it.
func TestCommitTransactionDeadlineResumes(t *testing.T) {
	t.Parallel()
	for _, v := range txnVersions() {
		for _, tc := range []struct {
			name  string
			key   kmsg.Key
			apply bool // the broker handles the held request once released
		}{
			{"coordinator committed, answer lost", kmsg.EndTxn, true},
			{"coordinator never acted", kmsg.EndTxn, false},
			{"messages not yet written", kmsg.Produce, true},
		} {
			t.Run(v.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				f := newTxnFixture(t, v.versions)
				release := make(chan struct{})
				var once sync.Once
				unblock := func() { once.Do(func() { close(release) }) }
				t.Cleanup(unblock) // before the cluster closes: cleanups run last-in first-out
				var held atomic.Bool
				f.c.Fake.ControlKey(int16(tc.key), func(req kmsg.Request) (kmsg.Response, error, bool) {
					held.Store(true)
					f.c.Fake.SleepControl(func() { <-release })
					if tc.apply {
						return nil, nil, false // processed as usual, after the client gave up
					}
					resp := req.(*kmsg.EndTxnRequest).ResponseKind().(*kmsg.EndTxnResponse)
					resp.ErrorCode = kerr.NotCoordinator.Code
					return resp, nil, true
				})
				// Counts EndTxn requests the coordinator acts on; a control
				// that answers a request bypasses it.
				acted := f.c.Fake.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.EndTxn}, Observe: true, Count: -1})

				short, cancel := context.WithTimeout(context.Background(), time.Second)
				defer cancel()
				requireRetriable(t, f.p.CommitTransaction(short), kafka.ErrTimedOut)
				require.True(t, held.Load(), "the request reached the broker")
				f.checkPending(t)

				unblock()
				if tc.key == kmsg.EndTxn && tc.apply {
					// The held commit completes before the resumed one
					// arrives, which the coordinator must take for a retry.
					ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
					defer cancel()
					require.NoError(t, acted.Wait(ctx, 1))
				}
				require.NoError(t, f.p.CommitTransaction(context.Background()), "resuming the commit")
				f.finish(t)
			})
		}
	}
}
