package producer

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/kversion"

	"github.com/purekafka/purekafka/client"
)

// txnState is librdkafka's transaction state, reduced to what decides which
// calls are allowed.
type txnState int

const (
	txnInit txnState = iota
	txnReady
	txnInTransaction
	// txnCommitting: CommitTransaction returned a retriable error; only
	// another CommitTransaction, which resumes the commit, is allowed.
	txnCommitting
	txnAbortable // a transaction failed; only AbortTransaction is allowed
	txnFatal
)

var txnStateNames = [...]string{"Init", "Ready", "InTransaction", "CommittingTransaction", "AbortableError", "FatalError"}

// transactions is the transactional side of a Producer with transactional.id.
type transactions struct {
	mu    sync.Mutex
	state txnState
	// producing is read on every Produce: messages are accepted only inside
	// a transaction, as librdkafka does.
	producing atomic.Bool
	// produced and offsetsAdded say what the current transaction holds:
	// franz-go ends transactions it knows records for; one holding only
	// consumer offsets (added by SendOffsetsToTransaction) is ended here.
	produced     atomic.Bool
	offsetsAdded bool
	// failed holds the first delivery failure of the current transaction,
	// which makes committing it impossible.
	failedMu sync.Mutex
	failed   error
	// legacy sends the requests for offsets-only transactions with the
	// pre-KIP-890 versions, so ending them does not bump the producer epoch
	// behind franz-go's back.
	legacyOnce sync.Once
	legacy     *kgo.Client
	legacyErr  error
	// endSent says that, in state txnCommitting, the commit's EndTxn was
	// sent with endID/endEpoch and its outcome is unknown: franz-go will
	// not repeat it (a retry of its own would fence the transaction), so
	// the resumed commit sends it again itself.
	endSent  bool
	endID    int64
	endEpoch int16
}

// txnError builds a transactional API error with librdkafka's
// classification flags.
func txnError(code client.ErrorCode, text string, fatal, retriable, abortable bool) error {
	return client.NewErrorFlags(code, text, fatal, retriable, abortable)
}

func (t *transactions) stateError() error {
	return txnError(client.ErrState, "Operation not valid in state "+txnStateNames[t.state], false, false, false)
}

// conflict refuses every transactional call but CommitTransaction while a
// commit waits to be resumed, with librdkafka's retriable error: the
// application is to finish the commit first.
func (t *transactions) conflict() error {
	if t.state != txnCommitting {
		return nil
	}
	return txnError(client.ErrConflict, "Conflicting commit_transaction API call is already in progress", false, true, false)
}

func notConfigured() error {
	return txnError(client.ErrNotConfigured, "The Transactional API requires transactional.id to be configured", false, false, false)
}

// classify maps an error from franz-go during a transactional call to
// librdkafka's classification: fenced producers are fatal, timeouts and
// retriable broker errors retriable, everything else requires an abort.
// The caller holds p.txn.mu.
func (p *Producer) classify(ctx context.Context, err error) error {
	switch {
	case isFencing(err), errors.Is(err, kerr.InvalidTxnState):
		// librdkafka reports fencing as its own ErrFenced and treats an
		// invalid transaction state from the coordinator as fatal too.
		code := client.ErrFenced
		if errors.Is(err, kerr.InvalidTxnState) {
			code = client.ErrInvalidTxnState
		}
		fatal := client.NewErrorFlags(code, err.Error(), true, false, false)
		p.txn.state = txnFatal
		p.txn.producing.Store(false)
		if p.h.SetFatal(fatal) {
			p.reports.push(report{ch: p.events, ev: fatal})
		}
		return fatal
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		// librdkafka's text for any transactional call that runs out of
		// time: the operation goes on, and calling again resumes it.
		return txnError(client.ErrTimedOut, "Timed out waiting for operation to finish, retry call to resume", false, true, false)
	}
	var ke *kerr.Error
	if errors.As(err, &ke) && ke.Retriable {
		return txnError(client.ErrorCode(ke.Code), err.Error(), false, true, false)
	}
	base := client.ErrorFromKgo(err)
	if base.Code() == client.ErrTransport {
		// The coordinator's connection failed (its broker died, say).
		// librdkafka retries such calls itself and at worst reports a
		// retriable error: the transaction is intact, so asking the
		// application to abort it would throw work away.
		return txnError(base.Code(), err.Error(), false, true, false)
	}
	return txnError(base.Code(), err.Error(), false, false, true)
}

