package consumer_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestRebalanceCbAssignOffsets assigns explicit start offsets from the
// RebalanceCb; consumption starts exactly there.
func TestRebalanceCbAssignOffsets(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		produce(t, c, topic, 2, 0, 40) // 20 per partition
		start := map[int32]kafka.Offset{0: 7, 1: kafka.OffsetTail(3)}
		want := map[int32]kafka.Offset{0: 7, 1: 17}

		for _, strategy := range []string{"range", "cooperative-sticky"} {
			t.Run(strategy, func(t *testing.T) {
				cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"partition.assignment.strategy": strategy})
				var events []string
				var protocol string
				cb := func(cc *kafka.Consumer, ev kafka.Event) error {
					events = append(events, eventName(ev))
					protocol = cc.GetRebalanceProtocol()
					switch e := ev.(type) {
					case kafka.AssignedPartitions:
						parts := append([]kafka.TopicPartition(nil), e.Partitions...)
						for i := range parts {
							assert.Equal(t, kafka.OffsetInvalid, parts[i].Offset)
							parts[i].Offset = start[parts[i].Partition]
						}
						if cc.GetRebalanceProtocol() == "COOPERATIVE" {
							return cc.IncrementalAssign(parts)
						}
						return cc.Assign(parts)
					case kafka.RevokedPartitions:
						assert.False(t, cc.AssignmentLost())
						if cc.GetRebalanceProtocol() == "COOPERATIVE" {
							return cc.IncrementalUnassign(e.Partitions)
						}
						return cc.Unassign()
					}
					return nil
				}
				require.NoError(t, cons.Subscribe(topic, cb))
				first := map[int32]kafka.Offset{}
				pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
					if m, ok := ev.(*kafka.Message); ok {
						if _, ok := first[m.TopicPartition.Partition]; !ok {
							first[m.TopicPartition.Partition] = m.TopicPartition.Offset
						}
					}
					return len(first) == 2
				})
				assert.Equal(t, want, first)
				assert.Equal(t, []string{"assigned"}, events)
				if strategy == "range" {
					assert.Equal(t, "EAGER", protocol)
				} else {
					assert.Equal(t, "COOPERATIVE", protocol)
				}
				asg, err := cons.Assignment()
				require.NoError(t, err)
				assert.Len(t, asg, 2)
				require.NoError(t, cons.Close())
				assert.Equal(t, []string{"assigned", "revoked"}, events, "Close revokes through the callback")
			})
		}
	})
}

// TestRebalanceSequence has a second member join: with an eager protocol
// the first member's whole assignment is revoked and reassigned, with
// cooperative-sticky only what moves is revoked.
func TestRebalanceSequence(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 4)
		for _, tc := range []struct {
			strategy string
			want     []string // events of the first member
			revoked  int      // partitions in its second-rebalance revoke
		}{
			{"range", []string{"assigned:4", "revoked:4", "assigned:2"}, 4},
			{"cooperative-sticky", []string{"assigned:4", "revoked:2", "assigned:0"}, 2},
		} {
			t.Run(tc.strategy, func(t *testing.T) {
				group := kafkatest.UniqueName(t, "g")
				conf := kafka.ConfigMap{"partition.assignment.strategy": tc.strategy}
				var mu sync.Mutex
				var events []string
				record := func(_ *kafka.Consumer, ev kafka.Event) error {
					mu.Lock()
					defer mu.Unlock()
					events = append(events, eventCount(ev))
					return nil // the consumer applies the event itself
				}
				a := newConsumer(t, c, group, conf)
				require.NoError(t, a.Subscribe(topic, record))
				pollUntil(t, a, 30*time.Second, func(kafka.Event) bool {
					asg, _ := a.Assignment()
					return len(asg) == 4
				})
				b := newConsumer(t, c, group, conf)
				require.NoError(t, b.Subscribe(topic, nil))
				stop := make(chan struct{})
				go func() {
					for {
						select {
						case <-stop:
							return
						default:
							b.Poll(50)
						}
					}
				}()
				defer close(stop)
				pollUntil(t, a, 30*time.Second, func(kafka.Event) bool {
					asg, _ := a.Assignment()
					mu.Lock()
					defer mu.Unlock()
					return len(asg) == 2 && len(events) >= len(tc.want)
				})
				mu.Lock()
				assert.Equal(t, tc.want, events)
				mu.Unlock()
			})
		}
	})
}

func eventName(ev kafka.Event) string {
	switch ev.(type) {
	case kafka.AssignedPartitions:
		return "assigned"
	case kafka.RevokedPartitions:
		return "revoked"
	}
	return ev.String()
}

func eventCount(ev kafka.Event) string {
	switch e := ev.(type) {
	case kafka.AssignedPartitions:
		return "assigned:" + itoa(len(e.Partitions))
	case kafka.RevokedPartitions:
		return "revoked:" + itoa(len(e.Partitions))
	}
	return ev.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + itoa(n%10)
}

