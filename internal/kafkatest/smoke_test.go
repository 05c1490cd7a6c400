package kafkatest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestRoundTrip proves each cluster carries records end to end: produce
// keyed records to a 3-partition topic, consume them all back with a group.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	Run(t, func(t *testing.T, c *Cluster) {
		topic := c.CreateTopic(t, 3)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()

		prod, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...))
		require.NoError(t, err)
		defer prod.Close()
		const n = 100
		for i := range n {
			prod.Produce(ctx, &kgo.Record{Topic: topic, Key: fmt.Appendf(nil, "k%d", i), Value: fmt.Appendf(nil, "v%d", i)}, nil)
		}
		require.NoError(t, prod.Flush(ctx))

		cons, err := kgo.NewClient(
			kgo.SeedBrokers(c.Seeds()...),
			kgo.ConsumeTopics(topic),
			kgo.ConsumerGroup(UniqueName(t, "g")),
			kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		)
		require.NoError(t, err)
		defer cons.Close()
		got := map[string]string{}
		for len(got) < n {
			fs := cons.PollFetches(ctx)
			require.NoError(t, ctx.Err(), "consumed %d of %d", len(got), n)
			fs.EachError(func(topic string, p int32, err error) { t.Errorf("fetch %s[%d]: %v", topic, p, err) })
			fs.EachRecord(func(r *kgo.Record) { got[string(r.Key)] = string(r.Value) })
		}
		assert.Len(t, got, n)
		assert.Equal(t, "v42", got["k42"])
	})
}

func TestUniqueNameIsValidAndDistinct(t *testing.T) {
	a, b := UniqueName(t, "t"), UniqueName(t, "t")
	assert.NotEqual(t, a, b)
	assert.Regexp(t, `^[a-zA-Z0-9._-]+$`, a)
}

func TestRealSkipsWithoutEnv(t *testing.T) {
	t.Setenv(BootstrapEnv, "")
	_, ok := Real()
	assert.False(t, ok)
	t.Setenv(BootstrapEnv, "127.0.0.1:1")
	c, ok := Real()
	require.True(t, ok)
	assert.Equal(t, []string{"127.0.0.1:1"}, c.Seeds())
}

// TestRealBrokerKeepsOldRecords: the test broker must not apply time-based
// retention, because tests stamp their messages with fixed 2023 times; with
// the default 7 days the broker deleted whole logs every 5 minutes and
// consumers about to read found the log start at the end.
func TestRealBrokerKeepsOldRecords(t *testing.T) {
	c, ok := Real()
	if !ok {
		t.Skip("no real broker (" + BootstrapEnv + " unset)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	adm := c.Admin(t)
	brokers, err := adm.ListBrokers(ctx)
	require.NoError(t, err)
	rcs, err := adm.DescribeBrokerConfigs(ctx, brokers.NodeIDs()...)
	require.NoError(t, err)
	require.NotEmpty(t, rcs)
	for _, rc := range rcs {
		require.NoError(t, rc.Err)
		retention := map[string]string{}
		for _, cfg := range rc.Configs {
			retention[cfg.Key] = cfg.MaybeValue()
		}
		assert.Equal(t, "-1", retention["log.retention.ms"], "broker %s", rc.Name)
	}
}
