// Command demo is the job `make demo` runs on the embedded broker
// (kafka.NewMockCluster): an idempotent producer with a delivery channel and
// Flush, then a consumer group that reads everything back and commits,
// printing where each key landed and checking it is where librdkafka's
// consistent_random partitioner puts it. It grows as the library grows.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/purekafka/purekafka/kafka"
	"github.com/purekafka/purekafka/partitioner"
)

const (
	topic      = "demo"
	partitions = 6
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	cluster, err := kafka.NewMockCluster(3)
	if err != nil {
		return err
	}
	defer cluster.Close()
	if err := cluster.CreateTopic(topic, partitions, 1); err != nil {
		return err
	}
	fmt.Println("embedded cluster at", cluster.BootstrapServers())

	keys := []string{"alice", "bob", "carol", "dave", "erin", "frank"}
	if err := produce(cluster.BootstrapServers(), keys); err != nil {
		return err
	}
	return consume(cluster.BootstrapServers(), len(keys))
}

func produce(bootstrap string, keys []string) error {
	p, err := kafka.NewProducer(&kafka.ConfigMap{
		"bootstrap.servers":  bootstrap,
		"enable.idempotence": true,
	})
	if err != nil {
		return err
	}
	defer p.Close()
	fmt.Println("producer", p)

	deliveries := make(chan kafka.Event, len(keys))
	t := topic
	for _, k := range keys {
		err := p.Produce(&kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &t, Partition: kafka.PartitionAny},
			Key:            []byte(k),
			Value:          []byte("hello " + k),
		}, deliveries)
		if err != nil {
			return fmt.Errorf("produce %s: %w", k, err)
		}
	}
	if left := p.Flush(10_000); left > 0 {
		return fmt.Errorf("%d messages not delivered after Flush", left)
	}
	for range keys {
		m := (<-deliveries).(*kafka.Message)
		if err := m.TopicPartition.Error; err != nil {
			return fmt.Errorf("delivery of %s: %w", m.Key, err)
		}
		want := partitioner.Consistent(m.Key, partitions)
		fmt.Printf("delivered key %-6s -> %v (librdkafka's consistent_random says partition %d)\n",
			m.Key, m.TopicPartition, want)
		if m.TopicPartition.Partition != want {
			return fmt.Errorf("key %s landed on partition %d, librdkafka would use %d", m.Key, m.TopicPartition.Partition, want)
		}
	}
	return nil
}

// consume reads the messages back with a consumer group in a Poll loop and
// commits each message once it is processed (at-least-once).
func consume(bootstrap string, n int) error {
	c, err := kafka.NewConsumer(&kafka.ConfigMap{
		"bootstrap.servers":  bootstrap,
		"group.id":           "demo-group",
		"auto.offset.reset":  "earliest",
		"enable.auto.commit": false,
	})
	if err != nil {
		return err
	}
	defer func() {
		if err := c.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "demo: closing the consumer:", err)
		}
	}()
	if err := c.SubscribeTopics([]string{topic}, nil); err != nil {
		return err
	}
	fmt.Println("consumer", c)
	deadline := time.Now().Add(30 * time.Second)
	for seen := 0; seen < n; {
		if time.Now().After(deadline) {
			return fmt.Errorf("consumed %d of %d within 30s", seen, n)
		}
		switch ev := c.Poll(100).(type) {
		case *kafka.Message:
			seen++
			fmt.Printf("consumed  key %-6s <- %v: %s\n", ev.Key, ev.TopicPartition, ev.Value)
			if _, err := c.CommitMessage(ev); err != nil {
				return fmt.Errorf("commit: %w", err)
			}
		case kafka.Error:
			return ev
		}
	}
	committed, err := c.Committed([]kafka.TopicPartition{{Topic: strPtr(topic), Partition: 5}}, 5000)
	if err != nil {
		return err
	}
	fmt.Println("committed", committed[0], "- done")
	return nil
}

func strPtr(s string) *string { return &s }