// TestAppRebalanceEventsChannel uses the deprecated Events channel with
// go.application.rebalance.enable: the application gets the rebalance
// events and must assign itself.
func TestAppRebalanceEventsChannel(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 10)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{
			"go.events.channel.enable":        true,
			"go.application.rebalance.enable": true,
		})
		require.NoError(t, cons.Subscribe(topic, nil))
		var seq []string
		timeout := time.After(30 * time.Second)
		for n := 0; n < 10; {
			select {
			case ev := <-cons.Events():
				switch e := ev.(type) {
				case kafka.AssignedPartitions:
					seq = append(seq, "assigned")
					e.Partitions[0].Offset = 5
					require.NoError(t, cons.Assign(e.Partitions))
					n = 5
				case *kafka.Message:
					if len(seq) == 1 {
						seq = append(seq, "message@"+e.TopicPartition.Offset.String())
					}
					n++
				}
			case <-timeout:
				t.Fatal("timed out")
			}
		}
		assert.Equal(t, []string{"assigned", "message@5"}, seq)
	})
}

// TestCloseWithBlockedRebalanceCb: Close returns within session.timeout.ms
// although the callback blocks and events were never read, whether Close
// itself or the Events channel pump (go.events.channel.enable) is the
// goroutine stuck in the callback.
func TestCloseWithBlockedRebalanceCb(t *testing.T) {
	const sessionTimeout = 6 * time.Second // newConsumer's session.timeout.ms
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		produce(t, c, topic, 1, 0, 10)
		for _, tc := range []struct {
			name   string
			events bool
			// unsubscribe first, so that the revoke blocks the
			// poller (the Events pump) before Close starts.
			unsubscribe bool
		}{
			{name: "poll"},
			{name: "events", events: true},
			{name: "events-unsubscribed", events: true, unsubscribe: true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"go.events.channel.enable": tc.events})
				block := make(chan struct{})
				defer close(block)
				inCb := make(chan struct{}, 1)
				require.NoError(t, cons.Subscribe(topic, func(_ *kafka.Consumer, ev kafka.Event) error {
					if _, ok := ev.(kafka.RevokedPartitions); ok {
						select {
						case inCb <- struct{}{}:
						default:
						}
						<-block
					}
					return nil
				}))
				if tc.events {
					waitEventsMessage(t, cons, 30*time.Second)
				} else {
					pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
						_, ok := ev.(*kafka.Message)
						return ok
					})
				}
				if tc.unsubscribe {
					require.NoError(t, cons.Unsubscribe())
					select {
					case <-inCb:
					case <-time.After(30 * time.Second):
						t.Fatal("the revoke never reached the callback")
					}
				}
				closed := make(chan error, 1)
				go func() { closed <- cons.Close() }()
				select {
				case err := <-closed:
					assert.NoError(t, err)
				case <-time.After(sessionTimeout + 10*time.Second): // a hang, not a slow Close
					t.Fatal("Close did not return")
				}
				assert.True(t, cons.IsClosed())
				assert.Nil(t, cons.Poll(10))
			})
		}
	})
}

// waitEventsMessage reads the Events channel until a message arrives; the
// events are not otherwise read, as by an application that stops reading.
func waitEventsMessage(t *testing.T, cons *kafka.Consumer, limit time.Duration) {
	t.Helper()
	timeout := time.After(limit)
	for {
		select {
		case ev := <-cons.Events():
			if _, ok := ev.(*kafka.Message); ok {
				return
			}
		case <-timeout:
			t.Fatalf("no message within %v", limit)
		}
	}
}

