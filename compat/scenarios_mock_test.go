package compat

import (
	"fmt"
	"sort"
)

// test.mock.num.brokers: librdkafka gives the handle a mock cluster of its
// own (bootstrap.servers is ignored) whose auto-created topics have 4
// partitions; purekafka starts its MockCluster the same way.
func init() {
	register(
		scenario{name: "mock/num-brokers-property", offline: true, run: mockNumBrokersProperty},
	)
}

func mockNumBrokersProperty(e *Env) {
	p := e.Producer(Config{"test.mock.num.brokers": 3, "bootstrap.servers": "127.0.0.1:1"})
	topic := "mock-topic"
	for i := range 8 {
		m := &Msg{TP: TP{Topic: topic, Partition: -1}, Key: fmt.Appendf(nil, "key-%d", i), Value: []byte("v"), Opaque: i}
		if err := p.Produce(m, true); err != nil {
			e.Logf("produce %d: %s", i, e.Err(err))
		}
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	evs := readDRs(e, p, 8, true)
	// Reports of different partitions arrive in either order.
	sort.Slice(evs, func(i, j int) bool { return evs[i].Msg.Opaque.(int) < evs[j].Msg.Opaque.(int) })
	for _, ev := range evs {
		e.Logf("report opaque=%v partition=%d offset-valid=%v err=%s", ev.Msg.Opaque, ev.Msg.TP.Partition, ev.Msg.TP.Offset >= 0, ev.Msg.TP.Err)
	}
	md, err := p.GetMetadata(&topic, false, 10_000)
	if err != nil {
		e.Logf("metadata: %s", e.Err(err))
		return
	}
	e.Logf("metadata: %d brokers, %s has %d partitions", md.Brokers, topic, md.Topics[topic].Partitions)
}
