package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// SetEventSink tells the instance where to deliver the events it raises
// itself, independently of what the owner does: client-level Error events
// for failed connections (ErrSsl, ErrAuthentication) and
// OAuthBearerTokenRefresh requests. The owner (Producer, Consumer) calls it
// once with a function that queues the event for its Poll/Events; events
// raised before that are held and delivered then, in order. An instance
// without a sink (a standalone AdminClient, which has no event API, as in
// confluent-kafka-go) holds at most maxHeldEvents and drops the rest.
//
// sink is called from an instance goroutine, never from franz-go's, so it
// may take the owner's locks; it must not block for long.
func (h *Instance) SetEventSink(sink func(Event)) { h.relay.setSink(sink) }

// eventRelay hands instance events to the owner's sink on its own
// goroutine: the events are raised on franz-go's connection goroutines and
// on timers, which must never wait for an owner that may be holding its own
// lock while it waits for franz-go.
type eventRelay struct {
	mu      sync.Mutex
	sink    func(Event)
	queue   []Event
	running bool
	closed  bool
}

// maxHeldEvents bounds what an instance without a sink keeps, so that a
// long-lived AdminClient's periodic OAUTHBEARER refresh requests cannot
// accumulate without end.
const maxHeldEvents = 1000

// emit queues ev for the sink.
func (r *eventRelay) emit(ev Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || (r.sink == nil && len(r.queue) >= maxHeldEvents) {
		return
	}
	r.queue = append(r.queue, ev)
	r.kickLocked()
}

func (r *eventRelay) setSink(sink func(Event)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sink = sink
	r.kickLocked()
}

// kickLocked starts the delivering goroutine when there is work and a sink.
func (r *eventRelay) kickLocked() {
	if r.sink != nil && !r.running && len(r.queue) > 0 && !r.closed {
		r.running = true
		go r.deliver()
	}
}

func (r *eventRelay) deliver() {
	for {
		r.mu.Lock()
		if r.closed || len(r.queue) == 0 {
			r.running = false
			r.mu.Unlock()
			return
		}
		ev, sink := r.queue[0], r.sink
		r.queue[0] = nil
		r.queue = r.queue[1:]
		r.mu.Unlock()
		sink(ev)
	}
}

// close drops what is queued and stops delivery.
func (r *eventRelay) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	r.queue = nil
}

// connErrors is the kgo.HookBrokerConnect that turns failed connection
// attempts into client-level Error events, as librdkafka raises them for a
// broker that fails: a connection that cannot be made as ErrTransport, TLS
// failures as ErrSsl, SASL failures as ErrAuthentication. A connection
// that is made and then fails its set-up in another way (the broker hangs up
// during ApiVersions) raises nothing of its own: franz-go retries it and it
// reaches the application through the calls and deliveries it fails.
//
// Like librdkafka, it raises an error for a broker only when it differs
// from the last one raised for that broker, so a client retrying against a
// broker that keeps refusing it reports the problem once, not on every
// attempt; a successful connection resets this.
//
// It also keeps librdkafka's view of which brokers are down: every broker
// is known by its address (a bootstrap server and the broker the cluster
// advertises at the same address are one broker, as librdkafka merges
// them), and one whose last connection attempt failed is down. When a
// failure leaves every known broker down, it raises ErrAllBrokersDown
// ("N/N brokers are down") after the failure's own event. It does so once
// per transition into that state, where librdkafka repeats it on every
// failed reconnection: a connection that succeeds, to any broker, re-arms
// it. Connections that franz-go closes because they were idle do not make
// a broker down, since nothing failed.
type connErrors struct {
	h *Instance

	mu      sync.Mutex
	last    map[string]string // broker name -> stem of the last error raised
	down    map[string]bool   // broker address -> whether its last attempt failed
	allDown bool              // ErrAllBrokersDown was raised and nothing connected since
}

var _ kgo.HookBrokerConnect = (*connErrors)(nil)