// isFencing reports errors by which the broker says another producer with
// the same transactional.id has taken over, or this one may no longer write:
// librdkafka makes these fatal.
func isFencing(err error) bool {
	return errors.Is(err, kerr.ProducerFenced) || errors.Is(err, kerr.InvalidProducerEpoch) ||
		errors.Is(err, kerr.TransactionalIDAuthorizationFailed) || errors.Is(err, kerr.InvalidProducerIDMapping)
}

// InitTransactions registers transactional.id with the cluster, fencing any
// older producer with the same id, and prepares the producer for
// BeginTransaction.
func (p *Producer) InitTransactions(ctx context.Context) error {
	if err := p.lockTxn(); err != nil {
		return err
	}
	defer p.txn.mu.Unlock()
	if err := p.txn.conflict(); err != nil {
		return err
	}
	if p.txn.state != txnInit {
		return p.txn.stateError()
	}
	ctx, cancel := p.txnContext(ctx)
	defer cancel()
	if _, _, err := p.h.Client.ProducerID(ctx); err != nil {
		return p.classify(ctx, err)
	}
	p.txn.state = txnReady
	return nil
}

// lockTxn checks what every transactional call requires (an open producer
// with transactional.id) and takes the transaction lock; the caller unlocks.
func (p *Producer) lockTxn() error {
	if p.h.IsClosed() {
		return client.NewClosedClientError()
	}
	if p.txn == nil {
		return notConfigured()
	}
	p.txn.mu.Lock()
	return nil
}

// txnContext bounds calls made without a deadline by 2 x
// transaction.timeout.ms, librdkafka's default for its transactional APIs.
func (p *Producer) txnContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, 2*p.cfg.TransactionTimeout)
}

// BeginTransaction starts a transaction; Produce is allowed until it ends.
func (p *Producer) BeginTransaction() error {
	if err := p.lockTxn(); err != nil {
		return err
	}
	defer p.txn.mu.Unlock()
	if err := p.txn.conflict(); err != nil {
		return err
	}
	if p.txn.state != txnReady {
		return p.txn.stateError()
	}
	if err := p.h.Client.BeginTransaction(); err != nil {
		return txnError(client.ErrState, err.Error(), false, false, false)
	}
	p.txn.state = txnInTransaction
	p.txn.produced.Store(false)
	p.txn.offsetsAdded = false
	p.txn.failedMu.Lock()
	p.txn.failed = nil
	p.txn.failedMu.Unlock()
	p.txn.producing.Store(true)
	return nil
}

// recordFailed notes a delivery failure inside a transaction: the
// transaction can then only be aborted.
func (t *transactions) recordFailed(err error) {
	t.failedMu.Lock()
	if t.failed == nil {
		t.failed = err
	}
	t.failedMu.Unlock()
}

func (t *transactions) failure() error {
	t.failedMu.Lock()
	defer t.failedMu.Unlock()
	return t.failed
}

