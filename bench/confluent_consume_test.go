package bench

// The consume workloads through confluent-kafka-go's Consumer: a Poll loop.
// purekafka_consume_test.go is generated from this file by swapping the
// import for purekafka's kafka package (see dropin_test.go).

import (
	"errors"
	"fmt"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

func init() { registerConsume("confluent", ckConsume) }

// ckConsumerConfig maps the shared settings onto librdkafka properties. A
// group.id is always set because NewConsumer requires one, but only the
// group workload subscribes; the other assigns partitions directly.
//
// fetch.queue.backoff.ms is lowered from librdkafka's default of 1000:
// once a partition's local queue holds queued.min.messages (100,000)
// librdkafka pauses fetching it for that long, which starves a fast Poll loop
// (measured here: about 150,000 msgs/s with the default against about
// 850,000 with 10 ms). The other clients have no such pause, so confluent is
// measured at its best. purekafka has no such pause (it fetches as franz-go
// does) and warns that the property has no effect, so its twin omits it.
func ckConsumerConfig(cc consumeConf, group string) *kafka.ConfigMap {
	return &kafka.ConfigMap{
		"bootstrap.servers":         cc.bootstrap,
		"group.id":                  group,
		"auto.offset.reset":         "earliest",
		"enable.auto.commit":        false,
		"fetch.wait.max.ms":         int(fetchMaxWait / time.Millisecond),
		"fetch.min.bytes":           1,
		"fetch.max.bytes":           fetchMaxBytes,
		"max.partition.fetch.bytes": fetchMaxPartitionBytes,
		"fetch.queue.backoff.ms":    librdkafkaFetchQueueBackoffMs, // confluent-only
	}
}

// ckConsume reads m.total() messages with Poll. In the group workload it
// subscribes and calls Commit (synchronous, committing the offsets Poll
// stored) every commitEvery messages and at the end.
func ckConsume(m *meter, cc consumeConf) error {
	group := cc.group
	if group == "" {
		group = "unused-" + cc.topic
	}
	c, err := kafka.NewConsumer(ckConsumerConfig(cc, group))
	if err != nil {
		return err
	}
	defer c.Close()
	topic := cc.topic
	if cc.group != "" {
		err = c.Subscribe(topic, nil)
	} else {
		tps := make([]kafka.TopicPartition, partitions)
		for p := range tps {
			tps[p] = kafka.TopicPartition{Topic: &topic, Partition: int32(p), Offset: kafka.OffsetBeginning}
		}
		err = c.Assign(tps)
	}
	if err != nil {
		return err
	}

	deadline := time.Now().Add(waitLimit)
	for count := 0; count < m.total(); {
		switch e := c.Poll(100).(type) {
		case *kafka.Message:
			if e.TopicPartition.Error != nil {
				return fmt.Errorf("consume: %w", e.TopicPartition.Error)
			}
			count++
			m.seen(count)
			if cc.group != "" && count%commitEvery == 0 {
				if err := ckCommit(c); err != nil {
					return err
				}
			}
		case kafka.Error:
			if e.IsFatal() {
				return e
			}
		case nil:
			if time.Now().After(deadline) {
				return fmt.Errorf("consumed %d of %d messages in %v", count, m.total(), waitLimit)
			}
		}
	}
	if cc.group != "" {
		if err := ckCommit(c); err != nil {
			return err
		}
	}
	m.end()
	return nil
}

// ckCommit commits the stored offsets; having nothing new to commit is fine.
func ckCommit(c *kafka.Consumer) error {
	_, err := c.Commit()
	var ke kafka.Error
	if err != nil && errors.As(err, &ke) && ke.Code() == kafka.ErrNoOffset {
		return nil
	}
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