// OnBrokerConnect implements kgo.HookBrokerConnect. franz-go calls it after
// every connection attempt, with the dial error (TLS included, since the
// handshake is part of purekafka's dialer) or the error that ended the
// connection's initialisation (ApiVersions, SASL).
func (c *connErrors) OnBrokerConnect(meta kgo.BrokerMetadata, took time.Duration, _ net.Conn, err error) {
	if err != nil && (c.h.IsClosed() || errors.Is(err, context.Canceled) || errors.Is(err, kgo.ErrClientClosed)) {
		// An attempt abandoned because its caller or the client went away
		// says nothing about the broker; librdkafka is silent while
		// terminating too.
		return
	}
	name := c.brokerName(meta)
	c.mu.Lock()
	defer c.mu.Unlock()
	addr := net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
	c.noteState(addr, err != nil)
	if err == nil {
		delete(c.last, name)
		c.allDown = false
		return
	}
	if code, stem, suffix, ok := c.describe(err, took, addr); ok && c.last[name] != stem {
		if c.last == nil {
			c.last = map[string]string{}
		}
		c.last[name] = stem
		c.h.relay.emit(NewError(code, name+": "+stem+suffix, false))
	}
	if !c.allDown && c.countDown() == len(c.down) {
		c.allDown = true
		c.h.relay.emit(NewError(ErrAllBrokersDown, fmt.Sprintf("%d/%d brokers are down", len(c.down), len(c.down)), false))
	}
}

// noteState records addr's state, first adding the bootstrap servers to
// the known brokers so that one failing seed among several is not taken
// for the whole cluster.
func (c *connErrors) noteState(addr string, failed bool) {
	if c.down == nil {
		c.down = map[string]bool{}
		for _, s := range c.h.cfg.BootstrapServers {
			c.down[s] = false
		}
	}
	c.down[addr] = failed
}

func (c *connErrors) countDown() int {
	n := 0
	for _, d := range c.down {
		if d {
			n++
		}
	}
	return n
}

// describe returns the code and text of the Error event a failed attempt
// raises, split into the stem that identifies the failure and a suffix
// (how long the attempt took) that varies between attempts; ok is false
// for failures that raise nothing.
func (c *connErrors) describe(err error, took time.Duration, addr string) (code ErrorCode, stem, suffix string, ok bool) {
	e := ErrorFromKgo(err)
	switch e.Code() {
	case ErrSsl:
		return ErrSsl, "SSL handshake failed: " + e.Error(), "", true
	case ErrAuthentication:
		return ErrAuthentication, e.Error(), "", true
	}
	oe, isOp := errors.AsType[*net.OpError](err)
	if !isOp || oe.Op != "dial" {
		return 0, "", "", false
	}
	suffix = fmt.Sprintf(" (after %dms in state CONNECT)", took.Milliseconds())
	if dnsErr, isDNS := errors.AsType[*net.DNSError](err); isDNS {
		return ErrResolve, fmt.Sprintf("Failed to resolve '%s': %s", addr, capitalize(dnsErr.Err)), suffix, true
	}
	if oe.Timeout() {
		return ErrTransport, "Connection setup timed out in state CONNECT", suffix, true
	}
	reason := oe.Err.Error()
	if errno, isErrno := errors.AsType[syscall.Errno](err); isErrno {
		reason = errno.Error() // strerror, as librdkafka words it
	}
	return ErrTransport, fmt.Sprintf("Connect to %s failed: %s", sockaddrName(oe.Addr), capitalize(reason)), suffix, true
}

// sockaddrName writes a dialled address as librdkafka does: "ipv4#1.2.3.4:9092"
// or "ipv6#[::1]:9092".
func sockaddrName(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp == nil {
		if a == nil {
			return "(unknown)"
		}
		return a.String()
	}
	family := "ipv6"
	if tcp.IP.To4() != nil {
		family = "ipv4"
	}
	return family + "#" + net.JoinHostPort(tcp.IP.String(), strconv.Itoa(tcp.Port))
}

// capitalize upper-cases the first letter, turning Go's error texts into the
// strerror wording librdkafka prints ("Connection refused").
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// brokerName names a broker the way librdkafka's error texts do:
// "host:port/id", prefixed by "proto://" unless the protocol is plaintext,
// with "bootstrap" for a seed broker whose id is not known yet.
func (c *connErrors) brokerName(meta kgo.BrokerMetadata) string {
	id := "bootstrap"
	if meta.NodeID >= 0 {
		id = strconv.Itoa(int(meta.NodeID))
	}
	name := net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port))) + "/" + id
	if p := c.h.cfg.SecurityProtocol; p != "" && p != "plaintext" {
		name = p + "://" + name
	}
	return name
}
