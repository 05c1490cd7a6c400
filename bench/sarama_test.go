package bench

// The workloads through IBM/sarama: its AsyncProducer, per-partition
// PartitionConsumers, and ConsumerGroup with a handler.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/IBM/sarama"
)

func init() {
	registerProduce("sarama", saramaProduce)
	registerConsume("sarama", saramaConsume)
}

// saramaBaseConfig is sarama's config for the broker under test.
func saramaBaseConfig() *sarama.Config {
	cfg := sarama.NewConfig()
	cfg.Version = sarama.V4_0_0_0
	cfg.ClientID = "bench"
	return cfg
}

// saramaProducerConfig maps the shared settings onto sarama's. Idempotence
// makes sarama keep one request in flight (Net.MaxOpenRequests=1). Linger is
// Flush.Frequency with Flush.Bytes at the batch cap; with all flush triggers
// zero (the latency workload) sarama sends as soon as it can. Producer.
// MaxMessageBytes caps a partition's batch. The partitioner is sarama's
// default (FNV-1a of the key).
func saramaProducerConfig(pc produceConf) *sarama.Config {
	cfg := saramaBaseConfig()
	cfg.Producer.RequiredAcks = sarama.WaitForAll
	cfg.Producer.Idempotent = true
	cfg.Net.MaxOpenRequests = 1
	cfg.Producer.Return.Successes = true
	cfg.Producer.Return.Errors = true
	cfg.Producer.MaxMessageBytes = batchMaxBytes
	if pc.linger > 0 {
		cfg.Producer.Flush.Frequency = pc.linger
		cfg.Producer.Flush.Bytes = batchMaxBytes
	}
	if pc.codec == "lz4" {
		cfg.Producer.Compression = sarama.CompressionLZ4
	}
	return cfg
}

// saramaProduce sends m.n messages into Input(), with successes and errors
// read by two goroutines (sarama requires both to be drained).
func saramaProduce(m *meter, pc produceConf) error {
	p, err := sarama.NewAsyncProducer(strings.Split(pc.bootstrap, ","), saramaProducerConfig(pc))
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	defer func() {
		p.AsyncClose() // closes Successes and Errors once drained
		wg.Wait()
	}()

	p.Input() <- &sarama.ProducerMessage{Topic: pc.topic, Key: sarama.StringEncoder("warm-up"), Value: sarama.StringEncoder("warm-up")}
	select {
	case <-p.Successes():
	case perr := <-p.Errors():
		return fmt.Errorf("warm-up: %w", perr.Err)
	case <-time.After(waitLimit):
		return errors.New("warm-up: no delivery report")
	}

	d := newDeliveries(m, pc.paced)
	wg.Add(2)
	go func() {
		defer wg.Done()
		for msg := range p.Successes() {
			id, _ := msg.Metadata.(int)
			d.ack(id, nil)
		}
	}()
	go func() {
		defer wg.Done()
		for perr := range p.Errors() {
			id, _ := perr.Msg.Metadata.(int)
			d.ack(id, perr.Err)
		}
	}()

	m.begin()
	for i := range m.n {
		msg := &sarama.ProducerMessage{
			Topic: pc.topic,
			Key:   sarama.ByteEncoder(thePayload.key(i)),
			Value: sarama.ByteEncoder(thePayload.value(i, pc.valueSize)),
		}
		if pc.paced {
			d.pace(i)
			msg.Metadata = i
		}
		p.Input() <- msg
	}
	if err := d.wait(); err != nil {
		return err
	}
	m.end()
	return nil
}

// saramaConsumerConfig maps the shared fetch settings onto sarama's.
func saramaConsumerConfig() *sarama.Config {
	cfg := saramaBaseConfig()
	cfg.Consumer.Fetch.Min = 1
	cfg.Consumer.Fetch.Default = fetchMaxPartitionBytes
	cfg.Consumer.MaxWaitTime = fetchMaxWait
	cfg.Consumer.Offsets.Initial = sarama.OffsetOldest
	cfg.Consumer.Offsets.AutoCommit.Enable = false
	cfg.Consumer.Return.Errors = true
	return cfg
}

// saramaConsume reads m.total() messages: without a group, one PartitionConsumer
// per partition, each ranged over on its own goroutine; in the group
// workload, a ConsumerGroup whose handler marks every message and commits
// (synchronously) every commitEvery messages and at the end.
func saramaConsume(m *meter, cc consumeConf) error {
	if cc.group != "" {
		return saramaConsumeGroup(m, cc)
	}
	c, err := sarama.NewConsumer(strings.Split(cc.bootstrap, ","), saramaConsumerConfig())
	if err != nil {
		return err
	}
	defer c.Close()
	cnt := newCounter(m)
	errc := make(chan error, partitions)
	var wg sync.WaitGroup
	defer wg.Wait()
	for p := range int32(partitions) {
		pc, err := c.ConsumePartition(cc.topic, p, sarama.OffsetOldest)
		if err != nil {
			return err
		}
		defer pc.AsyncClose()
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range pc.Messages() {
				cnt.add()
			}
		}()
		go func() {
			defer wg.Done()
			for err := range pc.Errors() {
				select {
				case errc <- err:
				default:
				}
			}
		}()
	}
	if err := cnt.wait(errc); err != nil {
		return err
	}
	m.end()
	return nil
}

// saramaHandler is the group workload's sarama.ConsumerGroupHandler.
type saramaHandler struct{ cnt *counter }

func (saramaHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (saramaHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h saramaHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		sess.MarkMessage(msg, "")
		k := h.cnt.next()
		if k%commitEvery == 0 || k == int64(h.cnt.m.total()) {
			sess.Commit()
		}
		h.cnt.settle(k)
	}
	return nil
}

func saramaConsumeGroup(m *meter, cc consumeConf) error {
	g, err := sarama.NewConsumerGroup(strings.Split(cc.bootstrap, ","), cc.group, saramaConsumerConfig())
	if err != nil {
		return err
	}
	defer g.Close()
	cnt := newCounter(m)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		for ctx.Err() == nil {
			if err := g.Consume(ctx, []string{cc.topic}, saramaHandler{cnt}); err != nil {
				errc <- err
				return
			}
		}
	}()
	go func() {
		for err := range g.Errors() {
			select {
			case errc <- err:
			default:
			}
		}
	}()
	if err := cnt.wait(errc); err != nil {
		return err
	}
	m.end()
	return nil
}
