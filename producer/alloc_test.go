package producer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// TestProduceAllocations guards the produce path's allocations: envelopes
// and payload copies come from shared blocks, and the application's
// Message does not escape, so a Produce call allocates far less than once.
// (A per-call allocation, such as a parameter moved to the heap, costs
// every message ~50 ns plus GC; bench/ measures the whole path.) Messages
// are held by a long linger, so franz-go sends nothing while it is measured.
func TestProduceAllocations(t *testing.T) {
	c := kafkatest.NewFake(t)
	topic := c.CreateTopic(t, 3)
	p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "linger.ms": 60_000,
		"queue.buffering.max.messages": 1_000_000})
	require.NoError(t, err)
	defer p.Close()
	dc := make(chan kafka.Event, 1)
	require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: []byte("warm")}, dc))
	require.Equal(t, 0, p.Flush(10_000), "warm-up: metadata and connections")
	key, value := make([]byte, 16), make([]byte, 100)
	i := 0
	allocs := testing.AllocsPerRun(5000, func() {
		i++
		key[0], key[1] = byte(i), byte(i>>8)
		if err := p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Key: key, Value: value}, nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("%.3f allocations per Produce", allocs)
	assert.Less(t, allocs, 0.5)
}
