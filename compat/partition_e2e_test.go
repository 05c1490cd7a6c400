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
// according to the delivery reports. Empty keys and NULL keys are compared
// wherever librdkafka places them deterministically: NULL keys under
// consistent, murmur2 and fnv1a, which hash them like the empty input;
// empty keys under all but consistent_random. Elsewhere (every key under
// random, NULL keys under the *_random partitioners, empty keys under
// consistent_random) librdkafka picks a random or sticky partition by design.
func TestPartitionEndToEnd(t *testing.T) {
	t.Parallel()
	const partitions = 12
	rng := rand.New(rand.NewPCG(7, 11))
	keys := make([][]byte, e2eKeys)
	for i := range keys {
		if rng.IntN(64) == 0 {
			continue // about 1 in 64 stays nil: a NULL key
		}
		k := make([]byte, rng.IntN(64))
		for j := range k {
			k[j] = byte(rng.UintN(256))
		}
		keys[i] = k // about 1 in 64 of these is empty
	}
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		for _, name := range []string{"random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random"} {
			t.Run(name, func(t *testing.T) {
				topic := c.CreateTopic(t, partitions)
				theirs := produceConfluent(t, c.Bootstrap, topic, name, keys)
				ours := producePurekafka(t, c.Bootstrap, topic, name, keys)
				compared, nulls, spread := 0, 0, map[int32]bool{}
				for i, k := range keys {
					spread[ours[i]] = true
					if !placedDeterministically(name, k) {
						continue
					}
					compared++
					if k == nil {
						nulls++
					}
					require.Equal(t, theirs[i], ours[i], "key %x (%d bytes, NULL %v) with partitioner %s", k, len(k), k == nil, name)
				}
				switch name {
				case "random":
					assert.Len(t, spread, partitions, "random spreads over every partition")
				case "consistent", "murmur2", "fnv1a":
					assert.Equal(t, e2eKeys, compared, "every key, NULL included, is compared")
					assert.Positive(t, nulls, "NULL keys compared")
				default:
					assert.Greater(t, compared, e2eKeys*9/10)
				}
				t.Logf("%s: %d keys (%d NULL) on identical partitions", name, compared, nulls)
			})
		}
	})
}

// placedDeterministically reports whether librdkafka's producer puts key on a
// partition that depends only on the key and the partition count under
// partitioner name: the rules partitioner.New implements.
func placedDeterministically(name string, key []byte) bool {
	switch {
	case name == "random":
		return false
	case key == nil:
		return name == "consistent" || name == "murmur2" || name == "fnv1a"
	case len(key) == 0:
		return name != "consistent_random"
	}
	return true
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
