package bench

// purekafka-noreports is a diagnostic, not a peer: purekafka's produce
// throughput workload with go.delivery.reports=false, the setting
// fire-and-forget applications use. The application code is otherwise the
// same as purekafka's (purekafka_produce_test.go). Set against purekafka,
// it shows what confluent's delivery-report API costs per message (a new
// *Message for each report, sent on the Events channel and read by the
// application); set against raw franz-go, what the rest of the wrapper
// costs.

import (
	"errors"
	"fmt"
	"time"

	"github.com/purekafka/purekafka/kafka"
)

func init() {
	registerProduce("purekafka-noreports", pkProduceNoReports)
	clientNamed("purekafka-noreports").throughputOnly = true
}

// pkProduceNoReports produces m.n messages without delivery reports. With
// no report to wait for, a full queue is retried after a short sleep, and
// the run ends when Flush finds nothing left; a delivery that failed would
// still count as done, so the run checks afterwards that the topic holds
// every message.
func pkProduceNoReports(m *meter, pc produceConf) error {
	if pc.paced {
		return errors.New("purekafka-noreports has no delivery reports to time")
	}
	conf := pkProducerConfig(pc)
	if err := conf.SetKey("go.delivery.reports", false); err != nil {
		return err
	}
	p, err := kafka.NewProducer(conf)
	if err != nil {
		return err
	}
	defer p.Close()
	topic := pc.topic
	if err := pkWarm(p, topic); err != nil {
		return err
	}
	before, err := topicSize(p, topic)
	if err != nil {
		return err
	}

	m.begin()
	for i := range m.n {
		msg := &kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Key:            thePayload.key(i),
			Value:          thePayload.value(i, pc.valueSize),
		}
		for {
			err := p.Produce(msg, nil)
			if err == nil {
				break
			}
			var ke kafka.Error
			if !errors.As(err, &ke) || ke.Code() != kafka.ErrQueueFull {
				return fmt.Errorf("produce %d: %w", i, err)
			}
			time.Sleep(50 * time.Microsecond)
		}
	}
	if left := p.Flush(int(waitLimit / time.Millisecond)); left > 0 {
		return fmt.Errorf("%d messages not delivered after %v", left, waitLimit)
	}
	m.end()
	after, err := topicSize(p, topic)
	if err != nil {
		return err
	}
	if got := after - before; got != int64(m.n) {
		return fmt.Errorf("the topic gained %d messages, want %d", got, m.n)
	}
	return nil
}

// topicSize is the sum of the high watermarks of topic's partitions.
func topicSize(p *kafka.Producer, topic string) (int64, error) {
	md, err := p.GetMetadata(&topic, false, 10_000)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, part := range md.Topics[topic].Partitions {
		_, high, err := p.QueryWatermarkOffsets(topic, part.ID, 10_000)
		if err != nil {
			return 0, err
		}
		total += high
	}
	return total, nil
}
