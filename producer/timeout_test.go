package producer_test

import (
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// closedAddr returns an address nothing listens on: a port the kernel
// handed out and took back, so a connection is refused at once.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// TestMessageTimeout: messages that cannot be delivered fail with
// ErrMsgTimedOut (-192) once message.timeout.ms has passed, each reported
// exactly once, and the producer's queue drains: Len reaches 0 and Flush
// returns 0. A broker that keeps answering with a retriable error, brokers
// that are all down after the producer knew the cluster, and a bootstrap
// server that refuses every connection are three ways of never delivering.
func TestMessageTimeout(t *testing.T) {
	t.Parallel()
	const partitions, n = 3, 30
	for _, tc := range []struct {
		name string
		// setUp returns the bootstrap servers and the topic, and arranges
		// that nothing produced from then on is delivered. warm, when set,
		// is run with the producer before that, so that it knows the
		// cluster's metadata and has connections to lose.
		setUp func(t *testing.T) (bootstrap, topic string, warm func(*kafka.Producer))
		// allDown: the cluster is unreachable, so Events() carries
		// ErrAllBrokersDown.
		allDown bool
	}{
		{
			name: "kfake answers NOT_ENOUGH_REPLICAS",
			setUp: func(t *testing.T) (string, string, func(*kafka.Producer)) {
				c := kafkatest.NewFake(t)
				topic := c.CreateTopic(t, partitions)
				c.Fake.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Err: kerr.NotEnoughReplicas, Count: -1})
				return c.Bootstrap, topic, nil
			},
		},
		{
			name: "MockCluster with every broker down",
			setUp: func(t *testing.T) (string, string, func(*kafka.Producer)) {
				mc, err := kafka.NewMockCluster(3)
				require.NoError(t, err)
				t.Cleanup(mc.Close)
				topic := "timeout"
				require.NoError(t, mc.CreateTopic(topic, partitions, 1))
				warm := func(p *kafka.Producer) {
					dc := make(chan kafka.Event, partitions)
					for part := range int32(partitions) {
						require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: part}}, dc))
					}
					require.Equal(t, 0, p.Flush(30_000))
					for range partitions {
						require.NoError(t, waitReport(t, dc).TopicPartition.Error)
					}
					require.NoError(t, mc.SetBrokerDown(-1))
				}
				return mc.BootstrapServers(), topic, warm
			},
		},
		{
			// What the real broker subtests cannot do without stopping the
			// shared broker; no broker is needed for it.
			name: "bootstrap server refuses connections",
			setUp: func(t *testing.T) (string, string, func(*kafka.Producer)) {
				return closedAddr(t), "never-created", nil
			},
			allDown: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bootstrap, topic, warm := tc.setUp(t)
			p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": bootstrap, "message.timeout.ms": 1000, "linger.ms": 5})
			require.NoError(t, err)
			t.Cleanup(p.Close)
			if warm != nil {
				warm(p)
			}
			dc := make(chan kafka.Event, n)
			for i := range n {
				part := kafka.PartitionAny
				if i%2 == 1 {
					part = int32(i % partitions)
				}
				require.NoError(t, p.Produce(&kafka.Message{
					TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: part},
					Value:          []byte("v"),
					Opaque:         i,
				}, dc))
			}
			seen := make([]bool, n)
			for range n {
				m := waitReport(t, dc)
				i := m.Opaque.(int)
				require.False(t, seen[i], "report %d twice", i)
				seen[i] = true
				var kErr kafka.Error
				require.ErrorAs(t, m.TopicPartition.Error, &kErr, "message %d", i)
				assert.Equal(t, kafka.ErrMsgTimedOut, kErr.Code(), "message %d: %v", i, kErr)
				assert.Equal(t, -192, int(kErr.Code()))
				assert.Equal(t, kafka.OffsetInvalid, m.TopicPartition.Offset)
			}

			// Only client-level Error events may be left in Events(); they
			// count in Len, as in confluent-kafka-go, until read.
			var codes []kafka.ErrorCode
			drain := func() {
				for {
					select {
					case ev := <-p.Events():
						e, ok := ev.(kafka.Error)
						require.True(t, ok, "unexpected event %T: %v", ev, ev)
						codes = append(codes, e.Code())
					default:
						return
					}
				}
			}
			deadline := time.Now().Add(30 * time.Second)
			for drain(); p.Len() != 0 && time.Now().Before(deadline); drain() {
				time.Sleep(10 * time.Millisecond)
			}
			assert.Equal(t, 0, p.Len(), "nothing left once every report and event is read")
			assert.Equal(t, 0, p.Flush(1000))
			assert.Empty(t, dc, "no report beyond one per message")
			if tc.allDown {
				assert.Contains(t, codes, kafka.ErrAllBrokersDown)
				assert.Contains(t, codes, kafka.ErrTransport)
			}
		})
	}
}
