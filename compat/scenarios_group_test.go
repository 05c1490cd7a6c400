package compat

import (
	"fmt"
	"strings"
	"time"
)

// Consumer group scenarios: subscriptions, rebalance events through Poll
// and through a RebalanceCb, eager and cooperative protocols, two members,
// auto commit.

func init() {
	register(
		scenario{name: "group/poll-with-app-rebalance-eager", run: func(e *Env) { pollWithAppRebalance(e, "range") }},
		scenario{name: "group/poll-with-app-rebalance-cooperative", run: func(e *Env) { pollWithAppRebalance(e, "cooperative-sticky") }},
		scenario{name: "group/events-channel-app-rebalance-eager", run: func(e *Env) { eventsChannelRebalance(e, "range") }},
		scenario{name: "group/events-channel-app-rebalance-cooperative", run: func(e *Env) { eventsChannelRebalance(e, "cooperative-sticky") }},
		scenario{name: "group/rebalance-cb-default-assign", run: rebalanceCbDefault},
		scenario{name: "group/rebalance-cb-assign-offsets", run: rebalanceCbAssignOffsets},
		scenario{name: "group/rebalance-cb-seek", run: func(e *Env) { rebalanceCbSeek(e, offInvalid) }},
		scenario{name: "group/rebalance-cb-seek-after-offset", run: func(e *Env) { rebalanceCbSeek(e, 1) }},
		scenario{name: "group/rebalance-cb-cooperative", run: rebalanceCbCooperative},
		scenario{name: "group/two-members-eager", run: func(e *Env) { twoMembers(e, "range") }},
		scenario{name: "group/two-members-cooperative", run: func(e *Env) { twoMembers(e, "cooperative-sticky") }},
		scenario{name: "group/auto-commit", run: groupAutoCommit},
		scenario{name: "group/subscribe-unknown-topic", run: subscribeUnknownTopic},
		scenario{name: "group/subscribe-regex", run: subscribeRegex},
	)
}

// cbRecorder is a RebalanceCb that records what it sees, and optionally
// acts on the event itself.
type cbRecorder struct {
	e     *Env
	lines []string
	act   func(c Consumer, ev Event) error
}

func (r *cbRecorder) cb(c Consumer, ev Event) error {
	as, err := c.Assignment()
	r.lines = append(r.lines, fmt.Sprintf("cb %s protocol=%q lost=%v assignment-before=%s err=%s",
		ev, c.GetRebalanceProtocol(), c.AssignmentLost(), TPs(as), r.e.Err(err)))
	if r.act != nil {
		if err := r.act(c, ev); err != nil {
			r.lines = append(r.lines, "cb action: "+r.e.Err(err))
		}
	}
	return nil
}

func (r *cbRecorder) flush() {
	for _, l := range r.lines {
		r.e.Logf("%s", l)
	}
	r.lines = nil
}

// pollWithAppRebalance: go.application.rebalance.enable only hands
// rebalance events to the Events channel; a consumer that calls Poll and
// has no RebalanceCb gets none, and the library assigns and revokes.
func pollWithAppRebalance(e *Env, strategy string) {
	topic := e.Topic(3)
	for p := range int32(3) {
		e.Seed(topic, p, int(p)*2, 2)
	}
	c := e.Consumer(baseConsumer(e, Config{"go.application.rebalance.enable": true, "partition.assignment.strategy": strategy}))
	subs, err := c.Subscription()
	e.Logf("subscription before -> %v err=%s", subs, e.Err(err))
	e.Logf("protocol before -> %q", c.GetRebalanceProtocol())
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, nil)))
	subs, err = c.Subscription()
	e.Logf("subscription -> %v err=%s", subs, e.Err(err))
	logEvents(e, pollUntil(e, c, untilMessages(6)))
	e.Logf("protocol -> %q", c.GetRebalanceProtocol())
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("unsubscribe -> %s", e.Err(c.Unsubscribe()))
	logEvents(e, pollUntil(e, c, func([]Event) bool {
		as, err := c.Assignment()
		return err != nil || len(as) == 0
	}))
	as, err = c.Assignment()
	logRet(e, "assignment after unsubscribe", as, err)
	subs, err = c.Subscription()
	e.Logf("subscription after -> %v err=%s", subs, e.Err(err))
}

