package compat

// auto.offset.reset=error for a group member: the partitions the group
// assigns have no committed offset, so instead of consuming, Poll returns
// an ErrAutoOffsetReset Error event (consume/reset-error is the manual
// assignment's counterpart).

func init() {
	register(scenario{name: "consume/reset-error-subscribe", run: resetErrorSubscribe})
}

// resetErrorSubscribe subscribes to a topic with data and nothing
// committed, then writes more: still nothing is consumed.
func resetErrorSubscribe(e *Env) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 3)
	c := e.Consumer(baseConsumer(e, Config{"auto.offset.reset": "error"}))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, nil)))
	logEvents(e, pollUntil(e, c, untilKind("Error", 1)))
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	e.Seed(topic, 0, 3, 1)
	logEvents(e, pollUntil(e, c, untilPolls(5)))
}
