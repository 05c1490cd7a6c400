package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
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