// TestAssignMethodRules: once the group's protocol is known, the wrong
// family of assignment calls fails with ErrState, in the RebalanceCb and
// outside it, as with librdkafka; during Close every call just unassigns.
func TestAssignMethodRules(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		produce(t, c, topic, 2, 0, 4)
		for _, tc := range []struct {
			strategy string
			// wrong and right are the calls for ev's partitions.
			wrong, right func(cc *kafka.Consumer, assign bool, parts []kafka.TopicPartition) error
			text         string // the wrong call's error text
		}{
			{"range", incremental, eager, "Changes to the current assignment must be made using assign() when rebalance protocol type is EAGER"},
			{"cooperative-sticky", eager, incremental, kafka.ErrState.String()},
		} {
			t.Run(tc.strategy, func(t *testing.T) {
				cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), kafka.ConfigMap{"partition.assignment.strategy": tc.strategy})
				var inCb []error // the wrong calls' errors, then the right calls'
				closing, closeCalls := false, 0
				require.NoError(t, cons.Subscribe(topic, func(cc *kafka.Consumer, ev kafka.Event) error {
					var parts []kafka.TopicPartition
					assign := false
					switch e := ev.(type) {
					case kafka.AssignedPartitions:
						parts, assign = e.Partitions, true
					case kafka.RevokedPartitions:
						parts = e.Partitions
					}
					err := tc.wrong(cc, assign, parts)
					if closing {
						closeCalls++
						assert.NoError(t, err, "during Close any call unassigns")
						asg, aerr := cc.Assignment()
						assert.NoError(t, aerr)
						assert.Empty(t, asg)
						return nil
					}
					inCb = append(inCb, err, tc.right(cc, assign, parts))
					return nil
				}))
				n := 0
				pollUntil(t, cons, 30*time.Second, func(ev kafka.Event) bool {
					if _, ok := ev.(*kafka.Message); ok {
						n++
					}
					return n == 4
				})
				require.Len(t, inCb, 2)
				for _, err := range []error{inCb[0], tc.wrong(cons, true, nil)} {
					var kerr kafka.Error
					require.ErrorAs(t, err, &kerr)
					assert.Equal(t, kafka.ErrState, kerr.Code())
					assert.Equal(t, tc.text, kerr.Error())
				}
				assert.NoError(t, inCb[1])
				asg, err := cons.Assignment()
				require.NoError(t, err)
				assert.Len(t, asg, 2, "the refused calls changed nothing")
				closing = true
				require.NoError(t, cons.Close())
				assert.Equal(t, 1, closeCalls, "Close revokes through the callback")
			})
		}
	})
}

// eager assigns or unassigns with Assign and Unassign.
func eager(cc *kafka.Consumer, assign bool, parts []kafka.TopicPartition) error {
	if assign {
		return cc.Assign(parts)
	}
	return cc.Unassign()
}

// incremental assigns or unassigns parts with IncrementalAssign and
// IncrementalUnassign.
func incremental(cc *kafka.Consumer, assign bool, parts []kafka.TopicPartition) error {
	if assign {
		return cc.IncrementalAssign(parts)
	}
	return cc.IncrementalUnassign(parts)
}

// TestIncrementalAssignInputChecks: librdkafka checks an incremental change
// sorted by topic and partition and names the first offending partition:
// an invalid logical start offset or a partition listed twice
// (ErrInvalidArg), one already assigned (ErrConflict); and it refuses to
// subtract from an empty assignment. Nothing is assigned by a refused call.
func TestIncrementalAssignInputChecks(t *testing.T) {
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 4)
		cons := newConsumer(t, c, kafkatest.UniqueName(t, "g"), nil)
		tp := func(p int32, o kafka.Offset) kafka.TopicPartition {
			return kafka.TopicPartition{Topic: &topic, Partition: p, Offset: o}
		}
		for _, tc := range []struct {
			name  string
			call  func() error
			code  kafka.ErrorCode
			text  string
			after int // partitions assigned after the call
		}{
			{"unassign from empty", func() error { return cons.IncrementalUnassign([]kafka.TopicPartition{tp(2, 0)}) },
				kafka.ErrInvalidArg, "Can't subtract from empty assignment", 0},
			{"duplicate, named in sorted order", func() error {
				return cons.IncrementalAssign([]kafka.TopicPartition{tp(3, 0), tp(1, 0), tp(3, 0), tp(1, 0)})
			}, kafka.ErrInvalidArg, fmt.Sprintf("Duplicate %s [1] in input list", topic), 0},
			{"invalid logical offset", func() error { return cons.IncrementalAssign([]kafka.TopicPartition{tp(0, -5)}) },
				kafka.ErrInvalidArg, fmt.Sprintf("%s [0] has invalid start offset -5", topic), 0},
			{"assign", func() error { return cons.IncrementalAssign([]kafka.TopicPartition{tp(1, kafka.OffsetBeginning)}) }, 0, "", 1},
			{"already assigned", func() error {
				return cons.IncrementalAssign([]kafka.TopicPartition{tp(2, 0), tp(1, 0)})
			}, kafka.ErrConflict, fmt.Sprintf("%s [1] is already part of the current assignment", topic), 1},
			{"unassign one not assigned, named in sorted order", func() error {
				return cons.IncrementalUnassign([]kafka.TopicPartition{tp(3, 0), tp(2, 0), tp(1, 0)})
			}, kafka.ErrInvalidArg, fmt.Sprintf("%s [2] can't be unassigned since it is not in the current assignment", topic), 1},
		} {
			err := tc.call()
			if tc.code == 0 {
				require.NoError(t, err, tc.name)
			} else {
				var ke kafka.Error
				require.ErrorAs(t, err, &ke, tc.name)
				assert.Equal(t, tc.code, ke.Code(), tc.name)
				assert.Equal(t, tc.text, ke.Error(), tc.name)
			}
			as, err := cons.Assignment()
			require.NoError(t, err)
			assert.Len(t, as, tc.after, tc.name)
		}
	})
}
