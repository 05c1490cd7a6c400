package bench

import (
	"fmt"
	"testing"
)

// BenchmarkProduce is the produce throughput workload: b.N messages with
// 16-byte keys and size-byte values, produced as fast as the client accepts
// them, measured until the last delivery report.
func BenchmarkProduce(b *testing.B) {
	for _, size := range produceSizes {
		for _, codec := range codecs {
			for _, name := range clientOrder {
				c := clients[name]
				b.Run(fmt.Sprintf("size=%d/codec=%s/client=%s", size, codec, name), func(b *testing.B) {
					pc := produceConf{bootstrap: theBroker.bootstrap, topic: topicFor(b), valueSize: size, codec: codec, linger: linger}
					m := newMeter(b, b.N, size)
					if err := c.produce(m, pc); err != nil {
						b.Fatal(err)
					}
					m.report(b)
				})
			}
		}
	}
}

// BenchmarkProduceLatency is the low-rate latency workload: b.N messages,
// one every latencyInterval, linger 0; p50-us and p99-us are the time from
// Produce to the message's delivery report.
func BenchmarkProduceLatency(b *testing.B) {
	for _, name := range clientOrder {
		c := clients[name]
		if c.throughputOnly {
			continue
		}
		b.Run(fmt.Sprintf("size=%d/client=%s", latencyValueSize, name), func(b *testing.B) {
			pc := produceConf{bootstrap: theBroker.bootstrap, topic: topicFor(b), valueSize: latencyValueSize, codec: "none", paced: true}
			m := newMeter(b, b.N, latencyValueSize)
			if err := c.produce(m, pc); err != nil {
				b.Fatal(err)
			}
			m.report(b)
		})
	}
}

// BenchmarkConsume is the consume throughput workload: b.N messages read
// from a pre-filled topic, every partition from the start, no group, timed
// after an untimed tenth (see newConsumeMeter).
func BenchmarkConsume(b *testing.B) {
	benchConsume(b, false)
}

// BenchmarkConsumeGroupCommit is the group workload: b.N messages read as a
// new consumer group member, committing synchronously every commitEvery
// messages and at the end, timed after an untimed tenth (which covers
// joining the group; see newConsumeMeter).
func BenchmarkConsumeGroupCommit(b *testing.B) {
	benchConsume(b, true)
}

func benchConsume(b *testing.B, group bool) {
	for _, size := range consumeSizes {
		for _, name := range clientOrder {
			c := clients[name]
			if c.throughputOnly {
				continue
			}
			b.Run(fmt.Sprintf("size=%d/client=%s", size, name), func(b *testing.B) {
				if c.consume == nil {
					b.Skip(errNoConsumer)
				}
				m := newConsumeMeter(b, b.N, size)
				src, err := theBroker.consumeTopic(size, m.total()+consumeMargin(b.N))
				if err != nil {
					b.Fatal(err)
				}
				cc := consumeConf{bootstrap: theBroker.bootstrap, topic: src.topic, valueSize: size}
				if group {
					cc.group = theBroker.group(name)
				}
				if err := c.consume(m, cc); err != nil {
					b.Fatal(err)
				}
				m.report(b)
			})
		}
	}
}
