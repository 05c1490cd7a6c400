package faults

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.uber.org/goleak"

	"github.com/purekafka/purekafka/kafka"
)

// networkRate is the pace of the producer in the network test, in messages
// per second: slow enough that sliced connections keep up, steady enough
// that every fault finds requests in flight.
const (
	networkRate       = 1_000
	networkPartitions = 3
	networkSocketMs   = 10_000 // socket.timeout.ms: a stall longer than this must be detected
)

// TestNetworkFaultsThroughProxy puts the loopback proxy between an
// idempotent producer plus a group consumer and the cluster, and while
// messages flow: slices every frame into 7-byte writes, stalls all traffic
// for longer than socket.timeout.ms (the client must time the requests out
// and reconnect) and for a short while (it must just wait), and resets every
// connection with a TCP RST, repeatedly. No broker is harmed.
//
// Afterwards every message must be acknowledged, stored once and in order
// (read back directly, not through the proxy), the consumer must have read
// every one (at least once: a redelivery after a reset is legitimate), and
// after Close no goroutine of the clients may be left (goleak).
func TestNetworkFaultsThroughProxy(t *testing.T) {
	cl := threeNodes(t)
	topic := cl.CreateTopicRF(t, networkPartitions, nodes)
	brokers := brokerAddrs(t, cl)
	// Everything running now (the test framework, the admin clients) is
	// not the clients' doing.
	baseline := goleak.IgnoreCurrent()

	px := newProxy(t, brokers)
	common := kafka.ConfigMap{"bootstrap.servers": px.bootstrap(), "socket.timeout.ms": networkSocketMs}
	pconf := kafka.ConfigMap{"enable.idempotence": true, "linger.ms": 5}
	cconf := kafka.ConfigMap{"group.id": "g-" + topic, "auto.offset.reset": "earliest", "session.timeout.ms": 30_000}
	for k, v := range common {
		pconf[k], cconf[k] = v, v
	}
	p, err := kafka.NewProducer(&pconf)
	require.NoError(t, err)
	c, err := kafka.NewConsumer(&cconf)
	require.NoError(t, err)
	require.NoError(t, c.SubscribeTopics([]string{topic}, nil))

	var (
		stop     = make(chan struct{})
		wg       sync.WaitGroup
		produced atomic.Int64
		acked    sync.Map // seq -> true
		failed   atomic.Int64
	)
	dc := make(chan kafka.Event, 10_000)
	wg.Go(func() { // delivery reports
		for ev := range dc {
			m := ev.(*kafka.Message)
			if m.TopicPartition.Error != nil {
				failed.Add(1)
				logf("delivery failed: %v", m.TopicPartition.Error)
				continue
			}
			acked.Store(m.Opaque.(int), true)
		}
	})
	wg.Go(func() { logEvents(p.Events()) }) // until Close closes Events
	prodDone := make(chan struct{})
	go func() { // the paced producer
		defer close(prodDone)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			for range networkRate / 100 {
				err := p.Produce(&kafka.Message{
					TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
					Key:            seqKey(i, 100),
					Value:          seqValue(i),
					Opaque:         i,
				}, dc)
				if err != nil {
					logf("Produce %d: %v", i, err)
					break
				}
				i++
				produced.Store(int64(i))
			}
		}
	}()
	consumed := &consumerTally{seen: map[int]int{}}
	consDone := make(chan struct{})
	go func() { // the consumer
		defer close(consDone)
		for {
			select {
			case <-stop:
				return
			default:
			}
			switch e := c.Poll(100).(type) {
			case *kafka.Message:
				consumed.add(e)
			case kafka.Error:
				logf("consumer error: %v", e)
			}
		}
	}()

	steady := func(d time.Duration) {
		time.Sleep(d)
		logf("produced %d, acked %d, consumed %d; proxy: %v", produced.Load(), count(&acked), consumed.distinct(), px)
	}
	steady(3 * time.Second)
	logf("slicing frames into 7-byte writes")
	px.setSlice(7)
	steady(5 * time.Second)
	px.setSlice(0)
	logf("stalling all traffic for %v (> socket.timeout.ms)", networkSocketMs*time.Millisecond*3/2)
	px.stall()
	steady(networkSocketMs * time.Millisecond * 3 / 2)
	px.resume()
	steady(3 * time.Second)
	logf("stalling all traffic for 2s")
	px.stall()
	steady(2 * time.Second)
	px.resume()
	for i := range 5 {
		logf("reset %d: %d connections cut", i+1, px.reset())
		steady(time.Second)
	}
	logf("slicing into 1-byte writes and resetting")
	px.setSlice(1)
	steady(time.Second)
	logf("reset: %d connections cut", px.reset())
	steady(2 * time.Second)
	px.setSlice(0)

	// Let the stream drain: everything produced acknowledged and consumed.
	close(stop)
	<-prodDone
	n := int(produced.Load())
	left := p.Flush(120_000)
	<-consDone
	deadline := time.Now().Add(2 * time.Minute)
	for consumed.distinct() < count(&acked) && time.Now().Before(deadline) {
		if m, ok := c.Poll(100).(*kafka.Message); ok {
			consumed.add(m)
		}
	}
	require.NoError(t, c.Close())
	p.Close()
	close(dc)
	wg.Wait()
	require.NoError(t, px.close())
	leak := goleak.Find(baseline)

	s := check(t, readAll(t, cl, topic, false), n, func(i int) bool { _, ok := acked.Load(i); return ok })
	fmt.Printf("network faults through a proxy (slices, stalls of %ds and 2s, %d connections reset): %s; failed deliveries %d, "+
		"consumer read %d distinct (%d redelivered), goroutines leaked after Close: %v\n",
		networkSocketMs*3/2/1000, px.resets, s, failed.Load(), consumed.distinct(), consumed.redelivered(), leak != nil)
	assert.Zero(t, left, "messages left after Flush")
	assert.Zero(t, failed.Load(), "failed deliveries")
	assert.Equal(t, n, s.acked, "acknowledged")
	assert.Zero(t, s.lost, "lost")
	assert.Zero(t, s.duplicated, "duplicated")
	assert.Zero(t, s.reordered, "reordered")
	assert.Equal(t, s.acked, consumed.distinct(), "messages the consumer read")
	assert.NoError(t, leak, "goroutines left after Close")
}

