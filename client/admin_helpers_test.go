package client_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/internal/kafkatest"
)

// newAdmin returns an AdminClient for c, closed when the test ends.
func newAdmin(t *testing.T, c *kafkatest.Cluster) *client.AdminClient {
	t.Helper()
	a, err := client.NewAdminClient(&client.ConfigMap{"bootstrap.servers": c.Bootstrap})
	require.NoError(t, err)
	t.Cleanup(a.Close)
	return a
}

// testCtx is a context for one admin call in a test.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// codeOf returns the ErrorCode of err, which must be a client.Error (or nil).
func codeOf(t *testing.T, err error) client.ErrorCode {
	t.Helper()
	if err == nil {
		return client.ErrNoError
	}
	e, ok := err.(client.Error)
	require.True(t, ok, "want client.Error, got %T: %v", err, err)
	return e.Code()
}

// produceN writes n records to topic/partition with the given timestamps
// (nil: now) through a raw kgo client.
func produceN(t *testing.T, c *kafkatest.Cluster, topic string, partition int32, n int, ts func(i int) time.Time) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	require.NoError(t, err)
	defer cl.Close()
	var recs []*kgo.Record
	for i := range n {
		r := &kgo.Record{Topic: topic, Partition: partition, Value: fmt.Appendf(nil, "v%d", i)}
		if ts != nil {
			r.Timestamp = ts(i)
		}
		recs = append(recs, r)
	}
	require.NoError(t, cl.ProduceSync(testCtx(t), recs...).FirstErr())
}

// eventually retries check until it passes or 30s pass; brokers apply some
// admin changes (metadata, group state) asynchronously.
func eventually(t *testing.T, what string, check func() error) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still failing after 30s: %v", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func strPtr(s string) *string { return &s }
