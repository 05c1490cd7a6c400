package client_test

import (
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/consumer"
	"github.com/purekafka/purekafka/producer"
)

// TestNoEffectPropertyLoggedOnce: a librdkafka tuning knob purekafka accepts
// but cannot act on is reported exactly once, as a CONFWARN line on the
// Logs() channel, whatever else the client logs; a knob left at its default
// is not reported.
func TestNoEffectPropertyLoggedOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		conf     client.ConfigMap
		property string
		want     int // CONFWARN lines naming property
		open     func(*client.ConfigMap) (logs chan client.LogEvent, closeFn func(), err error)
	}{
		{"producer batch.num.messages", client.ConfigMap{"batch.num.messages": 5}, "batch.num.messages", 1, openProducer},
		{"producer batch.num.messages at its default", client.ConfigMap{"batch.num.messages": 10000}, "batch.num.messages", 0, openProducer},
		{"consumer queued.min.messages", client.ConfigMap{"group.id": "g", "queued.min.messages": 5}, "queued.min.messages", 1, openConsumer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conf := client.ConfigMap{"bootstrap.servers": "127.0.0.1:1", "go.logs.channel.enable": true}
			for k, v := range tc.conf {
				conf[k] = v
			}
			logs, closeFn, err := tc.open(&conf)
			require.NoError(t, err)
			require.NotNil(t, logs)
			// Close closes the log channel the client made, so reading
			// to the end sees every line it ever logged.
			closeFn()
			var lines []client.LogEvent
			for ev := range logs {
				if strings.Contains(ev.Message, tc.property) {
					lines = append(lines, ev)
				}
			}
			require.Len(t, lines, tc.want, "%v", lines)
			for _, ev := range lines {
				assert.Equal(t, "CONFWARN", ev.Tag)
				assert.Equal(t, 4, ev.Level, "syslog warning")
				assert.Contains(t, ev.Message, `property "`+tc.property+`" has no effect in purekafka (`)
			}
		})
	}
}

func openProducer(conf *client.ConfigMap) (chan client.LogEvent, func(), error) {
	p, err := producer.New(conf)
	if err != nil {
		return nil, nil, err
	}
	return p.Logs(), p.Close, nil
}

func openConsumer(conf *client.ConfigMap) (chan client.LogEvent, func(), error) {
	c, err := consumer.New(conf)
	if err != nil {
		return nil, nil, err
	}
	return c.Logs(), func() { _ = c.Close() }, nil
}

// TestProducerEventsChannelSize: go.events.channel.size is the capacity of
// Events(), 1000000 by default as in confluent-kafka-go, and must be an int
// (a string fails NewProducer, as confluent's type check does).
func TestProducerEventsChannelSize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		size any // nil: not set
		want int // 0: NewProducer fails
	}{
		{nil, 1_000_000},
		{1, 1},
		{123, 123},
		{"4096", 0},
	} {
		conf := client.ConfigMap{"bootstrap.servers": "127.0.0.1:1"}
		if tc.size != nil {
			conf["go.events.channel.size"] = tc.size
		}
		p, err := producer.New(&conf)
		if tc.want == 0 {
			assert.EqualError(t, err, "go.events.channel.size expects type int, not string")
			continue
		}
		if !assert.NoError(t, err, "size %v", tc.size) {
			continue
		}
		assert.Equal(t, tc.want, cap(p.Events()), "size %v", tc.size)
		p.Close()
	}
}

// TestAllBrokersDownEvents: a producer (on Events()) and a consumer (from
// Poll) whose only bootstrap server refuses connections get librdkafka's
// two Error events, in its order: the failed connection (ErrTransport),
// then ErrAllBrokersDown, which is raised once while nothing connects
// however often the client retries.
func TestAllBrokersDownEvents(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// start makes a client of bootstrap that tries to connect, and
		// returns its next event (nil if none within 100 ms) and Close.
		start func(t *testing.T, bootstrap string) (next func() client.Event, closeFn func())
	}{
		{"producer", func(t *testing.T, bootstrap string) (func() client.Event, func()) {
			p, err := producer.New(&client.ConfigMap{"bootstrap.servers": bootstrap, "message.timeout.ms": 60_000})
			require.NoError(t, err)
			topic := "t"
			require.NoError(t, p.Produce(&client.Message{TopicPartition: client.TopicPartition{Topic: &topic, Partition: client.PartitionAny}}, make(chan client.Event, 1)))
			return func() client.Event {
				select {
				case ev := <-p.Events():
					return ev
				case <-time.After(100 * time.Millisecond):
					return nil
				}
			}, p.Close
		}},
		{"consumer", func(t *testing.T, bootstrap string) (func() client.Event, func()) {
			c, err := consumer.New(&client.ConfigMap{"bootstrap.servers": bootstrap, "group.id": "g"})
			require.NoError(t, err)
			require.NoError(t, c.Subscribe("t", nil))
			return func() client.Event { return c.Poll(100) }, func() { _ = c.Close() }
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			addr := ln.Addr().String()
			require.NoError(t, ln.Close())
			next, closeFn := tc.start(t, addr)
			defer closeFn()

			var errs []client.Error
			allDown := func() int {
				n := 0
				for _, e := range errs {
					if e.Code() == client.ErrAllBrokersDown {
						n++
					}
				}
				return n
			}
			// Until the first ErrAllBrokersDown, then a while longer, in
			// which franz-go retries the connection several times.
			var settle time.Time
			for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
				if allDown() > 0 && settle.IsZero() {
					settle = time.Now().Add(2 * time.Second)
				}
				if !settle.IsZero() && time.Now().After(settle) {
					break
				}
				if ev := next(); ev != nil {
					e, ok := ev.(client.Error)
					require.True(t, ok, "%T: %v", ev, ev)
					errs = append(errs, e)
				}
			}
			require.GreaterOrEqual(t, len(errs), 2, "%v", errs)
			assert.Equal(t, client.ErrTransport, errs[0].Code())
			assert.Regexp(t, `^`+regexp.QuoteMeta(addr+"/bootstrap: Connect to ipv4#"+addr+" failed: Connection refused (after ")+`\d+ms in state CONNECT\)$`, errs[0].Error())
			assert.False(t, errs[0].IsFatal())
			assert.Equal(t, 1, allDown(), "raised once: %v", errs)
			for _, e := range errs[1:] {
				if e.Code() == client.ErrAllBrokersDown {
					assert.Equal(t, "1/1 brokers are down", e.Error())
				}
			}
			assert.Equal(t, client.ErrAllBrokersDown, errs[1].Code(), "right after the failure that left no broker up")
		})
	}
}
