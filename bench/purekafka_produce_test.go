// Code generated from confluent_*_test.go by dropin_test.go (go test -run TestDropInTwins -update-twins). DO NOT EDIT.

package bench

// The produce workloads through confluent-kafka-go's Producer (librdkafka
// over cgo). purekafka_produce_test.go is generated from this file by
// swapping the import for purekafka's kafka package (see dropin_test.go), so
// both run the very same application code.

import (
	"errors"
	"fmt"
	"time"

	"github.com/purekafka/purekafka/kafka"
)

func init() { registerProduce("purekafka", pkProduce) }

// pkProducerConfig maps the shared settings onto librdkafka properties.
// Delivery reports keep the default go.delivery.report.fields (key,value).
func pkProducerConfig(pc produceConf) *kafka.ConfigMap {
	return &kafka.ConfigMap{
		"bootstrap.servers":            pc.bootstrap,
		"acks":                         "all",
		"enable.idempotence":           true,
		"linger.ms":                    int(pc.linger / time.Millisecond),
		"compression.codec":            pc.codec,
		"batch.size":                   batchMaxBytes,
		"batch.num.messages":           batchMaxMsgs,
		"queue.buffering.max.messages": bufferMaxMsgs,
	}
}

// pkProduce produces m.n messages with Produce, delivery reports read from
// Events() by a second goroutine, and retries on ErrQueueFull once a report
// made room, as confluent-kafka-go's documentation advises.
func pkProduce(m *meter, pc produceConf) error {
	p, err := kafka.NewProducer(pkProducerConfig(pc))
	if err != nil {
		return err
	}
	defer p.Close()
	topic := pc.topic
	if err := pkWarm(p, topic); err != nil {
		return err
	}

	d := newDeliveries(m, pc.paced)
	go func() {
		for ev := range p.Events() {
			switch e := ev.(type) {
			case *kafka.Message:
				id := -1
				if i, ok := e.Opaque.(int); ok {
					id = i
				}
				d.ack(id, e.TopicPartition.Error)
			case kafka.Error:
				if e.IsFatal() {
					d.fail(e)
				}
			}
		}
	}()

	m.begin()
	for i := range m.n {
		msg := &kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Key:            thePayload.key(i),
			Value:          thePayload.value(i, pc.valueSize),
		}
		if pc.paced {
			d.pace(i)
			msg.Opaque = i
		}
		for {
			seen := d.got.Load()
			err := p.Produce(msg, nil)
			if err == nil {
				break
			}
			var ke kafka.Error
			if !errors.As(err, &ke) || ke.Code() != kafka.ErrQueueFull {
				return fmt.Errorf("produce %d: %w", i, err)
			}
			d.waitProgress(seen)
		}
	}
	if err := d.wait(); err != nil {
		return err
	}
	m.end()
	return nil
}

// pkWarm produces one message and waits for its report, so that
// connecting, metadata and the producer id are not measured.
func pkWarm(p *kafka.Producer, topic string) error {
	dc := make(chan kafka.Event, 1)
	msg := &kafka.Message{
		TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
		Key:            []byte("warm-up"),
		Value:          []byte("warm-up"),
	}
	if err := p.Produce(msg, dc); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	select {
	case ev := <-dc:
		if m, ok := ev.(*kafka.Message); ok && m.TopicPartition.Error != nil {
			return fmt.Errorf("warm-up: %w", m.TopicPartition.Error)
		}
		return nil
	case <-time.After(waitLimit):
		return errors.New("warm-up: no delivery report")
	}
}
