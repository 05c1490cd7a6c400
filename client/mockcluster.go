package client

import (
	"net"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

// MockCluster is an in-process Kafka cluster for tests, confluent's
// librdkafka mock cluster rebuilt on franz-go's kfake. Its brokers have the
// ids 1..n, as in librdkafka's mock, both in this API and in the metadata
// clients see, so an id read from GetMetadata can be given to SetBrokerDown.
type MockCluster struct {
	impl *mockCluster // a single pointer keeps MockCluster comparable, as confluent's is
}

type mockCluster struct {
	fake    *kfake.Cluster
	brokers []*mockListener // index: broker id - 1
	// bootstrap is kept from the start: kfake cannot answer once closed,
	// and the reference still returns the addresses after Close.
	bootstrap string
}

// NewMockCluster starts a cluster of brokerCount brokers on 127.0.0.1 that
// creates topics on first use, with 4 partitions as librdkafka's does.
func NewMockCluster(brokerCount int) (*MockCluster, error) {
	if brokerCount < 1 {
		return nil, Errorf(ErrInvalidArg, "brokerCount must be at least 1, got %d", brokerCount)
	}
	m := &mockCluster{}
	var mu sync.Mutex
	// kfake numbers its brokers from 0 and makes the last one the
	// controller. One broker more than asked for is started and broker 0
	// removed, which leaves ids 1..n and a controller among them.
	fake, err := kfake.NewCluster(
		kfake.NumBrokers(brokerCount+1),
		kfake.AllowAutoTopicCreation(),
		// librdkafka's mock cluster creates topics with 4 partitions.
		kfake.DefaultNumPartitions(4),
		kfake.ListenFn(func(network, address string) (net.Listener, error) {
			ln, err := net.Listen(network, address)
			if err != nil {
				return nil, err
			}
			ml := newMockListener(network, ln)
			mu.Lock()
			m.brokers = append(m.brokers, ml)
			mu.Unlock()
			return ml, nil
		}),
	)
	if err != nil {
		return nil, Errorf(ErrFail, "starting mock cluster: %v", err)
	}
	if err := fake.RemoveNode(0); err != nil {
		fake.Close()
		return nil, Errorf(ErrFail, "starting mock cluster: %v", err)
	}
	// The listeners were made in node order, node 0's first.
	m.brokers = m.brokers[1:]
	m.fake = fake
	addrs := make([]string, len(m.brokers))
	for i, l := range m.brokers {
		addrs[i] = l.addr.String()
	}
	m.bootstrap = strings.Join(addrs, ",")
	return &MockCluster{impl: m}, nil
}

// BootstrapServers returns the cluster's bootstrap.servers value.
func (mc *MockCluster) BootstrapServers() string {
	return mc.impl.bootstrap
}

// CreateTopic creates topic with the given partition count. The replication
// factor is accepted for compatibility; the fake keeps one copy.
func (mc *MockCluster) CreateTopic(topic string, partitions, replicationFactor int) error {
	if partitions < 1 || replicationFactor < 1 {
		return Errorf(ErrInvalidArg, "partitions (%d) and replicationFactor (%d) must be at least 1", partitions, replicationFactor)
	}
	if err := mc.impl.fake.CreateTopic(topic, int32(partitions), nil); err != nil {
		return Errorf(ErrTopicAlreadyExists, "%v", err)
	}
	return nil
}

// SetBrokerDown makes broker brokerID (1..n, or -1 for all) drop its
// connections and refuse new ones until SetBrokerUp.
func (mc *MockCluster) SetBrokerDown(brokerID int) error {
	return mc.impl.each(brokerID, func(l *mockListener) error { return l.setDown(true) })
}

// SetBrokerUp brings broker brokerID (1..n, or -1 for all) back.
func (mc *MockCluster) SetBrokerUp(brokerID int) error {
	return mc.impl.each(brokerID, func(l *mockListener) error { return l.setDown(false) })
}

// SetRoundtripDuration delays every response of broker brokerID (1..n, or -1
// for all) by rtt, simulating network latency.
func (mc *MockCluster) SetRoundtripDuration(brokerID int, rtt time.Duration) error {
	return mc.impl.each(brokerID, func(l *mockListener) error { l.setRTT(rtt); return nil })
}

// Close shuts the cluster down.
func (mc *MockCluster) Close() {
	mc.impl.fake.Close()
}

func (m *mockCluster) each(brokerID int, fn func(*mockListener) error) error {
	if brokerID == -1 {
		var first error
		for _, l := range m.brokers {
			if err := fn(l); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	if brokerID < 1 || brokerID > len(m.brokers) {
		// librdkafka's mock cluster answers an unknown id with
		// ErrBrokerNotAvailable; the text adds what the valid ids are.
		return Errorf(ErrBrokerNotAvailable, "no broker %d in a cluster of %d (ids are 1..%d, or -1 for all)",
			brokerID, len(m.brokers), len(m.brokers))
	}
	return fn(m.brokers[brokerID-1])
}

// mockListener is one broker's listener. Going down closes the listening
// socket and the accepted connections, so that clients see what they see of
// a dead broker: connections reset, new ones refused. (Accepting and
// closing at once instead would look to franz-go like a TLS broker spoken
// to in plaintext, which it gives up on rather than retries.) Coming back
// up listens again on the same address. Latency delays what the broker
// writes.
type mockListener struct {
	network string
	addr    net.Addr

	mu     sync.Mutex
	ln     net.Listener  // nil while down
	up     chan struct{} // closed when the broker comes back up or the listener closes
	closed bool
	rtt    time.Duration
	conns  map[net.Conn]struct{}
}

func newMockListener(network string, ln net.Listener) *mockListener {
	return &mockListener{network: network, addr: ln.Addr(), ln: ln, conns: map[net.Conn]struct{}{}}
}

// Accept implements net.Listener: it waits out the periods the broker is
// down, and fails only once the listener is closed.
func (l *mockListener) Accept() (net.Conn, error) {
	for {
		l.mu.Lock()
		ln, up, closed := l.ln, l.up, l.closed
		l.mu.Unlock()
		if closed {
			return nil, net.ErrClosed
		}
		if ln == nil {
			<-up
			continue
		}
		c, err := ln.Accept()
		if err != nil {
			l.mu.Lock()
			replaced := l.ln != ln && !l.closed
			l.mu.Unlock()
			if replaced {
				continue // taken down (and perhaps up again) meanwhile
			}
			return nil, err
		}
		l.mu.Lock()
		if l.ln != ln {
			// Accepted just as the broker went down.
			l.mu.Unlock()
			_ = c.Close()
			continue
		}
		mc := &mockConn{Conn: c, l: l}
		l.conns[mc] = struct{}{}
		l.mu.Unlock()
		return mc, nil
	}
}

// Addr implements net.Listener; it stays the same across restarts.
func (l *mockListener) Addr() net.Addr { return l.addr }

// Close implements net.Listener.
func (l *mockListener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	if l.up != nil {
		close(l.up)
		l.up = nil
	}
	if l.ln != nil {
		return l.ln.Close()
	}
	return nil
}

func (l *mockListener) setDown(down bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed || down == (l.ln == nil) {
		return nil
	}
	if down {
		err := l.ln.Close()
		l.ln = nil
		l.up = make(chan struct{})
		for c := range l.conns {
			_ = c.(*mockConn).Conn.Close()
		}
		clear(l.conns)
		return err
	}
	ln, err := net.Listen(l.network, l.addr.String())
	if err != nil {
		return Errorf(ErrTransport, "bringing broker at %s back up: %v", l.addr, err)
	}
	l.ln = ln
	close(l.up)
	l.up = nil
	return nil
}

func (l *mockListener) setRTT(d time.Duration) {
	l.mu.Lock()
	l.rtt = d
	l.mu.Unlock()
}

type mockConn struct {
	net.Conn
	l *mockListener
}

// Write delays each response by the broker's round-trip time.
func (c *mockConn) Write(b []byte) (int, error) {
	c.l.mu.Lock()
	rtt := c.l.rtt
	c.l.mu.Unlock()
	if rtt > 0 {
		time.Sleep(rtt)
	}
	return c.Conn.Write(b)
}

func (c *mockConn) Close() error {
	c.l.mu.Lock()
	delete(c.l.conns, c)
	c.l.mu.Unlock()
	return c.Conn.Close()
}