// eventsChannelRebalance: with go.events.channel.enable and
// go.application.rebalance.enable and no RebalanceCb, the rebalance events
// arrive on the Events channel and the application must (incrementally)
// assign and unassign itself.
func eventsChannelRebalance(e *Env, strategy string) {
	topic := e.Topic(3)
	for p := range int32(3) {
		e.Seed(topic, p, int(p)*2, 2)
	}
	cooperative := strategy == "cooperative-sticky"
	c := e.Consumer(baseConsumer(e, Config{"go.events.channel.enable": true, "go.application.rebalance.enable": true,
		"partition.assignment.strategy": strategy}))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, nil)))
	// read handles events until done reports true for those so far, and
	// logs the rebalance events and the application's answers to them.
	read := func(done func(evs []Event) bool) []Event {
		var evs []Event
		for deadline := time.Now().Add(budget); !done(evs); {
			left := time.Until(deadline)
			if left <= 0 {
				e.Logf("gave up reading the channel after %d events", len(evs))
				break
			}
			ev, ok := c.NextEvent(left)
			if !ok {
				continue
			}
			evs = append(evs, ev)
			var err error
			switch {
			case ev.Kind == "AssignedPartitions" && cooperative:
				err = c.IncrementalAssign(ev.Parts)
			case ev.Kind == "AssignedPartitions":
				err = c.Assign(ev.Parts)
			case ev.Kind == "RevokedPartitions" && cooperative:
				err = c.IncrementalUnassign(ev.Parts)
			case ev.Kind == "RevokedPartitions":
				err = c.Unassign()
			default:
				continue
			}
			as, aerr := c.Assignment()
			e.Logf("event %s -> app assigns: %s, assignment %s err=%s", ev, e.Err(err), TPs(as), e.Err(aerr))
			e.Logf("protocol -> %q", c.GetRebalanceProtocol())
		}
		return evs
	}
	logEvents(e, read(untilMessages(6)), "AssignedPartitions", "RevokedPartitions")
	e.Logf("unsubscribe -> %s", e.Err(c.Unsubscribe()))
	read(untilKind("RevokedPartitions", 1))
	as, err := c.Assignment()
	logRet(e, "assignment after unsubscribe", as, err)
}

// rebalanceCbDefault: a RebalanceCb that does not assign lets the
// library assign; Close revokes through the callback.
func rebalanceCbDefault(e *Env) {
	topic := e.Topic(3)
	for p := range int32(3) {
		e.Seed(topic, p, int(p)*2, 2)
	}
	r := &cbRecorder{e: e}
	c := e.Consumer(baseConsumer(e, nil))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, r.cb)))
	logEvents(e, pollUntil(e, c, untilMessages(6)))
	r.flush()
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("close -> %s", e.Err(c.Close()))
	r.flush()
}

// rebalanceCbAssignOffsets: the callback assigns itself, choosing start
// offsets.
func rebalanceCbAssignOffsets(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 4)
	e.Seed(topic, 1, 4, 4)
	r := &cbRecorder{e: e}
	r.act = func(c Consumer, ev Event) error {
		if ev.Kind == "AssignedPartitions" {
			parts := append([]TP(nil), ev.Parts...)
			for i := range parts {
				parts[i].Offset = 2
			}
			return c.Assign(parts)
		}
		return c.Unassign()
	}
	c := e.Consumer(baseConsumer(e, nil))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, r.cb)))
	logEvents(e, pollUntil(e, c, untilMessages(4)))
	r.flush()
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	pos, err := c.Position([]TP{tp(topic, 0, 0), tp(topic, 1, 0)})
	logRet(e, "position", pos, err)
	e.Logf("close -> %s", e.Err(c.Close()))
	r.flush()
}

// rebalanceCbSeek: the callback assigns what it is given (at offset at,
// or at the committed offset) and then seeks, before fetching has started.
func rebalanceCbSeek(e *Env, at int64) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 5)
	r := &cbRecorder{e: e}
	r.act = func(c Consumer, ev Event) error {
		if ev.Kind != "AssignedPartitions" {
			return c.Unassign()
		}
		parts := append([]TP(nil), ev.Parts...)
		for i := range parts {
			parts[i].Offset = at
		}
		if err := c.Assign(parts); err != nil {
			return err
		}
		return c.Seek(tp(topic, 0, 3), 0)
	}
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, r.cb)))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	r.flush()
	e.Logf("close -> %s", e.Err(c.Close()))
	r.flush()
}

// rebalanceCbCooperative: cooperative-sticky with the callback doing
// the incremental (un)assignments.
func rebalanceCbCooperative(e *Env) {
	topic := e.Topic(3)
	for p := range int32(3) {
		e.Seed(topic, p, int(p)*2, 2)
	}
	r := &cbRecorder{e: e}
	r.act = func(c Consumer, ev Event) error {
		if ev.Kind == "AssignedPartitions" {
			return c.IncrementalAssign(ev.Parts)
		}
		return c.IncrementalUnassign(ev.Parts)
	}
	c := e.Consumer(baseConsumer(e, Config{"partition.assignment.strategy": "cooperative-sticky"}))
	e.Logf("protocol before -> %q", c.GetRebalanceProtocol())
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, r.cb)))
	logEvents(e, pollUntil(e, c, untilMessages(6)))
	r.flush()
	e.Logf("protocol -> %q", c.GetRebalanceProtocol())
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("close -> %s", e.Err(c.Close()))
	r.flush()
}

