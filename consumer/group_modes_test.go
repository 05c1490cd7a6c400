package consumer_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// consumeN polls cons until it has n messages, failing on Error events.
func consumeN(t *testing.T, cons *kafka.Consumer, n int) map[int]bool {
	t.Helper()
	got := map[int]bool{}
	pollUntil(t, cons, 60*time.Second, func(ev kafka.Event) bool {
		switch e := ev.(type) {
		case *kafka.Message:
			got[checkMessage(t, e)] = true
		case kafka.Error:
			t.Fatalf("unexpected error event: %v", e)
		}
		return len(got) >= n
	})
	return got
}

// TestGroupProtocols runs a group of two through each group protocol and
// assignor a confluent user can pick, including KIP-848's consumer protocol,
// and static membership: every message is consumed once.
func TestGroupProtocols(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		conf kafka.ConfigMap
	}{
		{name: "classic range", conf: kafka.ConfigMap{"partition.assignment.strategy": "range"}},
		{name: "classic roundrobin", conf: kafka.ConfigMap{"partition.assignment.strategy": "roundrobin"}},
		{name: "classic cooperative-sticky", conf: kafka.ConfigMap{"partition.assignment.strategy": "cooperative-sticky"}},
		{name: "consumer protocol (KIP-848)", conf: kafka.ConfigMap{"group.protocol": "consumer"}},
		{name: "static membership", conf: kafka.ConfigMap{"group.instance.id": "member"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
				const partitions, n = 4, 400
				topic := c.CreateTopic(t, partitions)
				produce(t, c, topic, partitions, 0, n)
				group := kafkatest.UniqueName(t, "g")
				var members []*kafka.Consumer
				for i := range 2 {
					conf := kafka.ConfigMap{}
					for k, v := range tc.conf {
						if k == "group.instance.id" {
							v = v.(string) + string(rune('a'+i))
						}
						conf[k] = v
					}
					var cons *kafka.Consumer
					if tc.conf["group.protocol"] == "consumer" {
						// The broker owns session and heartbeat timing under
						// KIP-848; librdkafka rejects setting them.
						conf["bootstrap.servers"], conf["group.id"], conf["auto.offset.reset"] = c.Bootstrap, group, "earliest"
						var err error
						cons, err = kafka.NewConsumer(&conf)
						require.NoError(t, err)
						t.Cleanup(func() { _ = cons.Close() })
					} else {
						cons = newConsumer(t, c, group, conf)
					}
					// NONE before the first Subscribe, whatever the
					// protocol, as librdkafka reports.
					assert.Equal(t, "NONE", cons.GetRebalanceProtocol())
					require.NoError(t, cons.Subscribe(topic, nil))
					members = append(members, cons)
				}
				got := map[int]bool{}
				pollUntil(t, members[0], 60*time.Second, func(ev kafka.Event) bool {
					for _, m := range members {
						var e kafka.Event
						if m == members[0] {
							e = ev
						} else {
							e = m.Poll(10)
						}
						switch e := e.(type) {
						case *kafka.Message:
							i := checkMessage(t, e)
							assert.False(t, got[i], "message %d twice", i)
							got[i] = true
						case kafka.Error:
							t.Fatalf("unexpected error event: %v", e)
						}
					}
					return len(got) == n
				})
				proto := members[0].GetRebalanceProtocol()
				if tc.conf["partition.assignment.strategy"] == "cooperative-sticky" || tc.conf["group.protocol"] == "consumer" {
					assert.Equal(t, "COOPERATIVE", proto)
				}
			})
		})
	}
}

// TestMaxPollIntervalExceeded stops polling for longer than
// max.poll.interval.ms: like librdkafka, the consumer leaves the group and
// the next Poll reports ErrMaxPollExceeded, after which it rejoins and
// consumes again.
func TestMaxPollIntervalExceeded(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 10)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{
			"max.poll.interval.ms": 7000, "enable.auto.commit": false,
		})
		// The callback runs on the polling goroutine; the lock only
		// keeps the race detector's view simple.
		var mu sync.Mutex
		var revokedLost []bool // AssignmentLost() in each RevokedPartitions
		require.NoError(t, cons.Subscribe(topic, func(cc *kafka.Consumer, ev kafka.Event) error {
			if _, ok := ev.(kafka.RevokedPartitions); ok {
				mu.Lock()
				revokedLost = append(revokedLost, cc.AssignmentLost())
				mu.Unlock()
			}
			return nil
		}))
		consumeN(t, cons, 10)

		time.Sleep(9 * time.Second) // an application stuck for longer than max.poll.interval.ms
		var exceeded bool
		pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
			if e, ok := ev.(kafka.Error); ok && e.Code() == kafka.ErrMaxPollExceeded {
				exceeded = true
			}
			return exceeded
		})
		assert.True(t, exceeded)
		// The expelled member's partitions are revoked as lost, after
		// the error, as librdkafka does; outside the callback the
		// assignment is no longer lost.
		pollUntil(t, cons, 30*time.Second, func(kafka.Event) bool {
			mu.Lock()
			defer mu.Unlock()
			return len(revokedLost) > 0
		})
		mu.Lock()
		assert.Equal(t, []bool{true}, revokedLost)
		mu.Unlock()
		assert.False(t, cons.AssignmentLost())

		produce(t, c, topic, 1, 10, 5)
		got := consumeN(t, cons, 5)
		assert.NotEmpty(t, got, "the consumer rejoins and consumes after the error")
	})
}

// TestGroupClientLogs: the group's franz-go client logs through the
// handle's logger like the first one, so a subscribed consumer's group
// activity reaches the log channel at the default log_level (6, info).
func TestGroupClientLogs(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"go.logs.channel.enable": true})
		require.NoError(t, cons.Subscribe(topic, nil))
		pollUntil(t, cons, 30*time.Second, func(kafka.Event) bool {
			for {
				select {
				case l := <-cons.Logs():
					if strings.Contains(l.Message, "joining group") {
						assert.Equal(t, "CGRP", l.Tag)
						assert.Equal(t, 6, l.Level)
						return true
					}
				default:
					return false
				}
			}
		})
	})
}
