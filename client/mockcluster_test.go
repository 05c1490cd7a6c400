package client_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/producer"
)

func TestMockCluster(t *testing.T) {
	t.Parallel()
	_, err := client.NewMockCluster(0)
	require.Error(t, err)

	mc, err := client.NewMockCluster(1)
	require.NoError(t, err)
	defer mc.Close()
	require.NoError(t, mc.CreateTopic("mock", 4, 1))
	require.Error(t, mc.CreateTopic("mock", 4, 1), "topic exists")
	require.Error(t, mc.SetBrokerDown(2), "only broker 1 exists")

	cl, err := kgo.NewClient(kgo.SeedBrokers(mc.BootstrapServers()), kgo.RecordRetries(1), kgo.DisableIdempotentWrite(),
		kgo.RetryTimeout(time.Second), kgo.RecordDeliveryTimeout(2*time.Second))
	require.NoError(t, err)
	defer cl.Close()
	produce := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return cl.ProduceSync(ctx, &kgo.Record{Topic: "mock", Value: []byte("v")}).FirstErr()
	}
	require.NoError(t, produce())

	require.NoError(t, mc.SetBrokerDown(1))
	assert.Error(t, produce(), "a down broker accepts nothing")
	require.NoError(t, mc.SetBrokerUp(-1))
	require.NoError(t, produce())

	// A delayed broker still answers; how long it takes is for benchmarks.
	require.NoError(t, mc.SetRoundtripDuration(1, 50*time.Millisecond))
	require.NoError(t, produce())
	require.Error(t, mc.SetRoundtripDuration(3, time.Second))
}

// TestMockClusterBrokerIDs: the brokers' ids are 1..n in metadata as in the
// API, as in librdkafka's mock cluster, so an id read from GetMetadata
// works with SetBrokerDown; what a producer sends while its broker is down
// is delivered once the broker is back up.
func TestMockClusterBrokerIDs(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d brokers", n), func(t *testing.T) {
			t.Parallel()
			mc, err := client.NewMockCluster(n)
			require.NoError(t, err)
			defer mc.Close()
			assert.Len(t, strings.Split(mc.BootstrapServers(), ","), n)
			topic := "ids"
			require.NoError(t, mc.CreateTopic(topic, 1, 1))

			p, err := producer.New(&client.ConfigMap{"bootstrap.servers": mc.BootstrapServers(), "linger.ms": 0})
			require.NoError(t, err)
			defer p.Close()
			md, err := p.GetMetadata(&topic, false, 10_000)
			require.NoError(t, err)
			var ids []int32
			for _, b := range md.Brokers {
				ids = append(ids, b.ID)
			}
			slices.Sort(ids)
			want := make([]int32, n)
			for i := range want {
				want[i] = int32(i + 1)
			}
			assert.Equal(t, want, ids)
			require.Len(t, md.Topics[topic].Partitions, 1)
			leader := md.Topics[topic].Partitions[0].Leader
			assert.Contains(t, want, leader)

			dc := make(chan client.Event, 10)
			produce := func(i int) {
				require.NoError(t, p.Produce(&client.Message{
					TopicPartition: client.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte("v"), Opaque: i}, dc))
			}
			report := func() *client.Message {
				select {
				case ev := <-dc:
					m, ok := ev.(*client.Message)
					require.True(t, ok, "%T: %v", ev, ev)
					return m
				case <-time.After(30 * time.Second):
					t.Fatal("no delivery report within 30s")
					return nil
				}
			}
			produce(0)
			require.NoError(t, report().TopicPartition.Error)

			require.NoError(t, mc.SetBrokerDown(int(leader)))
			for i := 1; i <= 3; i++ {
				produce(i)
			}
			// Nothing can be delivered while the leader is down; Flush
			// gives up with the messages still queued (and the connection
			// Error events, unread, counted too).
			assert.GreaterOrEqual(t, p.Flush(500), 3)
			require.NoError(t, mc.SetBrokerUp(int(leader)))
			for i := 1; i <= 3; i++ {
				m := report()
				require.NoError(t, m.TopicPartition.Error)
				assert.Equal(t, i, m.Opaque, "in order")
				assert.Equal(t, client.Offset(i), m.TopicPartition.Offset)
			}
			var codes []client.ErrorCode
			for deadline := time.Now().Add(30 * time.Second); p.Len() > 0 && time.Now().Before(deadline); {
				select {
				case ev := <-p.Events():
					e, ok := ev.(client.Error)
					require.True(t, ok, "%T: %v", ev, ev)
					codes = append(codes, e.Code())
				case <-time.After(10 * time.Millisecond):
				}
			}
			assert.Equal(t, 0, p.Flush(1000))
			assert.Contains(t, codes, client.ErrTransport, "the refused connection")
			if n == 1 {
				assert.Contains(t, codes, client.ErrAllBrokersDown)
			} else {
				assert.NotContains(t, codes, client.ErrAllBrokersDown, "%d of %d brokers are up", n-1, n)
			}
		})
	}
}

// TestMockNumBrokersProperty: test.mock.num.brokers gives a client a mock
// cluster of its own, as librdkafka does, ignoring bootstrap.servers; its
// auto-created topics have librdkafka's 4 partitions.
func TestMockNumBrokersProperty(t *testing.T) {
	cfg, err := client.NewConfig(&client.ConfigMap{"test.mock.num.brokers": 3, "bootstrap.servers": "127.0.0.1:1"}, client.RoleProducer)
	require.NoError(t, err)
	h, err := client.NewInstance(client.KindProducer, cfg)
	require.NoError(t, err)
	topic := "mock-prop"
	md, err := h.GetMetadata(&topic, false, 10_000)
	require.NoError(t, err)
	assert.Len(t, md.Brokers, 3)
	ids := []int32{}
	for _, b := range md.Brokers {
		ids = append(ids, b.ID)
	}
	assert.ElementsMatch(t, []int32{1, 2, 3}, ids)
	require.Contains(t, md.Topics, topic)
	assert.Len(t, md.Topics[topic].Partitions, 4)
	h.Close()
}