// member is one consumer of twoMembers and what it has been assigned.
type member struct {
	name   string
	c      Consumer
	cb     []string
	assign map[string]bool
}

// twoMembers: one member joins and gets every partition, a second
// joins, and the partitions are shared. Which member gets which
// partitions depends on the random member ids, so the callbacks are
// recorded by partition count, and the final split is checked to cover
// every partition once.
func twoMembers(e *Env, strategy string) {
	const partitions = 4
	topic := e.Topic(partitions)
	group := e.Name("G")
	cooperative := strategy == "cooperative-sticky"
	newMember := func(name string) *member {
		m := &member{name: name, assign: map[string]bool{}}
		m.c = e.Consumer(Config{"group.id": group, "partition.assignment.strategy": strategy, "enable.auto.commit": false})
		cb := func(c Consumer, ev Event) error {
			m.cb = append(m.cb, fmt.Sprintf("%s %s n=%d protocol=%q", name, ev.Kind, len(ev.Parts), c.GetRebalanceProtocol()))
			if !cooperative && ev.Kind == "RevokedPartitions" {
				m.assign = map[string]bool{}
			}
			for _, p := range ev.Parts {
				m.assign[fmt.Sprint(p.Partition)] = ev.Kind == "AssignedPartitions"
			}
			return nil
		}
		e.Logf("%s subscribe -> %s", name, e.Err(m.c.SubscribeTopics([]string{topic}, cb)))
		return m
	}
	held := func(m *member) []string {
		var out []string
		for p, ok := range m.assign {
			if ok {
				out = append(out, p)
			}
		}
		return out
	}
	a := newMember("A")
	pollUntil(e, a.c, func([]Event) bool { return len(held(a)) == partitions })
	b := newMember("B")
	// Both poll until the partitions are split between them.
	deadline := time.Now().Add(budget)
	for len(held(a))+len(held(b)) != partitions || len(held(a)) == 0 || len(held(b)) == 0 {
		if time.Now().After(deadline) {
			e.Logf("gave up: A holds %v, B holds %v", held(a), held(b))
			break
		}
		for _, m := range []*member{a, b} {
			if ev, ok := m.c.Poll(pollMs); ok && ev.Kind != "Message" {
				e.Logf("%s event %s", m.name, ev)
			}
		}
	}
	for _, m := range []*member{a, b} {
		for _, l := range m.cb {
			e.Logf("%s", l)
		}
		as, err := m.c.Assignment()
		e.Logf("%s assignment size %d err=%s", m.name, len(as), e.Err(err))
	}
	union := map[string]int{}
	for _, m := range []*member{a, b} {
		for _, p := range held(m) {
			union[p]++
		}
	}
	e.Logf("partitions held once each: %v", len(union) == partitions && !strings.Contains(fmt.Sprint(union), ":2"))
}

// groupAutoCommit consumes with auto commit (interval longer than the
// scenario) and closes: Close commits the position.
func groupAutoCommit(e *Env) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 5)
	group := e.Name("G")
	c := e.Consumer(Config{"group.id": group, "auto.offset.reset": "earliest", "auto.commit.interval.ms": 600_000})
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, nil)))
	logEvents(e, pollUntil(e, c, untilMessages(5)))
	e.Logf("broker has %s", e.Committed(group))
	e.Logf("close -> %s", e.Err(c.Close()))
	e.Logf("broker has %s", e.Committed(group))
	c2 := e.Consumer(Config{"group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": false})
	e.Logf("subscribe again -> %s", e.Err(c2.SubscribeTopics([]string{topic}, nil)))
	e.Seed(topic, 0, 5, 1)
	logEvents(e, pollUntil(e, c2, untilMessages(1)))
}

// subscribeUnknownTopic subscribes to a topic that does not exist.
func subscribeUnknownTopic(e *Env) {
	missing := e.Name("T")
	c := e.Consumer(baseConsumer(e, Config{"allow.auto.create.topics": false}))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{missing}, nil)))
	logEvents(e, pollUntil(e, c, untilKind("Error", 1)))
}

// subscribeRegex subscribes by pattern to two topics sharing a prefix
// unique to the run.
func subscribeRegex(e *Env) {
	base := e.Name("R")
	t1, t2 := e.register(base+"-a", "T"), e.register(base+"-b", "T")
	e.createTopic(t1, 1, nil)
	e.createTopic(t2, 1, nil)
	e.Seed(t1, 0, 0, 1)
	e.Seed(t2, 0, 1, 1)
	c := e.Consumer(baseConsumer(e, nil))
	e.Logf("subscribe bad regex -> %s", e.Err(c.SubscribeTopics([]string{"^("}, nil)))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{"^" + base + "-.*"}, nil)))
	subs, err := c.Subscription()
	e.Logf("subscription -> %v err=%s", subs, e.Err(err))
	logEvents(e, pollUntil(e, c, untilMessages(2)))
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
}
