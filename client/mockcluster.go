package client

import (
	"net"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

// MockCluster is an in-process Kafka cluster for tests, confluent's
// librdkafka mock cluster rebuilt on franz-go's kfake. Broker ids are 1..n
// in this API, as in librdkafka's mock; kfake itself numbers its nodes from 0,
// which is what metadata reports.
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
// creates topics on first use.
func NewMockCluster(brokerCount int) (*MockCluster, error) {
	if brokerCount < 1 {
		return nil, Errorf(ErrInvalidArg, "brokerCount must be at least 1, got %d", brokerCount)
	}
	m := &mockCluster{}
	var mu sync.Mutex
	fake, err := kfake.NewCluster(
		kfake.NumBrokers(brokerCount),
		kfake.AllowAutoTopicCreation(),
		kfake.ListenFn(func(network, address string) (net.Listener, error) {
			ln, err := net.Listen(network, address)
			if err != nil {
				return nil, err
			}
			ml := &mockListener{Listener: ln, conns: map[net.Conn]struct{}{}}
			mu.Lock()
			m.brokers = append(m.brokers, ml)
			mu.Unlock()
			return ml, nil
		}),
	)
	if err != nil {
		return nil, Errorf(ErrFail, "starting mock cluster: %v", err)
	}
	m.fake = fake
	m.bootstrap = strings.Join(fake.ListenAddrs(), ",")
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
	return mc.impl.each(brokerID, func(l *mockListener) { l.setDown(true) })
}

// SetBrokerUp brings broker brokerID (1..n, or -1 for all) back.
func (mc *MockCluster) SetBrokerUp(brokerID int) error {
	return mc.impl.each(brokerID, func(l *mockListener) { l.setDown(false) })
}

// SetRoundtripDuration delays every response of broker brokerID (1..n, or -1
// for all) by rtt, simulating network latency.
func (mc *MockCluster) SetRoundtripDuration(brokerID int, rtt time.Duration) error {
	return mc.impl.each(brokerID, func(l *mockListener) { l.setRTT(rtt) })
}

// Close shuts the cluster down.
func (mc *MockCluster) Close() {
	mc.impl.fake.Close()
}

func (m *mockCluster) each(brokerID int, fn func(*mockListener)) error {
	if brokerID == -1 {
		for _, l := range m.brokers {
			fn(l)
		}
		return nil
	}
	if brokerID < 1 || brokerID > len(m.brokers) {
		// librdkafka's mock cluster answers an unknown id with
		// ErrBrokerNotAvailable; the text adds what the valid ids are.
		return Errorf(ErrBrokerNotAvailable, "no broker %d in a cluster of %d (ids are 1..%d, or -1 for all)",
			brokerID, len(m.brokers), len(m.brokers))
	}
	fn(m.brokers[brokerID-1])
	return nil
}

// mockListener is one broker's listener. Going down closes its accepted
// connections and closes new ones as they arrive, which is what a client sees
// of a dead broker; latency delays what the broker writes.
type mockListener struct {
	net.Listener
	mu    sync.Mutex
	down  bool
	rtt   time.Duration
	conns map[net.Conn]struct{}
}

func (l *mockListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		if l.down {
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

func (l *mockListener) setDown(down bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.down = down
	if down {
		for c := range l.conns {
			_ = c.(*mockConn).Conn.Close()
		}
		clear(l.conns)
	}
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