// SendOffsetsToTransaction commits the consumer's offsets as part of the
// current transaction: they become visible only if it commits. This is the
// consume-transform-produce step of exactly-once processing.
func (p *Producer) SendOffsetsToTransaction(ctx context.Context, offsets []client.TopicPartition, consumerMetadata *client.ConsumerGroupMetadata) error {
	if err := p.lockTxn(); err != nil {
		return err
	}
	defer p.txn.mu.Unlock()
	if consumerMetadata == nil {
		return txnError(client.ErrInvalidArg, "consumer group metadata must not be nil", false, false, false)
	}
	if err := p.txn.conflict(); err != nil {
		return err
	}
	if p.txn.state != txnInTransaction {
		return p.txn.stateError()
	}
	group, generation, member, instance := client.GroupMetadataFields(consumerMetadata)

	req := kmsg.NewPtrTxnOffsetCommitRequest()
	req.TransactionalID = p.cfg.TransactionalID
	req.Group = group
	req.Generation = generation
	req.MemberID = member
	req.InstanceID = instance
	topicIdx := map[string]int{}
	for _, tp := range offsets {
		if tp.Topic == nil || tp.Offset < 0 {
			continue // librdkafka skips logical offsets
		}
		i, ok := topicIdx[*tp.Topic]
		if !ok {
			rt := kmsg.NewTxnOffsetCommitRequestTopic()
			rt.Topic = *tp.Topic
			req.Topics = append(req.Topics, rt)
			i = len(req.Topics) - 1
			topicIdx[*tp.Topic] = i
		}
		rp := kmsg.NewTxnOffsetCommitRequestTopicPartition()
		rp.Partition = tp.Partition
		rp.Offset = int64(tp.Offset)
		rp.LeaderEpoch = -1
		if tp.LeaderEpoch != nil {
			rp.LeaderEpoch = *tp.LeaderEpoch
		}
		rp.Metadata = tp.Metadata
		req.Topics[i].Partitions = append(req.Topics[i].Partitions, rp)
	}
	if len(req.Topics) == 0 {
		return nil
	}
	ctx, cancel := p.txnContext(ctx)
	defer cancel()
	cl, err := p.txn.legacyClient(p)
	if err != nil {
		return p.classify(ctx, err)
	}
	id, epoch, err := p.h.Client.ProducerID(ctx)
	if err != nil {
		return p.classify(ctx, err)
	}
	req.ProducerID, req.ProducerEpoch = id, epoch

	add := kmsg.NewPtrAddOffsetsToTxnRequest()
	add.TransactionalID = p.cfg.TransactionalID
	add.ProducerID, add.ProducerEpoch = id, epoch
	add.Group = group
	err = retryConcurrent(ctx, func() error {
		resp, err := add.RequestWith(ctx, cl)
		if err != nil {
			return err
		}
		return kerr.ErrorForCode(resp.ErrorCode)
	})
	if err != nil {
		return p.classify(ctx, err)
	}
	p.txn.offsetsAdded = true

	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		return p.classify(ctx, err)
	}
	for _, t := range resp.Topics {
		for _, part := range t.Partitions {
			if err := kerr.ErrorForCode(part.ErrorCode); err != nil {
				return p.classify(ctx, err)
			}
		}
	}
	return nil
}

// legacyClient returns the client that carries offsets-only transactions:
// it shares the producer's configuration but speaks the transaction
// requests at their pre-KIP-890 versions, so an EndTxn it sends leaves the
// producer epoch where franz-go expects it.
func (t *transactions) legacyClient(p *Producer) (*kgo.Client, error) {
	t.legacyOnce.Do(func() {
		versions := kversion.Stable()
		versions.SetMaxKeyVersion(int16(kmsg.EndTxn), 4)
		versions.SetMaxKeyVersion(int16(kmsg.AddOffsetsToTxn), 3)
		versions.SetMaxKeyVersion(int16(kmsg.TxnOffsetCommit), 4)
		opts := append([]kgo.Opt{}, p.cfg.Opts...)
		opts = append(opts, kgo.MaxVersions(versions), kgo.ClientID(p.cfg.ClientID))
		t.legacy, t.legacyErr = kgo.NewClient(opts...)
	})
	return t.legacy, t.legacyErr
}

