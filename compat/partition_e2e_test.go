package compat

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	ck "github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	pk "github.com/purekafka/purekafka/kafka"
)

// e2eKeys is the number of keys each client produces per partitioner.
const e2eKeys = 10_000

// TestPartitionEndToEnd produces the same keys through confluent-kafka-go
// (librdkafka) and through purekafka's Producer, for each of librdkafka's
// partitioners, to a 12-partition topic, and compares where each key landed
// according to the delivery reports. Keys are non-NULL (NULL keys are random
// by design); empty keys are compared where librdkafka places them
// deterministically.
func TestPartitionEndToEnd(t *testing.T) {
	t.Parallel()
	const partitions = 12
	rng := rand.New(rand.NewPCG(7, 11))
	keys := make([][]byte, e2eKeys)
	for i := range keys {
		k := make([]byte, rng.IntN(64))
		for j := range k {
			k[j] = byte(rng.UintN(256))
		}
		keys[i] = k // about 1 in 64 is empty
	}
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		for _, name := range []string{"random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random"} {
			t.Run(name, func(t *testing.T) {
				topic := c.CreateTopic(t, partitions)
				theirs := produceConfluent(t, c.Bootstrap, topic, name, keys)
				ours := producePurekafka(t, c.Bootstrap, topic, name, keys)
				compared, spread := 0, map[int32]bool{}
				for i, k := range keys {
					spread[ours[i]] = true
					if name == "random" || (len(k) == 0 && (name == "consistent_random")) {
						continue
					}
					compared++
					require.Equal(t, theirs[i], ours[i], "key %x (%d bytes) with partitioner %s", k, len(k), name)
				}
				if name == "random" {
					assert.Len(t, spread, partitions, "random spreads over every partition")
				} else {
					assert.Greater(t, compared, e2eKeys*9/10)
				}
				t.Logf("%s: %d keys on identical partitions", name, compared)
			})
		}
	})
}

func produceConfluent(t *testing.T, bootstrap, topic, partitioner string, keys [][]byte) []int32 {
	t.Helper()
	p, err := ck.NewProducer(&ck.ConfigMap{"bootstrap.servers": bootstrap, "partitioner": partitioner,
		"go.logs.channel.enable": true})
	require.NoError(t, err)
	defer p.Close()
	go func() {
		for range p.Logs() { //nolint:revive // librdkafka's logs are not what this test is about
		}
	}()
	dc := make(chan ck.Event, len(keys))
	for i, k := range keys {
		require.NoError(t, p.Produce(&ck.Message{
			TopicPartition: ck.TopicPartition{Topic: &topic, Partition: ck.PartitionAny},
			Key:            k, Value: fmt.Appendf(nil, "%d", i), Opaque: i,
		}, dc))
	}
	require.Equal(t, 0, p.Flush(60_000))
	out := make([]int32, len(keys))
	for range keys {
		select {
		case ev := <-dc:
			m := ev.(*ck.Message)
			require.NoError(t, m.TopicPartition.Error)
			out[m.Opaque.(int)] = m.TopicPartition.Partition
		case <-time.After(30 * time.Second):
			t.Fatal("confluent-kafka-go: missing delivery reports")
		}
	}
	return out
}

func producePurekafka(t *testing.T, bootstrap, topic, partitioner string, keys [][]byte) []int32 {
	t.Helper()
	p, err := pk.NewProducer(&pk.ConfigMap{"bootstrap.servers": bootstrap, "partitioner": partitioner})
	require.NoError(t, err)
	defer p.Close()
	dc := make(chan pk.Event, len(keys))
	for i, k := range keys {
		require.NoError(t, p.Produce(&pk.Message{
			TopicPartition: pk.TopicPartition{Topic: &topic, Partition: pk.PartitionAny},
			Key:            k, Value: fmt.Appendf(nil, "%d", i), Opaque: i,
		}, dc))
	}
	require.Equal(t, 0, p.Flush(60_000))
	out := make([]int32, len(keys))
	for range keys {
		select {
		case ev := <-dc:
			m := ev.(*pk.Message)
			require.NoError(t, m.TopicPartition.Error)
			out[m.Opaque.(int)] = m.TopicPartition.Partition
		case <-time.After(30 * time.Second):
			t.Fatal("purekafka: missing delivery reports")
		}
	}
	return out
}
