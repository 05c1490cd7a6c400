package bench

// The workloads through segmentio/kafka-go: an async Writer with a
// Completion callback, per-partition Readers, and a group Reader with
// explicit CommitMessages.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	kafkago "github.com/segmentio/kafka-go"
)

func init() {
	registerProduce("kafka-go", kafkagoProduce)
	registerConsume("kafka-go", kafkagoConsume)
}

// kafkagoProduce writes m.n messages with one WriteMessages call each on an
// async Writer (kafka-go's shape of a per-message Produce), counting
// Completion callbacks. kafka-go has no idempotent producer. Batching:
// BatchTimeout is the linger, BatchSize and BatchBytes the batch caps; for
// linger 0 (kafka-go treats a zero BatchTimeout as 1 s) BatchSize is 1, so
// every message is sent at once. Keys are partitioned with CRC32Balancer
// (librdkafka's consistent_random), since kafka-go's default ignores keys.
func kafkagoProduce(m *meter, pc produceConf) error {
	var cur atomic.Pointer[deliveries]
	// A Transport of its own, as every other client's run starts with a
	// fresh client: the shared DefaultTransport caches metadata for 6 s and
	// would not know the topic created just before.
	transport := &kafkago.Transport{}
	defer transport.CloseIdleConnections()
	w := &kafkago.Writer{
		Addr:         kafkago.TCP(strings.Split(pc.bootstrap, ",")...),
		Transport:    transport,
		Topic:        pc.topic,
		Balancer:     &kafkago.CRC32Balancer{},
		RequiredAcks: kafkago.RequireAll,
		BatchTimeout: pc.linger,
		BatchSize:    batchMaxMsgs,
		BatchBytes:   batchMaxBytes,
		Async:        true,
		Completion: func(msgs []kafkago.Message, err error) {
			d := cur.Load()
			if d.sent == nil {
				d.ackN(len(msgs), err)
				return
			}
			for _, msg := range msgs {
				id, _ := msg.WriterData.(int)
				d.ack(id, err)
			}
		},
	}
	if pc.linger == 0 {
		w.BatchSize = 1
	}
	if pc.codec == "lz4" {
		w.Compression = kafkago.Lz4
	}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()

	warm := newDeliveries(&meter{n: 1}, false)
	cur.Store(warm)
	if err := w.WriteMessages(ctx, kafkago.Message{Key: []byte("warm-up"), Value: []byte("warm-up")}); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	if err := warm.wait(); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}

	d := newDeliveries(m, pc.paced)
	cur.Store(d)
	m.begin()
	for i := range m.n {
		msg := kafkago.Message{Key: thePayload.key(i), Value: thePayload.value(i, pc.valueSize)}
		if pc.paced {
			d.pace(i)
			msg.WriterData = i
		}
		if err := w.WriteMessages(ctx, msg); err != nil {
			return fmt.Errorf("produce %d: %w", i, err)
		}
	}
	if err := d.wait(); err != nil {
		return err
	}
	m.end()
	return nil
}

// kafkagoReaderConfig maps the shared fetch settings onto kafka-go's.
// MaxBytes is per fetch of one partition.
func kafkagoReaderConfig(cc consumeConf) kafkago.ReaderConfig {
	return kafkago.ReaderConfig{
		Brokers:  strings.Split(cc.bootstrap, ","),
		Topic:    cc.topic,
		MinBytes: 1,
		MaxBytes: fetchMaxPartitionBytes,
		MaxWait:  fetchMaxWait,
	}
}

// kafkagoConsume reads m.total() messages: without a group, one Reader per
// partition, each read with ReadMessage on its own goroutine; in the group
// workload, one group Reader read with FetchMessage, committing the last
// message of each partition with CommitMessages (synchronous, as
// CommitInterval is 0) every commitEvery messages and at the end.
func kafkagoConsume(m *meter, cc consumeConf) error {
	if cc.group != "" {
		return kafkagoConsumeGroup(m, cc)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cnt := newCounter(m)
	errc := make(chan error, partitions)
	var wg sync.WaitGroup
	defer wg.Wait()
	for p := range partitions {
		rc := kafkagoReaderConfig(cc)
		rc.Partition = p
		r := kafkago.NewReader(rc)
		defer r.Close()
		if err := r.SetOffset(kafkago.FirstOffset); err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if _, err := r.ReadMessage(ctx); err != nil {
					if ctx.Err() == nil {
						errc <- err
					}
					return
				}
				cnt.add()
			}
		}()
	}
	if err := cnt.wait(errc); err != nil {
		return err
	}
	m.end()
	cancel()
	return nil
}

func kafkagoConsumeGroup(m *meter, cc consumeConf) error {
	rc := kafkagoReaderConfig(cc)
	rc.GroupID = cc.group
	rc.StartOffset = kafkago.FirstOffset
	rc.CommitInterval = 0
	r := kafkago.NewReader(rc)
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()

	last := make([]kafkago.Message, partitions)
	seen := make([]bool, partitions)
	commit := func() error {
		var msgs []kafkago.Message
		for p, ok := range seen {
			if ok {
				msgs = append(msgs, last[p])
			}
		}
		if err := r.CommitMessages(ctx, msgs...); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	}
	for count := 0; count < m.total(); {
		msg, err := r.FetchMessage(ctx)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("consumed %d of %d messages in %v", count, m.total(), waitLimit)
			}
			return err
		}
		count++
		m.seen(count)
		if msg.Partition < 0 || msg.Partition >= partitions {
			return fmt.Errorf("message from unexpected partition %d", msg.Partition)
		}
		last[msg.Partition], seen[msg.Partition] = msg, true
		if count%commitEvery == 0 {
			if err := commit(); err != nil {
				return err
			}
		}
	}
	if err := commit(); err != nil {
		return err
	}
	m.end()
	return nil
}
