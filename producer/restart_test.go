package producer_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestIdempotentAcrossBrokerRestart kills the real broker (SIGKILL) while an
// idempotent producer is mid-stream and restarts it: every message must be
// acknowledged once and stored once, in order, with no gaps. It takes the
// shared broker down, so it runs only when asked (make test-restart sets
// PUREKAFKA_RESTART_TESTS=1 after the other tests are done).
func TestIdempotentAcrossBrokerRestart(t *testing.T) {
	if os.Getenv("PUREKAFKA_RESTART_TESTS") != "1" {
		t.Skip("restarts the shared broker: run with `make test-restart`")
	}
	c, ok := kafkatest.Real()
	script := os.Getenv("KAFKA_SCRIPT")
	if !ok || script == "" {
		t.Skip("needs the real broker and KAFKA_SCRIPT from internal/testenv/kafka.sh env")
	}
	broker := func(args ...string) {
		out, err := exec.Command("bash", append([]string{script}, args...)...).CombinedOutput()
		require.NoError(t, err, "kafka.sh %v: %s", args, out)
	}

	const partitions, n = 6, 20_000
	topic := c.CreateTopic(t, partitions)
	p := newProducer(t, c, kafka.ConfigMap{"enable.idempotence": true, "linger.ms": 20})
	dc := make(chan kafka.Event, n)
	// The broker going away raises connection Error events (ErrTransport,
	// ErrAllBrokersDown) on Events(), which count in Len and so in Flush
	// until read, as in confluent-kafka-go: an application reads them.
	clientEvents := make(chan kafka.Event, 1000)
	go func() {
		for ev := range p.Events() {
			clientEvents <- ev
		}
		close(clientEvents)
	}()
	for i := range n {
		if i == n/2 {
			broker("kill", "1")
			broker("start", "1")
		}
		require.NoError(t, p.Produce(&kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Key:            []byte(strconv.Itoa(i % 100)),
			Value:          []byte(strconv.Itoa(i)),
		}, dc))
	}
	require.Equal(t, 0, p.Flush(120_000), "every message acknowledged")
	for len(clientEvents) > 0 {
		ev := <-clientEvents
		_, isErr := ev.(kafka.Error)
		assert.True(t, isErr, "only client-level Error events on Events(): %T %v", ev, ev)
		t.Logf("event: %v", ev)
	}
	failed := 0
	for range n {
		if m := waitReport(t, dc); m.TopicPartition.Error != nil {
			failed++
			t.Logf("failed delivery: %v", m.TopicPartition.Error)
		}
	}

	recs := consumeAll(t, c, topic, n-failed)
	// consumeAll stops after the records it was asked for, so a duplicate
	// beyond them would go unseen; the partitions' high watermarks count
	// everything stored.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ends, err := c.Admin(t).ListEndOffsets(ctx, topic)
	require.NoError(t, err)
	require.NoError(t, ends.Error())
	var stored int64
	ends.Each(func(o kadm.ListedOffset) { stored += o.Offset })
	seen := make(map[int]int, n)
	lastPerKey := map[string]int{}
	reordered := 0
	for _, r := range recs {
		v, err := strconv.Atoi(string(r.Value))
		require.NoError(t, err)
		seen[v]++
		if last, ok := lastPerKey[string(r.Key)]; ok && v < last {
			reordered++
		}
		lastPerKey[string(r.Key)] = v
	}
	dups, lost := 0, 0
	for i := range n {
		switch seen[i] {
		case 0:
			lost++
		case 1:
		default:
			dups += seen[i] - 1
		}
	}
	fmt.Printf("idempotent producer across a broker kill: produced %d, acked %d, consumed %d, stored %d, lost %d, duplicated %d, reordered %d\n",
		n, n-failed, len(recs), stored, lost, dups, reordered)
	assert.Equal(t, int64(n), stored, "records stored (sum of high watermarks)")
	assert.Zero(t, failed)
	assert.Zero(t, lost)
	assert.Zero(t, dups)
	assert.Zero(t, reordered)
}
