package faults

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/kafka"
)

// The exactly-once test's shape: eosMessages inputs on eosPartitions
// partitions, processed in transactions of up to eosBatch messages that
// each hold eosPace of "work", so that faults land inside transactions.
const (
	eosMessages   = 20_000
	eosPartitions = 3
	eosBatch      = 200
	eosPace       = 150 * time.Millisecond
	eosWorkerRole = "eos-worker"
)

// TestExactlyOnceUnderKills runs confluent's consume-transform-produce loop
// (read_committed Consumer, transactional Producer, SendOffsetsToTransaction)
// in a worker process and, while it works, kill -9's the broker coordinating
// its transactions and restarts it, then kill -9's the worker itself in the
// middle of a transaction whose records the brokers have acknowledged, and
// starts a new one with the same transactional.id. A read_committed reader
// of the output must see every input exactly once and in per-key order:
// nothing of the aborted or crashed transactions may show, and the crashed
// transaction's records must be in the log as aborted data (else the crash
// missed the transaction).
func TestExactlyOnceUnderKills(t *testing.T) {
	cl := threeNodes(t)
	in, out := cl.CreateTopicRF(t, eosPartitions, nodes), cl.CreateTopicRF(t, eosPartitions, nodes)
	group, txnID := "g-"+in, "txn-"+in
	produceSeq(t, cl, in, eosMessages)

	dir := t.TempDir()
	path, hold := filepath.Join(dir, "journal"), filepath.Join(dir, "hold")
	env := []string{"FAULTS_BOOTSTRAP=" + cl.bootstrapList(), "FAULTS_IN=" + in, "FAULTS_OUT=" + out,
		"FAULTS_GROUP=" + group, "FAULTS_TXN=" + txnID, "FAULTS_JOURNAL=" + path, "FAULTS_HOLD=" + hold}
	run := 0
	var worker *child
	start := func() {
		run++
		name := fmt.Sprintf("w%d", run)
		worker = startChild(t, dir, name, "TestEOSWorkerProcess", eosWorkerRole, append(env, "FAULTS_WORKER="+name)...)
	}
	progress := func() int {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		offs, err := cl.adm.FetchOffsets(ctx, group)
		if err != nil {
			return 0
		}
		sum := 0
		for _, ps := range offs {
			for _, o := range ps {
				if o.Err == nil && o.At > 0 {
					sum += int(o.At)
				}
			}
		}
		return sum
	}
	waitFor := func(fraction float64) int {
		t.Helper()
		deadline := time.Now().Add(3 * time.Minute)
		for {
			n := progress()
			if n >= int(fraction*eosMessages) {
				return n
			}
			// A worker that ends on its own hit a fatal error: librdkafka's
			// advice is a new producer, so start a new worker.
			if done, err := worker.exited(); done {
				logf("worker %s exited (%v); starting another:\n%s", worker.name, err, worker.tail())
				start()
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d inputs committed after 3 minutes; worker %s:\n%s", n, int(fraction*eosMessages), worker.name, worker.tail())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}

	start()
	n := waitFor(0.25)
	coordinator := cl.txnCoordinator(t, txnID)
	logf("%d inputs committed; crashing broker %d, the transaction coordinator", n, coordinator)
	cl.crash(t, coordinator, 3*time.Second)
	n = waitFor(0.6)
	// The crash must hit an open transaction whose records the brokers
	// already hold, or nothing would be left for read_committed to hide:
	// the hold file makes the worker stop inside its next transaction once
	// the transaction's records are acknowledged, and say so in the journal.
	require.NoError(t, os.WriteFile(hold, nil, 0o644))
	held := waitHeld(t, &journalReader{path: path}, func() *child {
		if done, err := worker.exited(); done {
			logf("worker %s exited (%v); starting another:\n%s", worker.name, err, worker.tail())
			start()
		}
		return worker
	})
	logf("%d inputs committed; worker %s holds an open transaction of %d acknowledged records; kill -9", n, worker.name, held)
	worker.kill()
	require.NoError(t, os.Remove(hold))
	start()
	waitFor(1)
	logf("all %d inputs committed; stopping worker %s", eosMessages, worker.name)
	require.NoError(t, worker.stop(time.Minute), "worker %s:\n%s", worker.name, worker.tail())

	lines, err := (&journalReader{path: path}).next()
	require.NoError(t, err)
	kinds := map[byte]int{}
	for _, l := range lines {
		kinds[l[0]]++
		if l[0] == 'E' && kinds['E'] <= 10 {
			logf("worker: %s", l)
		}
	}

	committed := readAll(t, cl, out, true)
	s := check(t, committed, eosMessages, func(int) bool { return true })
	everything := readAll(t, cl, out, false)
	hidden := len(everything) - len(committed)
	fmt.Printf("exactly-once, transaction coordinator broker %d killed + worker killed mid-transaction (%d records in its open transaction): "+
		"input %d, read_committed %d, lost %d, duplicated %d, reordered %d; aborted copies hidden %d, worker runs %d, "+
		"transactions committed %d, aborted %d, errors %d\n",
		coordinator, held, eosMessages, s.consumed, s.lost, s.duplicated, s.reordered, hidden, run,
		kinds['T'], kinds['A'], kinds['E'])
	assert.GreaterOrEqual(t, hidden, held, "the crashed transaction's records are not all in the log as aborted data: "+
		"the crash did not happen mid-transaction, and the test proves nothing about aborted reads")
	assert.Zero(t, s.lost, "inputs missing from the committed output")
	assert.Zero(t, s.duplicated, "inputs in the committed output more than once")
	assert.Zero(t, s.reordered, "inputs out of per-key order in the committed output")
	assert.Equal(t, eosMessages, s.consumed)
}

// TestEOSWorkerProcess is TestExactlyOnceUnderKills' worker, run as a child
// process; it skips when run directly. It handles errors the way
// confluent's transactional example does: retry what is retriable, abort and
// rewind to the committed offsets what requires an abort, and exit on a
// fatal error (the parent then starts a new worker).
func TestEOSWorkerProcess(t *testing.T) {
	if !isChild(eosWorkerRole) {
		t.Skip("helper process of TestExactlyOnceUnderKills")
	}
	name, in, out := os.Getenv("FAULTS_WORKER"), os.Getenv("FAULTS_IN"), os.Getenv("FAULTS_OUT")
	j, err := openJournal(os.Getenv("FAULTS_JOURNAL"))
	require.NoError(t, err)
	defer j.close()
	ctx := context.Background()
	bootstrap := os.Getenv("FAULTS_BOOTSTRAP")
	prod, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": bootstrap, "transactional.id": os.Getenv("FAULTS_TXN")})
	require.NoError(t, err)
	defer prod.Close()
	w := &eosWorker{t: t, j: j, name: name, prod: prod}
	w.retry("InitTransactions", func() error { return prod.InitTransactions(ctx) })
	cons, err := kafka.NewConsumer(&kafka.ConfigMap{
		"bootstrap.servers":     bootstrap,
		"group.id":              os.Getenv("FAULTS_GROUP"),
		"auto.offset.reset":     "earliest",
		"enable.auto.commit":    false,
		"isolation.level":       "read_committed",
		"session.timeout.ms":    6000,
		"heartbeat.interval.ms": 1000,
	})
	require.NoError(t, err)
	w.cons = cons
	require.NoError(t, cons.SubscribeTopics([]string{in}, nil))
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	j.line("I %s started", name)

	for {
		select {
		case <-term:
			require.NoError(t, cons.Close())
			j.line("I %s stopped", name)
			return
		default:
		}
		first := w.next(1000)
		if first == nil {
			continue
		}
		w.retry("BeginTransaction", prod.BeginTransaction)
		batch := []*kafka.Message{first}
		for len(batch) < eosBatch {
			m := w.next(0)
			if m == nil {
				break
			}
			batch = append(batch, m)
		}
		ok, sent := true, 0
		dc := make(chan kafka.Event, len(batch))
		for _, m := range batch {
			if err := prod.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &out, Partition: m.TopicPartition.Partition},
				Key:            m.Key,
				Value:          m.Value,
			}, dc); err != nil {
				j.line("E %s Produce: %v", name, err)
				ok = false
				break
			}
			sent++
		}
		if ok && holdRequested() {
			w.hold(dc, sent)
		}
		time.Sleep(eosPace) // the work, inside the transaction
		if ok {
			ok = w.commit(ctx)
		}
		if !ok {
			w.abort(ctx)
		}
	}
}

