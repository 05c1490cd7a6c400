package bench

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// produceConf is one produce run, identical for every client.
type produceConf struct {
	bootstrap string
	topic     string
	valueSize int
	codec     string        // "none" or "lz4"
	linger    time.Duration // linger, or 0 for the latency workload
	// paced selects the latency workload: one message every
	// latencyInterval, each one's Produce-to-report time recorded.
	paced bool
}

// consumeConf is one consume run, identical for every client.
type consumeConf struct {
	bootstrap string
	topic     string
	valueSize int
	// group, when set, selects the group workload: subscribe as this
	// group, commit synchronously every commitEvery messages and at the end.
	// Otherwise the client reads every partition from the start, no group.
	group string
}

// client is one Kafka client library under test. A run sets its client up,
// warms it (connection, metadata, producer id) outside the measurement, calls
// m.begin, does m.n messages of work (consumers: m.total(), see
// newConsumeMeter), calls m.end, and tears down.
type client struct {
	name    string
	produce func(m *meter, pc produceConf) error
	consume func(m *meter, cc consumeConf) error // nil: not available
	// throughputOnly marks a diagnostic variant of a client that runs only
	// the produce throughput workload (see noreports_test.go).
	throughputOnly bool
}

// clientOrder is the order clients appear in output and tables.
var clientOrder = []string{"purekafka", "purekafka-noreports", "confluent", "franz-go", "sarama", "kafka-go"}

var clients = map[string]*client{}

// registerProduce and registerConsume are called by each client's files.
func registerProduce(name string, f func(*meter, produceConf) error) {
	clientNamed(name).produce = f
}

func registerConsume(name string, f func(*meter, consumeConf) error) {
	clientNamed(name).consume = f
}

func clientNamed(name string) *client {
	c := clients[name]
	if c == nil {
		c = &client{name: name}
		clients[name] = c
	}
	return c
}

// errNoConsumer marks a client without a consume workload.
var errNoConsumer = errors.New("this client has no consume workload")

// deliveries tracks the delivery reports of one produce run: it counts
// them, keeps the first error, and in the latency workload paces sends and
// records each message's Produce-to-report time into the meter.
type deliveries struct {
	m    *meter
	want int64
	got  atomic.Int64
	done chan struct{}

	errOnce sync.Once
	err     error

	base time.Time
	sent []atomic.Int64 // paced: send time of message i, ns since base
}

func newDeliveries(m *meter, paced bool) *deliveries {
	d := &deliveries{m: m, want: int64(m.n), done: make(chan struct{})}
	if paced {
		d.sent = make([]atomic.Int64, m.n)
		m.lat = make([]time.Duration, m.n)
	}
	return d
}

// pace sleeps until message i's turn in the latency workload and stamps
// its send time. It must be called after m.begin.
func (d *deliveries) pace(i int) {
	if i == 0 {
		d.base = time.Now()
	}
	if wait := time.Until(d.base.Add(time.Duration(i) * latencyInterval)); wait > 0 {
		time.Sleep(wait)
	}
	d.sent[i].Store(int64(time.Since(d.base)))
}

// ack records the delivery report of message id (id matters only when
// paced) with its error.
func (d *deliveries) ack(id int, err error) {
	if err != nil {
		d.fail(fmt.Errorf("delivery of message %d: %w", id, err))
	}
	if d.sent != nil && id >= 0 && id < len(d.sent) {
		d.m.lat[id] = time.Since(d.base) - time.Duration(d.sent[id].Load())
	}
	if d.got.Add(1) == d.want {
		close(d.done)
	}
}

// ackN records n successful delivery reports at once (throughput only).
func (d *deliveries) ackN(n int, err error) {
	if err != nil {
		d.fail(err)
	}
	if g := d.got.Add(int64(n)); g >= d.want && g-int64(n) < d.want {
		close(d.done)
	}
}

// fail records err as the run's error.
func (d *deliveries) fail(err error) {
	d.errOnce.Do(func() { d.err = err })
}

// waitProgress blocks briefly until at least one more report arrived, for
// a producer whose buffer is full.
func (d *deliveries) waitProgress(seen int64) {
	for d.got.Load() == seen {
		time.Sleep(100 * time.Microsecond)
	}
}

// wait blocks until every report arrived (or waitLimit passed) and returns
// the first delivery error.
func (d *deliveries) wait() error {
	select {
	case <-d.done:
	case <-time.After(waitLimit):
		return fmt.Errorf("%d of %d delivery reports after %v", d.got.Load(), d.want, waitLimit)
	}
	d.errOnce.Do(func() {})
	return d.err
}

// counter counts consumed messages for clients that consume on several
// goroutines, starting the meter after the warm-up and signalling the last.
type counter struct {
	m    *meter
	n    atomic.Int64
	done chan struct{}
}

func newCounter(m *meter) *counter { return &counter{m: m, done: make(chan struct{})} }

// next counts one message, starting the meter after the warm-up, and
// returns its 1-based position.
func (c *counter) next() int64 {
	k := c.n.Add(1)
	c.m.seen(int(k))
	return k
}

// settle signals the end of the run when k (from next) is the last
// message; the caller does what must happen before the end first.
func (c *counter) settle(k int64) {
	if k == int64(c.m.total()) {
		close(c.done)
	}
}

// add counts one message; the n-th ends the run.
func (c *counter) add() { c.settle(c.next()) }

// wait blocks until n messages were counted, an error arrived on errc (which
// may be nil), or waitLimit passed.
func (c *counter) wait(errc <-chan error) error {
	select {
	case <-c.done:
		return nil
	case err := <-errc:
		return err
	case <-time.After(waitLimit):
		return fmt.Errorf("consumed %d of %d messages in %v", c.n.Load(), c.m.total(), waitLimit)
	}
}
