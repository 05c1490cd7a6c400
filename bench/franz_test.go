package bench

// The workloads through raw franz-go (kgo), the library purekafka wraps:
// the floor of purekafka's overhead.

import (
	"context"
	"fmt"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"
)

func init() {
	registerProduce("franz-go", franzProduce)
	registerConsume("franz-go", franzConsume)
}

// franzCodec maps a librdkafka codec name to kgo's.
func franzCodec(name string) kgo.CompressionCodec {
	if name == "lz4" {
		return kgo.Lz4Compression()
	}
	return kgo.NoCompression()
}

// franzProduce produces m.n messages with the asynchronous Produce and one
// shared promise; franz-go blocks Produce while MaxBufferedRecords are
// buffered, which is its back-pressure. Idempotence is franz-go's default
// (one in-flight produce request per broker); the partitioner is its
// default (murmur2 for keyed records).
func franzProduce(m *meter, pc produceConf) error {
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(strings.Split(pc.bootstrap, ",")...),
		kgo.RequiredAcks(kgo.AllISRAcks()),
		kgo.ProducerLinger(pc.linger),
		kgo.ProducerBatchCompression(franzCodec(pc.codec)),
		kgo.ProducerBatchMaxBytes(batchMaxBytes),
		kgo.MaxBufferedRecords(bufferMaxMsgs),
	)
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := cl.ProduceSync(ctx, &kgo.Record{Topic: pc.topic, Key: []byte("warm-up"), Value: []byte("warm-up")}).FirstErr(); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}

	d := newDeliveries(m, pc.paced)
	promise := func(_ *kgo.Record, err error) { d.ack(-1, err) }
	m.begin()
	for i := range m.n {
		r := &kgo.Record{Topic: pc.topic, Key: thePayload.key(i), Value: thePayload.value(i, pc.valueSize)}
		if pc.paced {
			d.pace(i)
			cl.Produce(ctx, r, func(_ *kgo.Record, err error) { d.ack(i, err) })
			continue
		}
		cl.Produce(ctx, r, promise)
	}
	if err := d.wait(); err != nil {
		return err
	}
	m.end()
	return nil
}

// franzConsume reads m.total() messages with PollFetches and a record iterator:
// directly from every partition's start, or in the group workload as a
// group member with autocommit off, committing with CommitRecords the last
// record consumed of each partition every commitEvery messages and at the
// end. (CommitUncommittedOffsets would commit everything polled, which is
// ahead of what was consumed and, within one poll, nothing new: one real
// commit per fetch instead of one per commitEvery messages.)
func franzConsume(m *meter, cc consumeConf) error {
	opts := []kgo.Opt{
		kgo.SeedBrokers(strings.Split(cc.bootstrap, ",")...),
		kgo.ConsumeTopics(cc.topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchMaxWait(fetchMaxWait),
		kgo.FetchMinBytes(1),
		kgo.FetchMaxBytes(fetchMaxBytes),
		kgo.FetchMaxPartitionBytes(fetchMaxPartitionBytes),
	}
	if cc.group != "" {
		opts = append(opts, kgo.ConsumerGroup(cc.group), kgo.DisableAutoCommit())
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()

	last := make([]*kgo.Record, partitions)
	commit := func() error {
		var rs []*kgo.Record
		for _, r := range last {
			if r != nil {
				rs = append(rs, r)
			}
		}
		if err := cl.CommitRecords(ctx, rs...); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	}
	for count := 0; count < m.total(); {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("consumed %d of %d messages: %w", count, m.total(), err)
		}
		if errs := fs.Errors(); len(errs) > 0 {
			return fmt.Errorf("fetch %s[%d]: %w", errs[0].Topic, errs[0].Partition, errs[0].Err)
		}
		for it := fs.RecordIter(); !it.Done() && count < m.total(); {
			r := it.Next()
			count++
			m.seen(count)
			if cc.group != "" {
				if r.Partition < 0 || int(r.Partition) >= partitions {
					return fmt.Errorf("record from unexpected partition %d", r.Partition)
				}
				last[r.Partition] = r
				if count%commitEvery == 0 {
					if err := commit(); err != nil {
						return err
					}
				}
			}
		}
	}
	if cc.group != "" {
		if err := commit(); err != nil {
			return err
		}
	}
	m.end()
	return nil
}