// brokerAddrs returns the brokers' advertised host:port addresses.
func brokerAddrs(t *testing.T, cl *cluster) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	bs, err := cl.adm.ListBrokers(ctx)
	require.NoError(t, err)
	var out []string
	for _, b := range bs {
		out = append(out, net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port))))
	}
	require.Len(t, out, nodes)
	return out
}

func count(m *sync.Map) int {
	n := 0
	m.Range(func(any, any) bool { n++; return true })
	return n
}

// consumerTally counts what a consumer read, by sequence number.
type consumerTally struct {
	mu   sync.Mutex
	seen map[int]int
	dups int
}

func (c *consumerTally) add(m *kafka.Message) {
	i, err := strconv.Atoi(string(m.Value))
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[i]++; c.seen[i] > 1 {
		c.dups++
	}
}

func (c *consumerTally) distinct() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}

func (c *consumerTally) redelivered() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dups
}

// TestProxyRoutesEveryConnection checks the test's own tool against the
// embedded kfake cluster (so it runs without the three-node cluster): once
// a client bootstraps through the proxy, its connections to every broker go
// through the proxy, stalls hold traffic, and resets cut it.
func TestProxyRoutesEveryConnection(t *testing.T) {
	fake, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.SeedTopics(3, "t"))
	require.NoError(t, err)
	defer fake.Close()
	baseline := goleak.IgnoreCurrent()
	px := newProxy(t, fake.ListenAddrs())

	cl, err := kgo.NewClient(kgo.SeedBrokers(px.addrs()...), kgo.DefaultProduceTopic("t"), kgo.RecordPartitioner(kgo.RoundRobinPartitioner()))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	produce := func() {
		for i := range 30 { // ten per partition: every leader gets some
			require.NoError(t, cl.ProduceSync(ctx, &kgo.Record{Value: []byte(strconv.Itoa(i))}).FirstErr())
		}
	}
	produce()
	px.mu.Lock()
	open := len(px.conns)
	px.mu.Unlock()
	// A connection is two sockets; the seed connection plus one per broker
	// at least, and nothing that bypasses the proxy.
	assert.GreaterOrEqual(t, open, 2*3, "connections through the proxy")
	assert.Positive(t, px.reset(), "connections reset")
	produce() // recovers from the reset

	px.stall()
	done := make(chan error, 1)
	cl.Produce(ctx, &kgo.Record{Value: []byte("x")}, func(_ *kgo.Record, err error) { done <- err })
	select { // nothing can get through a stalled proxy, so this never flakes
	case err := <-done:
		t.Fatalf("produced through a stalled proxy (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	px.resume()
	require.NoError(t, <-done, "produce held by the stall")
	px.setSlice(1)
	produce()
	cl.Close()
	require.NoError(t, px.close())
	goleak.VerifyNone(t, baseline)
}
