package bench

import (
	"math"
	"testing"
)

// TestEveryClientReportsMetrics runs each workload once, tiny, through every
// client and checks that it completes and yields every metric. It asserts
// nothing about speed: that is what the benchmarks (and cmd/report) are for.
func TestEveryClientReportsMetrics(t *testing.T) {
	const n = 300
	src, err := theBroker.consumeTopic(100, n+n/10+consumeMargin(n))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range clientOrder {
		c := clients[name]
		t.Run(name, func(t *testing.T) {
			if c.throughputOnly {
				m := newMeter(t, n, 100)
				topic, err := theBroker.topic("smoke-" + name)
				if err == nil {
					err = c.produce(m, produceConf{bootstrap: theBroker.bootstrap, topic: topic, valueSize: 100, codec: "lz4", linger: linger})
				}
				if err != nil {
					t.Fatalf("produce: %v", err)
				}
				return
			}
			if c.produce == nil || c.consume == nil {
				t.Fatalf("client %s lacks a workload (produce %v, consume %v)", name, c.produce != nil, c.consume != nil)
			}
			topic, err := theBroker.topic("smoke-" + name)
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, m *meter, err error) {
				t.Helper()
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				r := m.result()
				for metric, v := range map[string]float64{
					"msgs/s": r.msgsPerSec, "MB/s": r.mbPerSec, "cpu-ns/msg": r.cpuNsPerMsg, "allocs/msg": r.allocsPer, "B/msg": r.bytesPer,
				} {
					if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (v == 0 && metric != "allocs/msg" && metric != "B/msg" && metric != "cpu-ns/msg") {
						t.Errorf("%s: %s = %v", what, metric, v)
					}
				}
				if m.lat != nil && (!r.latency || r.p50us <= 0 || r.p99us < r.p50us) {
					t.Errorf("%s: latency p50 %vus p99 %vus", what, r.p50us, r.p99us)
				}
				t.Logf("%s: %.0f msgs/s, %.1f MB/s, %.0f cpu-ns/msg, %.2f allocs/msg, p50 %.0fus, p99 %.0fus",
					what, r.msgsPerSec, r.mbPerSec, r.cpuNsPerMsg, r.allocsPer, r.p50us, r.p99us)
			}

			m := newMeter(t, n, 100)
			check("produce lz4", m, c.produce(m, produceConf{bootstrap: theBroker.bootstrap, topic: topic, valueSize: 100, codec: "lz4", linger: linger}))
			m = newMeter(t, 5, latencyValueSize)
			check("produce latency", m, c.produce(m, produceConf{bootstrap: theBroker.bootstrap, topic: topic, valueSize: latencyValueSize, codec: "none", paced: true}))
			m = newConsumeMeter(t, n, 100)
			check("consume", m, c.consume(m, consumeConf{bootstrap: theBroker.bootstrap, topic: src.topic, valueSize: 100}))
			m = newConsumeMeter(t, n, 100)
			check("consume group commit", m, c.consume(m, consumeConf{bootstrap: theBroker.bootstrap, topic: src.topic, valueSize: 100, group: theBroker.group(name)}))
		})
	}
}