// CommitTransaction flushes the transaction's messages and commits it. A
// retriable error means the call may be repeated: the next call resumes the
// commit, and succeeds at once if the first one in fact completed; until
// then every other transactional call fails with a retriable ErrConflict, as
// in librdkafka. An error that requires an abort means AbortTransaction must
// follow; a fatal one ends the producer.
func (p *Producer) CommitTransaction(ctx context.Context) error {
	return p.endTransaction(ctx, true)
}

// AbortTransaction fails the transaction's unsent messages (their delivery
// reports carry ErrPurgeQueue) and aborts it, so read_committed consumers
// never see its messages or offsets. While a commit waits to be resumed
// (see CommitTransaction) it fails with a retriable ErrConflict.
func (p *Producer) AbortTransaction(ctx context.Context) error {
	return p.endTransaction(ctx, false)
}

func (p *Producer) endTransaction(ctx context.Context, commit bool) error {
	if err := p.lockTxn(); err != nil {
		return err
	}
	defer p.txn.mu.Unlock()
	if !commit {
		if err := p.txn.conflict(); err != nil {
			return err
		}
	}
	switch p.txn.state {
	case txnInTransaction, txnCommitting: // txnCommitting: only a commit gets here
	case txnAbortable:
		if commit {
			return p.txn.stateError()
		}
	default:
		return p.txn.stateError()
	}
	ctx, cancel := p.txnContext(ctx)
	defer cancel()
	p.txn.producing.Store(false)
	if commit && p.txn.endSent {
		return p.resumeCommit(ctx)
	}
	if commit {
		if err := p.h.Client.Flush(ctx); err != nil {
			// The messages keep going out; the next call waits for them.
			p.txn.state = txnCommitting
			return txnError(client.ErrTimedOut, "Failed to flush all outstanding messages within the transaction timeout: "+err.Error(), false, true, false)
		}
		if failed := p.txn.failure(); failed != nil {
			if isFencing(failed) {
				return p.classify(ctx, failed)
			}
			p.txn.state = txnAbortable
			return txnError(client.ErrorFromKgo(failed).Code(),
				"Failed to produce all messages of the transaction: "+failed.Error(), false, false, true)
		}
	} else if err := p.h.Client.AbortBufferedRecords(ctx); err != nil {
		return txnError(client.ErrTimedOut, err.Error(), false, true, false)
	}

	var err error
	sent := commit
	if p.txn.offsetsAdded && !p.txn.produced.Load() {
		// franz-go knows of no partition in this transaction and would
		// skip EndTxn; end it on the client that began it.
		_ = p.h.Client.EndTransaction(ctx, kgo.TransactionEndTry(commit))
		err = p.endOffsetsOnly(ctx, commit)
	} else {
		// The id and epoch the EndTxn goes out with, for resuming the
		// commit should its outcome be unknown.
		var idErr error
		if commit {
			p.txn.endID, p.txn.endEpoch, idErr = p.h.Client.ProducerID(ctx)
		}
		err = p.h.Client.EndTransaction(ctx, kgo.TransactionEndTry(commit))
		sent = commit && idErr == nil && !errors.Is(err, kerr.OperationNotAttempted)
	}
	if err != nil {
		return p.endFailed(ctx, commit, sent, err)
	}
	p.txn.state = txnReady
	return nil
}

// endFailed classifies the error of an EndTxn and moves to the state it
// leaves the transaction in. sent says that a commit's EndTxn went out, so
// that resuming it means repeating it.
func (p *Producer) endFailed(ctx context.Context, commit, sent bool, err error) error {
	err = p.classify(ctx, err)
	p.txn.endSent = false
	var ke client.Error
	switch {
	case p.txn.state == txnFatal:
	case !commit:
		// An abort may be retried, from the state it was called in.
	case errors.As(err, &ke) && ke.IsRetriable():
		p.txn.state = txnCommitting
		p.txn.endSent = sent
	default:
		p.txn.state = txnAbortable
	}
	return err
}

