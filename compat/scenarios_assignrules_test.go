package compat

// Scenarios of the assignment method a group member must use: librdkafka
// refuses Assign and Unassign while the group's rebalance protocol is
// COOPERATIVE, and IncrementalAssign and IncrementalUnassign while it is
// EAGER, inside the RebalanceCb and outside it alike. A callback whose
// first call is refused then uses the right method, so the group still
// completes its rebalance and the scenario goes on.

func init() {
	register(
		scenario{name: "group/assign-rules-cooperative", run: assignRulesCooperative},
		scenario{name: "group/assign-rules-eager", run: assignRulesEager},
		scenario{name: "group/assign-rules-unsubscribed-cooperative", run: func(e *Env) { assignRulesUnsubscribed(e, "cooperative-sticky") }},
		scenario{name: "group/assign-rules-unsubscribed-eager", run: func(e *Env) { assignRulesUnsubscribed(e, "range") }},
	)
}

// assignRulesCooperative: under cooperative-sticky the callback first
// tries the eager methods (Assign of the new partitions, an empty Assign,
// Unassign), which fail, then the incremental ones. Outside a rebalance
// the eager methods fail the same way.
func assignRulesCooperative(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 2)
	e.Seed(topic, 1, 2, 2)
	r := &cbRecorder{e: e}
	r.act = func(c Consumer, ev Event) error {
		if ev.Kind == "AssignedPartitions" {
			r.lines = append(r.lines,
				"cb assign -> "+e.Err(c.Assign(ev.Parts)),
				"cb assign empty -> "+e.Err(c.Assign([]TP{})))
			return c.IncrementalAssign(ev.Parts)
		}
		r.lines = append(r.lines,
			"cb unassign -> "+e.Err(c.Unassign()),
			"cb assign empty -> "+e.Err(c.Assign([]TP{})))
		return c.IncrementalUnassign(ev.Parts)
	}
	c := e.Consumer(baseConsumer(e, Config{"partition.assignment.strategy": "cooperative-sticky"}))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, r.cb)))
	logEvents(e, pollUntil(e, c, untilMessages(4)))
	r.flush()
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("protocol -> %q", c.GetRebalanceProtocol())
	e.Logf("assign outside rebalance -> %s", e.Err(c.Assign(as)))
	e.Logf("unassign outside rebalance -> %s", e.Err(c.Unassign()))
	e.Logf("incremental assign empty outside rebalance -> %s", e.Err(c.IncrementalAssign([]TP{})))
	as, err = c.Assignment()
	logRet(e, "assignment after", as, err)
	e.Logf("close -> %s", e.Err(c.Close()))
	r.flush()
}

// assignRulesEager: under range the callback first tries the incremental
// methods, which fail, then Assign and Unassign. Outside a rebalance the
// incremental methods fail the same way.
func assignRulesEager(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 2)
	e.Seed(topic, 1, 2, 2)
	r := &cbRecorder{e: e}
	r.act = func(c Consumer, ev Event) error {
		if ev.Kind == "AssignedPartitions" {
			r.lines = append(r.lines,
				"cb incremental assign -> "+e.Err(c.IncrementalAssign(ev.Parts)),
				"cb incremental assign empty -> "+e.Err(c.IncrementalAssign([]TP{})))
			return c.Assign(ev.Parts)
		}
		r.lines = append(r.lines,
			"cb incremental unassign -> "+e.Err(c.IncrementalUnassign(ev.Parts)))
		return c.Unassign()
	}
	c := e.Consumer(baseConsumer(e, Config{"partition.assignment.strategy": "range"}))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, r.cb)))
	logEvents(e, pollUntil(e, c, untilMessages(4)))
	r.flush()
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("protocol -> %q", c.GetRebalanceProtocol())
	e.Logf("incremental assign outside rebalance -> %s", e.Err(c.IncrementalAssign(as)))
	e.Logf("incremental unassign outside rebalance -> %s", e.Err(c.IncrementalUnassign(as)))
	e.Logf("incremental assign empty outside rebalance -> %s", e.Err(c.IncrementalAssign([]TP{})))
	as, err = c.Assignment()
	logRet(e, "assignment after", as, err)
	e.Logf("close -> %s", e.Err(c.Close()))
	r.flush()
}

// assignRulesUnsubscribed: the revoke of an Unsubscribe is not a Close,
// so the protocol's method is still required in the callback; after it,
// the consumer assigns partitions itself with each method.
func assignRulesUnsubscribed(e *Env, strategy string) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 2)
	e.Seed(topic, 1, 2, 2)
	r := &cbRecorder{e: e}
	r.act = func(c Consumer, ev Event) error {
		if ev.Kind == "AssignedPartitions" {
			if c.GetRebalanceProtocol() == "COOPERATIVE" {
				return c.IncrementalAssign(ev.Parts)
			}
			return c.Assign(ev.Parts)
		}
		r.lines = append(r.lines,
			"cb unassign -> "+e.Err(c.Unassign()),
			"cb incremental unassign -> "+e.Err(c.IncrementalUnassign(ev.Parts)))
		return nil
	}
	c := e.Consumer(baseConsumer(e, Config{"partition.assignment.strategy": strategy}))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, r.cb)))
	logEvents(e, pollUntil(e, c, untilMessages(4)))
	r.flush()
	e.Logf("unsubscribe -> %s", e.Err(c.Unsubscribe()))
	pollUntil(e, c, func([]Event) bool { return len(r.lines) > 0 })
	r.flush()
	as, err := c.Assignment()
	logRet(e, "assignment after unsubscribe", as, err)
	e.Logf("protocol after unsubscribe -> %q", c.GetRebalanceProtocol())
	e.Logf("assign p0 -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	e.Logf("incremental assign p1 -> %s", e.Err(c.IncrementalAssign([]TP{tp(topic, 1, offBeginning)})))
	as, err = c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("close -> %s", e.Err(c.Close()))
	r.flush()
}
