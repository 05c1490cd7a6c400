package client

import (
	"fmt"
	"net"
	"strconv"
	"sync"
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
// broker that fails: TLS failures as ErrSsl, SASL failures as
// ErrAuthentication. Other connection failures (refused, reset, timeouts)
// are not raised: franz-go retries them and they reach the application
// through the calls and deliveries they fail.
//
// Like librdkafka, it raises an error for a broker only when it differs
// from the last one raised for that broker, so a client retrying against a
// broker that keeps refusing it reports the problem once, not on every
// attempt; a successful connection resets this.
type connErrors struct {
	h *Instance

	mu   sync.Mutex
	last map[string]string // broker name -> text of the last error raised
}

var _ kgo.HookBrokerConnect = (*connErrors)(nil)

// OnBrokerConnect implements kgo.HookBrokerConnect. franz-go calls it after
// every connection attempt, with the dial error (TLS included, since the
// handshake is part of purekafka's dialer) or the error that ended the
// connection's initialisation (ApiVersions, SASL).
func (c *connErrors) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	name := c.brokerName(meta)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err == nil {
		delete(c.last, name)
		return
	}
	e := ErrorFromKgo(err)
	var prefix string
	switch e.Code() {
	case ErrSsl:
		prefix = "SSL handshake failed: "
	case ErrAuthentication:
	default:
		return
	}
	text := fmt.Sprintf("%s: %s%s", name, prefix, e.Error())
	if c.last[name] == text {
		return
	}
	if c.last == nil {
		c.last = map[string]string{}
	}
	c.last[name] = text
	c.h.relay.emit(NewError(e.Code(), text, false))
}

// brokerName names a broker the way librdkafka's error texts do:
// "proto://host:port/id", with "bootstrap" for a seed broker whose id is
// not known yet.
func (c *connErrors) brokerName(meta kgo.BrokerMetadata) string {
	id := "bootstrap"
	if meta.NodeID >= 0 {
		id = strconv.Itoa(int(meta.NodeID))
	}
	return fmt.Sprintf("%s://%s/%s", c.h.cfg.SecurityProtocol, net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port))), id)
}
