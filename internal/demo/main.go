// Command demo is the job `make demo` runs on the embedded broker: an
// idempotent producer that waits for every delivery report, then a consumer
// group that reads everything back and commits, printing where each key
// landed. It grows as the library grows.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run() error {
	cluster, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.SeedTopics(6, "demo"))
	if err != nil {
		return err
	}
	defer cluster.Close()
	bootstrap := strings.Join(cluster.ListenAddrs(), ",")
	fmt.Println("embedded cluster at", bootstrap)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	producer, err := kgo.NewClient(kgo.SeedBrokers(cluster.ListenAddrs()...), kgo.DefaultProduceTopic("demo"))
	if err != nil {
		return err
	}
	keys := []string{"alice", "bob", "carol", "dave", "erin", "frank"}
	for _, k := range keys {
		res := producer.ProduceSync(ctx, &kgo.Record{Key: []byte(k), Value: []byte("hello " + k)})
		if err := res.FirstErr(); err != nil {
			return fmt.Errorf("produce %s: %w", k, err)
		}
		r := res[0].Record
		fmt.Printf("delivered key %-6s -> partition %d offset %d\n", k, r.Partition, r.Offset)
	}
	producer.Close()

	consumer, err := kgo.NewClient(kgo.SeedBrokers(cluster.ListenAddrs()...), kgo.ConsumerGroup("demo-group"),
		kgo.ConsumeTopics("demo"), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.DisableAutoCommit())
	if err != nil {
		return err
	}
	defer consumer.Close()
	for seen := 0; seen < len(keys); {
		fetches := consumer.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("consumed %d of %d: %w", seen, len(keys), err)
		}
		fetches.EachRecord(func(r *kgo.Record) {
			seen++
			fmt.Printf("consumed  key %-6s <- partition %d offset %d: %s\n", r.Key, r.Partition, r.Offset, r.Value)
		})
		if err := consumer.CommitUncommittedOffsets(ctx); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
	}
	fmt.Println("committed; done")
	return nil
}
