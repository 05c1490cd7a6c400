package compat

import (
	"net"
	"regexp"
	"sort"
	"time"
)

// Scenarios of a producer or consumer that cannot reach a broker:
// message.timeout.ms failing what was never delivered (ErrMsgTimedOut) and
// the client-level Error events of connections that fail (ErrTransport,
// then ErrAllBrokersDown once no broker is up).

func init() {
	register(
		scenario{name: "produce/timeout-unreachable", run: timeoutUnreachable},
		scenario{name: "consume/all-brokers-down", run: consumerAllBrokersDown},
	)
}

// closedPort returns a bootstrap address nothing listens on: a port the
// kernel gave out and took back, so connecting is refused at once.
func closedPort(e *Env) string {
	e.T.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.T.Fatalf("listen: %v", err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// timeoutUnreachable produces to a cluster that never answers: every
// report fails with ErrMsgTimedOut once message.timeout.ms has passed, and
// the Events() channel carries the connection errors. Len and Flush are
// not compared here: both count the unread Error events, and librdkafka
// raises ErrAllBrokersDown again on every reconnection attempt (about one
// a second), purekafka once per transition (client/instance_events.go).
func timeoutUnreachable(e *Env) {
	addr := closedPort(e)
	p := e.Producer(Config{"bootstrap.servers": addr, "message.timeout.ms": 1000, "log_level": 0})
	const n = 5
	for i := range n {
		produceLog(e, p, msgTo("never-created", int32(i%2)-1, "k", "v", i), true)
	}
	evs := readDRs(e, p, n, true)
	opaque := func(ev Event) int {
		if ev.Msg == nil {
			return -1
		}
		i, _ := ev.Msg.Opaque.(int)
		return i
	}
	sort.SliceStable(evs, func(i, j int) bool { return opaque(evs[i]) < opaque(evs[j]) })
	for _, ev := range evs {
		e.Logf("report %s", ev)
	}
	logConnEvents(e, addr, p.NextEvent)
}

// consumerAllBrokersDown polls a consumer whose only bootstrap server
// refuses connections: Poll returns the connection errors as Error events.
func consumerAllBrokersDown(e *Env) {
	addr := closedPort(e)
	c := e.Consumer(Config{"bootstrap.servers": addr, "group.id": e.Name("G"), "log_level": 0})
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{"never-created"}, nil)))
	logConnEvents(e, addr, func(d time.Duration) (Event, bool) {
		deadline := time.Now().Add(d)
		for time.Now().Before(deadline) {
			if ev, ok := c.Poll(pollMs); ok {
				return ev, true
			}
		}
		return Event{}, false
	})
}

// connEventWindow is how long logConnEvents collects events: long enough
// for several reconnection attempts (reconnect.backoff.ms starts at 100).
const connEventWindow = 3 * time.Second

// logConnEvents collects the events next returns within connEventWindow
// and logs each distinct one, in order of first appearance, with what
// varies between attempts (the address, how long the attempt took,
// librdkafka's count of suppressed repeats) masked. How many attempts fit
// in the window is timing, so repeats are not compared.
func logConnEvents(e *Env, addr string, next func(time.Duration) (Event, bool)) {
	var seen []string
	addrRE := regexp.MustCompile(regexp.QuoteMeta(addr))
	deadline := time.Now().Add(connEventWindow)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		ev, ok := next(left)
		if !ok {
			continue
		}
		s := connEventMask.ReplaceAllString(addrRE.ReplaceAllString(ev.String(), "<addr>"), "")
		if !contains(seen, s) {
			seen = append(seen, s)
		}
	}
	for _, s := range seen {
		e.Logf("event %s", s)
	}
}

// connEventMask removes the timing and repeat counts of librdkafka's
// connection error texts.
var connEventMask = regexp.MustCompile(` \(after \d+ms in state [A-Z_]+(?:, \d+ identical error\(s\) suppressed)?\)`)