// resumeCommit repeats the EndTxn of a commit whose outcome is unknown.
// franz-go refuses to repeat it (it would reload the producer ID, which
// aborts the transaction), so it is sent here with the same producer id
// and epoch: the coordinator completes the commit, or, if the first EndTxn
// already did, answers the repeat with success. Either way the transaction
// is committed exactly once.
func (p *Producer) resumeCommit(ctx context.Context) error {
	if p.txn.offsetsAdded && !p.txn.produced.Load() {
		if err := p.endOffsetsOnly(ctx, true); err != nil {
			return p.endFailed(ctx, true, true, err)
		}
		p.txn.endSent = false
		p.txn.state = txnReady
		return nil
	}
	cl, err := p.endTxnClient(ctx)
	if err != nil {
		return p.endFailed(ctx, true, true, err)
	}
	req := kmsg.NewPtrEndTxnRequest()
	req.TransactionalID = p.cfg.TransactionalID
	req.ProducerID, req.ProducerEpoch = p.txn.endID, p.txn.endEpoch
	req.Commit = true
	err = retryConcurrent(ctx, func() error {
		resp, err := req.RequestWith(ctx, cl)
		if err != nil {
			return err
		}
		return kerr.ErrorForCode(resp.ErrorCode)
	})
	if err != nil {
		return p.endFailed(ctx, true, true, err)
	}
	// franz-go still holds the transaction, as unconfirmed. Ending it with
	// an abort makes it reload the producer ID instead of sending EndTxn:
	// an InitProducerID at the old epoch, which the coordinator answers
	// (as a retry, or with a fresh epoch) without touching the committed
	// transaction. The commit is done whatever this returns; a reload that
	// failed is repeated by the next BeginTransaction.
	_ = p.h.Client.EndTransaction(ctx, kgo.TryAbort)
	p.txn.endSent = false
	p.txn.state = txnReady
	return nil
}

// endTxnClient returns the client that repeats franz-go's EndTxn at the
// version franz-go sent it: v5, which bumps the producer epoch (KIP-890),
// when the cluster has finalized transaction.version 2, which is how
// franz-go decides; at most v4 otherwise.
func (p *Producer) endTxnClient(ctx context.Context) (*kgo.Client, error) {
	resp, err := kmsg.NewPtrApiVersionsRequest().RequestWith(ctx, p.h.Client)
	if err != nil {
		return nil, err
	}
	for _, f := range resp.FinalizedFeatures {
		if f.Name == "transaction.version" && f.MaxVersionLevel >= 2 {
			return p.h.Client, nil
		}
	}
	return p.txn.legacyClient(p)
}

func (p *Producer) endOffsetsOnly(ctx context.Context, commit bool) error {
	cl, err := p.txn.legacyClient(p)
	if err != nil {
		return err
	}
	id, epoch, err := p.h.Client.ProducerID(ctx)
	if err != nil {
		return err
	}
	req := kmsg.NewPtrEndTxnRequest()
	req.TransactionalID = p.cfg.TransactionalID
	req.ProducerID, req.ProducerEpoch = id, epoch
	req.Commit = commit
	return retryConcurrent(ctx, func() error {
		resp, err := req.RequestWith(ctx, cl)
		if err != nil {
			return err
		}
		return kerr.ErrorForCode(resp.ErrorCode)
	})
}

// retryConcurrent repeats fn while the coordinator answers
// CONCURRENT_TRANSACTIONS, which it does while it is still completing the
// previous transaction; librdkafka and franz-go retry it the same way.
func retryConcurrent(ctx context.Context, fn func() error) error {
	backoff := 5 * time.Millisecond
	for {
		err := fn()
		if !errors.Is(err, kerr.ConcurrentTransactions) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 200*time.Millisecond)
	}
}

// closeTransactions releases what the transactional side holds.
func (t *transactions) close() {
	if t.legacy != nil {
		t.legacy.Close()
	}
}
