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