// holdRequested reports whether the parent asks the worker to stop inside
// its current transaction (see TestExactlyOnceUnderKills).
func holdRequested() bool {
	_, err := os.Stat(os.Getenv("FAULTS_HOLD"))
	return err == nil
}

// hold waits for the delivery reports of the sent records of the open
// transaction, journals how many were acknowledged ("H <worker> <n>") and
// then blocks until the parent kills the process.
func (w *eosWorker) hold(dc chan kafka.Event, sent int) {
	acked := 0
	for range sent {
		select {
		case ev := <-dc:
			if m, ok := ev.(*kafka.Message); ok && m.TopicPartition.Error == nil {
				acked++
			}
		case <-time.After(time.Minute):
			w.t.Fatalf("%d of %d delivery reports of the open transaction after a minute", acked, sent)
		}
	}
	w.j.line("H %s %d", w.name, acked)
	for {
		time.Sleep(time.Hour)
	}
}

// waitHeld waits until the worker that current returns (it may start a new
// one) journals that it holds an open transaction, and returns how many
// acknowledged records the transaction has.
func waitHeld(t *testing.T, r *journalReader, current func() *child) int {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		w := current()
		lines, err := r.next()
		require.NoError(t, err)
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) == 3 && f[0] == "H" && f[1] == w.name {
				n, err := strconv.Atoi(f[2])
				require.NoError(t, err, "journal line %q", l)
				require.Positive(t, n, "worker %s holds a transaction with no acknowledged record", w.name)
				return n
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker %s did not hold a transaction within a minute:\n%s", w.name, w.tail())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// eosWorker is the state of one exactly-once worker process.
type eosWorker struct {
	t    *testing.T
	j    *journal
	name string
	prod *kafka.Producer
	cons *kafka.Consumer
}

// next polls for the next input message, nil after timeoutMs without one.
func (w *eosWorker) next(timeoutMs int) *kafka.Message {
	switch e := w.cons.Poll(timeoutMs).(type) {
	case *kafka.Message:
		if e.TopicPartition.Error == nil {
			return e
		}
		w.j.line("I %s consume: %v", w.name, e.TopicPartition.Error)
	case kafka.Error:
		w.j.line("I %s consumer error: %v", w.name, e)
	}
	return nil
}

// commit sends the consumed positions with the transaction and commits it,
// retrying retriable errors; false means the transaction must be aborted.
func (w *eosWorker) commit(ctx context.Context) bool {
	assignment, err := w.cons.Assignment()
	require.NoError(w.t, err)
	positions, err := w.cons.Position(assignment)
	require.NoError(w.t, err)
	md, err := w.cons.GetConsumerGroupMetadata()
	require.NoError(w.t, err)
	if !w.retry("SendOffsetsToTransaction", func() error { return w.prod.SendOffsetsToTransaction(ctx, positions, md) }) {
		return false
	}
	if !w.retry("CommitTransaction", func() error { return w.prod.CommitTransaction(ctx) }) {
		return false
	}
	w.j.line("T %s committed %v", w.name, positions)
	return true
}

// abort aborts the transaction and rewinds the consumer to the committed
// offsets, so that the aborted inputs are processed again.
func (w *eosWorker) abort(ctx context.Context) {
	w.retry("AbortTransaction", func() error { return w.prod.AbortTransaction(ctx) })
	assignment, err := w.cons.Assignment()
	require.NoError(w.t, err)
	committed, err := w.cons.Committed(assignment, 30_000)
	require.NoError(w.t, err)
	for i := range committed {
		if committed[i].Offset < 0 {
			committed[i].Offset = kafka.OffsetBeginning
		}
	}
	res, err := w.cons.SeekPartitions(committed)
	require.NoError(w.t, err)
	for _, tp := range res {
		require.NoError(w.t, tp.Error)
	}
	w.j.line("A %s aborted, rewound to %v", w.name, committed)
}

// retry calls fn until it succeeds (true) or fails with an error that is
// not retriable (false). A fatal error ends the process, as librdkafka's
// documentation says the application must then start over.
func (w *eosWorker) retry(what string, fn func() error) bool {
	for {
		err := fn()
		if err == nil {
			return true
		}
		w.j.line("E %s %s: %v", w.name, what, err)
		var ke kafka.Error
		if !errors.As(err, &ke) {
			w.t.Fatalf("%s: %v is not a kafka.Error", what, err)
		}
		switch {
		case ke.IsFatal():
			fmt.Fprintf(os.Stderr, "%s: fatal: %v\n", what, err)
			os.Exit(3)
		case ke.IsRetriable():
			time.Sleep(100 * time.Millisecond)
		default:
			return false
		}
	}
}
