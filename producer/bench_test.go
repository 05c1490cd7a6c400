package producer_test

import (
	"context"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// BenchmarkProduce compares the cost per message of purekafka's Produce
// (with its delivery report read from a channel) and of raw franz-go's
// Produce with a promise, on the embedded broker, with the same settings:
// acks=all, idempotence, linger 5 ms, no compression, 16 B keys and 100 B
// values. bench/ holds the side-by-side suite against real brokers; this is
// the quick check for changes to the produce path.
func BenchmarkProduce(b *testing.B) {
	key, value := make([]byte, 16), make([]byte, 100)
	b.Run("client=purekafka", func(b *testing.B) {
		c := kafkatest.NewFake(b)
		topic := c.CreateTopic(b, 6)
		p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap,
			"enable.idempotence": true, "linger.ms": 5, "go.delivery.report.fields": "none"})
		if err != nil {
			b.Fatal(err)
		}
		defer p.Close()
		done := make(chan struct{})
		go func() {
			for range b.N {
				<-p.Events()
			}
			close(done)
		}()
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			key[0], key[1] = byte(i), byte(i>>8)
			if err := p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
				Key: key, Value: value}, nil); err != nil {
				b.Fatal(err)
			}
		}
		<-done
	})
	b.Run("client=franz-go", func(b *testing.B) {
		c := kafkatest.NewFake(b)
		topic := c.CreateTopic(b, 6)
		cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...), kgo.ProducerLinger(5e6), kgo.ProducerBatchCompression(kgo.NoCompression()))
		if err != nil {
			b.Fatal(err)
		}
		defer cl.Close()
		done := make(chan struct{}, 1024)
		promise := func(*kgo.Record, error) { done <- struct{}{} }
		go func() {}()
		b.ReportAllocs()
		b.ResetTimer()
		go func() {
			for i := range b.N {
				key[0], key[1] = byte(i), byte(i>>8)
				cl.Produce(context.Background(), &kgo.Record{Topic: topic, Key: key, Value: value}, promise)
			}
		}()
		for range b.N {
			<-done
		}
	})
}
