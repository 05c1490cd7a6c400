package consumer_test

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// fillTopic writes n records of a 100-byte value to partition 0 of topic
// with raw franz-go, so that setup cost does not depend on purekafka.
func fillTopic(b *testing.B, c *kafkatest.Cluster, topic string, n int) {
	b.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...), kgo.DefaultProduceTopic(topic),
		kgo.RecordPartitioner(kgo.ManualPartitioner()), kgo.ProducerLinger(5*time.Millisecond))
	require.NoError(b, err)
	defer cl.Close()
	value := make([]byte, 100)
	for i := 0; i < n; i++ {
		cl.Produce(context.Background(), &kgo.Record{Key: []byte("key"), Value: value}, func(_ *kgo.Record, err error) {
			if err != nil {
				b.Error(err)
			}
		})
	}
	require.NoError(b, cl.Flush(context.Background()))
}

// BenchmarkPoll compares the cost per consumed record of Consumer.Poll
// with raw franz-go PollFetches iteration, both consuming one partition
// directly from an in-process kfake broker. ns/op and allocs/op are per
// record; fetching and decoding are included on both sides.
func BenchmarkPoll(b *testing.B) {
	b.Run("purekafka", func(b *testing.B) {
		c := benchCluster(b)
		topic := c.CreateTopic(b, 1)
		fillTopic(b, c, topic, b.N)
		cons, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "group.id": "bench"})
		require.NoError(b, err)
		defer func() { _ = cons.Close() }()
		require.NoError(b, cons.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: 0, Offset: kafka.OffsetBeginning}}))
		b.ReportAllocs()
		runtime.GC() // the fill's garbage is not the consumer's cost
		b.ResetTimer()
		cpu := cpuTime()
		for n := 0; n < b.N; {
			if _, ok := cons.Poll(1000).(*kafka.Message); ok {
				n++
			}
		}
		reportCPU(b, cpu)
	})
	b.Run("kgo", func(b *testing.B) {
		c := benchCluster(b)
		topic := c.CreateTopic(b, 1)
		fillTopic(b, c, topic, b.N)
		cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...),
			kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: {0: kgo.NewOffset().AtStart()}}),
			kgo.FetchIsolationLevel(kgo.ReadCommitted()), kgo.FetchMaxWait(500*time.Millisecond))
		require.NoError(b, err)
		defer cl.Close()
		b.ReportAllocs()
		runtime.GC() // the fill's garbage is not the consumer's cost
		b.ResetTimer()
		cpu := cpuTime()
		var sink *kgo.Record
		for n := 0; n < b.N; {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			fs := cl.PollFetches(ctx)
			cancel()
			fs.EachRecord(func(r *kgo.Record) {
				sink = r
				n++
			})
		}
		reportCPU(b, cpu)
		_ = sink
	})
}

// benchCluster is a fresh kfake cluster per run, so that earlier runs'
// data does not weigh on this one, or with PUREKAFKA_BENCH_REAL=1 the real
// broker, where the broker's CPU is not in the process.
func benchCluster(b *testing.B) *kafkatest.Cluster {
	if os.Getenv("PUREKAFKA_BENCH_REAL") == "1" {
		if c, ok := kafkatest.Real(); ok {
			return c
		}
	}
	return kafkatest.NewFake(b)
}
