package compat

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	pk "github.com/purekafka/purekafka/kafka"
	"github.com/purekafka/purekafka/partitioner"
)

// kcat is a second C client: the kcat command line tool, built on
// librdkafka, whose producer uses librdkafka's default partitioner
// (consistent_random). These tests check that a key lands on the same
// partition whether kcat or purekafka wrote it, on the real broker.

const (
	kcatKeys       = 1000
	kcatPartitions = 12
)

// kcatCluster returns the real broker and kcat's path, or skips.
func kcatCluster(t *testing.T) (*kafkatest.Cluster, string) {
	t.Helper()
	path, err := exec.LookPath("kcat")
	if err != nil {
		t.Skip("kcat not installed (Debian package kcat; internal/testenv/deps.sh installs it)")
	}
	c, ok := kafkatest.Real()
	if !ok {
		t.Skip("kcat tests need the real broker: KAFKA_BOOTSTRAP is unset (make kafka-up, then eval \"$(internal/testenv/kafka.sh env)\")")
	}
	return c, path
}

// kcatKey is the i-th key: printable, without kcat's key delimiter ':'
// or its message delimiter '\n', of varying length.
func kcatKey(i int) string {
	return fmt.Sprintf("user-%d-%s", i, strings.Repeat("x", i%17))
}

// runKcat runs kcat with args and stdin, failing the test on error.
func runKcat(t *testing.T, path string, stdin []byte, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "kcat %v: %s", args, stderr.String())
	return stdout.Bytes()
}

// TestKcatProducesPurekafkaConsumes: kcat -P -K: writes keyed messages with
// librdkafka's default partitioner; purekafka's Consumer reads them and
// each key must be on partitioner.Consistent(key, partitions).
func TestKcatProducesPurekafkaConsumes(t *testing.T) {
	c, kcat := kcatCluster(t)
	topic := c.CreateTopic(t, kcatPartitions)
	var in bytes.Buffer
	for i := range kcatKeys {
		fmt.Fprintf(&in, "%s:value-%d\n", kcatKey(i), i)
	}
	runKcat(t, kcat, in.Bytes(), "-P", "-b", c.Bootstrap, "-t", topic, "-K:", "-q")

	cons, err := pk.NewConsumer(&pk.ConfigMap{"bootstrap.servers": c.Bootstrap, "group.id": kafkatest.UniqueName(t, "g"),
		"enable.partition.eof": true, "enable.auto.commit": false})
	require.NoError(t, err)
	defer func() { require.NoError(t, cons.Close()) }()
	var parts []pk.TopicPartition
	for p := range int32(kcatPartitions) {
		parts = append(parts, pk.TopicPartition{Topic: &topic, Partition: p, Offset: pk.OffsetBeginning})
	}
	require.NoError(t, cons.Assign(parts))

	seen := map[string]int32{}
	eofs := map[int32]bool{}
	deadline := time.Now().Add(2 * time.Minute)
	for len(seen) < kcatKeys || len(eofs) < kcatPartitions {
		require.False(t, time.Now().After(deadline), "read %d of %d messages, %d of %d partitions to their end", len(seen), kcatKeys, len(eofs), kcatPartitions)
		switch ev := cons.Poll(100).(type) {
		case *pk.Message:
			seen[string(ev.Key)] = ev.TopicPartition.Partition
		case pk.PartitionEOF:
			eofs[ev.Partition] = true
		case pk.Error:
			t.Fatalf("consumer error: %v", ev)
		}
	}
	require.Len(t, seen, kcatKeys)
	spread := map[int32]int{}
	for i := range kcatKeys {
		k := kcatKey(i)
		got, ok := seen[k]
		require.True(t, ok, "key %q not consumed", k)
		require.Equal(t, partitioner.Consistent([]byte(k), kcatPartitions), got, "key %q", k)
		spread[got]++
	}
	assert.Len(t, spread, kcatPartitions, "keys spread over every partition")
	t.Logf("kcat -> purekafka: %d keys, each on partitioner.Consistent's partition (%d partitions used)", kcatKeys, len(spread))
}

// TestPurekafkaProducesKcatConsumes: purekafka's Producer writes keyed
// messages with its default partitioner; kcat -C reads key and partition
// of each, which must be partitioner.Consistent(key, partitions).
func TestPurekafkaProducesKcatConsumes(t *testing.T) {
	c, kcat := kcatCluster(t)
	topic := c.CreateTopic(t, kcatPartitions)
	p, err := pk.NewProducer(&pk.ConfigMap{"bootstrap.servers": c.Bootstrap})
	require.NoError(t, err)
	defer p.Close()
	dc := make(chan pk.Event, kcatKeys)
	for i := range kcatKeys {
		require.NoError(t, p.Produce(&pk.Message{TopicPartition: pk.TopicPartition{Topic: &topic, Partition: pk.PartitionAny},
			Key: []byte(kcatKey(i)), Value: fmt.Appendf(nil, "value-%d", i)}, dc))
	}
	require.Equal(t, 0, p.Flush(60_000))
	for range kcatKeys {
		m := (<-dc).(*pk.Message)
		require.NoError(t, m.TopicPartition.Error)
	}

	out := runKcat(t, kcat, nil, "-C", "-b", c.Bootstrap, "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%k %p\n")
	seen := map[string]int32{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, ps, ok := strings.Cut(sc.Text(), " ")
		require.True(t, ok, "kcat line %q", sc.Text())
		part, err := strconv.ParseInt(ps, 10, 32)
		require.NoError(t, err, "kcat line %q", sc.Text())
		seen[k] = int32(part)
	}
	require.NoError(t, sc.Err())
	require.Len(t, seen, kcatKeys, "kcat read every message")
	for i := range kcatKeys {
		k := kcatKey(i)
		require.Equal(t, partitioner.Consistent([]byte(k), kcatPartitions), seen[k], "key %q", k)
	}
	t.Logf("purekafka -> kcat: %d keys, each on partitioner.Consistent's partition", kcatKeys)
}
