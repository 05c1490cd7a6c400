package producer_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
	"github.com/purekafka/purekafka/partitioner"
)

func newProducer(t *testing.T, c *kafkatest.Cluster, extra kafka.ConfigMap) *kafka.Producer {
	t.Helper()
	conf := kafka.ConfigMap{"bootstrap.servers": c.Bootstrap}
	for k, v := range extra {
		conf[k] = v
	}
	p, err := kafka.NewProducer(&conf)
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return p
}

// waitReport reads one event from ch that is a delivery report.
func waitReport(t *testing.T, ch chan kafka.Event) *kafka.Message {
	t.Helper()
	select {
	case ev := <-ch:
		m, ok := ev.(*kafka.Message)
		require.True(t, ok, "expected a delivery report, got %T: %v", ev, ev)
		return m
	case <-time.After(30 * time.Second):
		t.Fatal("no delivery report within 30s")
		return nil
	}
}

// consumeAll reads n records of topic with a plain franz-go client.
func consumeAll(t *testing.T, c *kafkatest.Cluster, topic string, n int) []*kgo.Record {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(t, err)
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out []*kgo.Record
	for len(out) < n {
		fs := cl.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "consumed %d of %d", len(out), n)
		fs.EachRecord(func(r *kgo.Record) { out = append(out, r) })
	}
	return out
}

// TestProduce100kKeyed is issue 4's headline check, once with a delivery
// channel and once through Events(): every report arrives exactly once,
// offsets are contiguous per partition, and every key is on librdkafka's
// consistent_random partition. Reports are read on a goroutine while the
// test produces, and checked once they are all in.
func TestProduce100kKeyed(t *testing.T) {
	t.Parallel()
	const partitions, n = 12, 100_000
	for _, tc := range []struct {
		name       string
		useEvents  bool
		drFields   string
		wantKeyVal bool
	}{
		{name: "deliveryChan", wantKeyVal: true},
		{name: "Events", useEvents: true, drFields: "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
				topic := c.CreateTopic(t, partitions)
				conf := kafka.ConfigMap{"enable.idempotence": true}
				if tc.drFields != "" {
					conf["go.delivery.report.fields"] = tc.drFields
				}
				p := newProducer(t, c, conf)
				var dc chan kafka.Event
				reports := p.Events()
				if !tc.useEvents {
					dc = make(chan kafka.Event, n)
					reports = dc
				}
				stop := make(chan struct{})
				defer close(stop)
				done := make(chan []*kafka.Message, 1)
				go func() {
					// No t calls here: a failure on this goroutine could
					// not stop the test; the test goroutine checks.
					got := make([]*kafka.Message, 0, n)
					for len(got) < n {
						select {
						case ev := <-reports:
							m, ok := ev.(*kafka.Message)
							if !ok {
								m = &kafka.Message{TopicPartition: kafka.TopicPartition{
									Error: fmt.Errorf("not a delivery report: %T %v", ev, ev)}, Opaque: -1}
							}
							got = append(got, m)
						case <-stop:
							return
						}
					}
					done <- got
				}()
				value := make([]byte, 100)
				for i := range n {
					err := p.Produce(&kafka.Message{
						TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
						Key:            fmt.Appendf(nil, "key-%d", i),
						Value:          value,
						Opaque:         i,
					}, dc)
					require.NoError(t, err)
				}
				assert.Equal(t, 0, p.Flush(60_000))
				var got []*kafka.Message
				select {
				case got = <-done:
				case <-time.After(60 * time.Second):
					t.Fatalf("not every delivery report within 60s of Flush (Len %d)", p.Len())
				}

				seen := make([]int, n)
				offsets := map[int32][]kafka.Offset{}
				var failed, wrongPartition, wrongKey, dups int
				for _, m := range got {
					if m.TopicPartition.Error != nil {
						if failed++; failed <= 5 {
							t.Errorf("report %v: %v", m.Opaque, m.TopicPartition.Error)
						}
						continue
					}
					i := m.Opaque.(int)
					if seen[i]++; seen[i] > 1 {
						dups++
					}
					key := fmt.Appendf(nil, "key-%d", i)
					if tc.wantKeyVal && !bytes.Equal(key, m.Key) || !tc.wantKeyVal && m.Key != nil {
						wrongKey++
					}
					if m.TopicPartition.Partition != partitioner.Consistent(key, partitions) {
						wrongPartition++
					}
					offsets[m.TopicPartition.Partition] = append(offsets[m.TopicPartition.Partition], m.TopicPartition.Offset)
				}
				assert.Zero(t, failed, "failed deliveries")
				assert.Zero(t, dups, "reports delivered twice")
				assert.Zero(t, wrongKey, "reports with the wrong key (go.delivery.report.fields=%q)", tc.drFields)
				assert.Zero(t, wrongPartition, "keys not on their consistent_random partition")
				assert.NotContains(t, seen, 0, "a message without a report")
				total := 0
				for part, offs := range offsets {
					for j, o := range offs {
						require.Equal(t, kafka.Offset(j), o, "partition %d: offsets contiguous from 0, in order", part)
					}
					total += len(offs)
				}
				assert.Equal(t, n, total)
				assert.Empty(t, reports, "no report beyond one per message")
				assert.Equal(t, 0, p.Len())
			})
		})
	}
}

func TestProduceFieldsAndTimestamps(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const partitions, n = 12, 300
		topic := c.CreateTopic(t, partitions)
		p := newProducer(t, c, nil)
		dc := make(chan kafka.Event, n)
		ts := time.UnixMilli(1_700_000_000_123)
		for i := range n {
			require.NoError(t, p.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
				Key:            fmt.Appendf(nil, "key-%d", i),
				Value:          fmt.Appendf(nil, "value-%d", i),
				Timestamp:      ts,
				Headers:        []kafka.Header{{Key: "i", Value: fmt.Appendf(nil, "%d", i)}, {Key: "nil"}},
				Opaque:         i,
			}, dc))
		}
		assert.Equal(t, 0, p.Flush(30_000))
		for range n {
			m := waitReport(t, dc)
			require.NoError(t, m.TopicPartition.Error)
			i := m.Opaque.(int)
			assert.Equal(t, fmt.Sprintf("key-%d", i), string(m.Key), "default go.delivery.report.fields has key")
			assert.Equal(t, fmt.Sprintf("value-%d", i), string(m.Value))
			assert.Nil(t, m.Headers, "headers are not in the default report fields")
			assert.Same(t, &topic, m.TopicPartition.Topic)
			assert.True(t, m.Timestamp.IsZero(), "reports carry no timestamp, as in confluent-kafka-go")
			assert.Equal(t, kafka.TimestampNotAvailable, m.TimestampType)
		}
		recs := consumeAll(t, c, topic, n)
		for _, r := range recs {
			require.Len(t, r.Headers, 2)
			assert.Equal(t, "i", r.Headers[0].Key)
			assert.Equal(t, "nil", r.Headers[1].Key)
			assert.Nil(t, r.Headers[1].Value, "a nil header value stays null on the wire")
			assert.True(t, ts.Equal(r.Timestamp))
		}
	})
}

func TestProduceCompression(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		for _, codec := range []string{"none", "gzip", "snappy", "lz4", "zstd"} {
			topic := c.CreateTopic(t, 1)
			p := newProducer(t, c, kafka.ConfigMap{"compression.type": codec, "acks": "1"})
			dc := make(chan kafka.Event, 50)
			value := []byte(strings.Repeat("compressible ", 20))
			for range 50 {
				require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: value}, dc))
			}
			require.Equal(t, 0, p.Flush(30_000), codec)
			for range 50 {
				require.NoError(t, waitReport(t, dc).TopicPartition.Error, codec)
			}
			for _, r := range consumeAll(t, c, topic, 50) {
				require.Equal(t, value, r.Value, codec)
			}
		}
	})
}

func TestProduceEventsChannelAndLen(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 3)
		p := newProducer(t, c, kafka.ConfigMap{"go.delivery.report.fields": "all"})
		const n = 20
		for i := range n {
			require.NoError(t, p.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: int32(i % 3)},
				Value:          []byte("v"),
				Headers:        []kafka.Header{{Key: "h", Value: []byte("x")}},
			}, nil))
		}
		// Unread reports still count, as in confluent-kafka-go: Flush
		// cannot reach 0 until the application drains Events().
		assert.Equal(t, n, p.Flush(2000))
		perPartition := map[int32]int{}
		for range n {
			m := waitReport(t, p.Events())
			require.NoError(t, m.TopicPartition.Error)
			assert.Equal(t, kafka.Offset(perPartition[m.TopicPartition.Partition]), m.TopicPartition.Offset,
				"reports of a partition arrive in order")
			perPartition[m.TopicPartition.Partition]++
			assert.Equal(t, []kafka.Header{{Key: "h", Value: []byte("x")}}, m.Headers, "fields=all includes headers")
		}
		assert.Equal(t, map[int32]int{0: 7, 1: 7, 2: 6}, perPartition, "explicit partitions honoured")
		assert.Equal(t, 0, p.Len())
	})
}

func TestProduceWithoutDeliveryReports(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		p := newProducer(t, c, kafka.ConfigMap{"go.delivery.reports": false})
		for range 10 {
			require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny}}, nil))
		}
		assert.Equal(t, 0, p.Flush(30_000))
		assert.Empty(t, p.Events())
		assert.Len(t, consumeAll(t, c, topic, 10), 10)
	})
}

func TestProduceChannel(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		p := newProducer(t, c, nil)
		p.ProduceChannel() <- &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 1}, Value: []byte("a")}
		p.ProduceChannel() <- &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 7}, Value: []byte("bad")}
		ok, bad := waitReport(t, p.Events()), waitReport(t, p.Events())
		if ok.TopicPartition.Partition == 7 {
			ok, bad = bad, ok
		}
		require.NoError(t, ok.TopicPartition.Error)
		assert.Equal(t, int32(1), ok.TopicPartition.Partition)
		require.Error(t, bad.TopicPartition.Error)
		assert.Equal(t, kafka.ErrUnknownPartition, bad.TopicPartition.Error.(kafka.Error).Code())
	})
}

// TestProduceChannelBlocksWhenFull: confluent-kafka-go produces
// ProduceChannel messages with RD_KAFKA_MSG_F_BLOCK, so a full queue makes
// the channel wait instead of failing messages. With room for 5 messages,
// 300 written to the channel are all delivered, none with ErrQueueFull, in
// order per partition.
func TestProduceChannelBlocksWhenFull(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const n = 300
		topic := c.CreateTopic(t, 1)
		p := newProducer(t, c, kafka.ConfigMap{"queue.buffering.max.messages": 5, "linger.ms": 1})
		go func() {
			for i := range n {
				p.ProduceChannel() <- &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0}, Value: fmt.Appendf(nil, "%d", i)}
			}
		}()
		for i := range n {
			m := waitReport(t, p.Events())
			require.NoError(t, m.TopicPartition.Error, "message %d", i)
			require.Equal(t, fmt.Sprint(i), string(m.Value))
		}
		assert.Equal(t, 0, p.Flush(10_000))
	})
}

func TestProduceRejectsSynchronously(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		p := newProducer(t, c, kafka.ConfigMap{"message.max.bytes": 1000, "linger.ms": 60_000, "queue.buffering.max.messages": 5})
		any := kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny}
		code := func(err error) kafka.ErrorCode {
			t.Helper()
			require.Error(t, err)
			var kerr kafka.Error
			require.ErrorAs(t, err, &kerr)
			return kerr.Code()
		}

		empty := ""
		assert.Equal(t, kafka.ErrInvalidArg, code(p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Partition: 0}}, nil)), "nil topic")
		assert.Equal(t, kafka.ErrInvalidArg, code(p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &empty}}, nil)), "empty topic")
		assert.Equal(t, kafka.ErrInvalidArg, code(p.Produce(nil, nil)), "nil message")
		assert.Equal(t, kafka.ErrMsgSizeTooLarge, code(p.Produce(&kafka.Message{TopicPartition: any, Value: make([]byte, 1000)}, nil)))

		dc := make(chan kafka.Event, 10)
		for range 5 {
			require.NoError(t, p.Produce(&kafka.Message{TopicPartition: any, Value: []byte("x")}, dc))
		}
		assert.Equal(t, kafka.ErrQueueFull, code(p.Produce(&kafka.Message{TopicPartition: any}, dc)))
		assert.Equal(t, 5, p.Len())

		// Once metadata is known, an explicit partition beyond the topic's
		// count is refused at once.
		require.NoError(t, p.Purge(kafka.PurgeQueue))
		for range 5 {
			m := waitReport(t, dc)
			assert.Equal(t, kafka.ErrPurgeQueue, code(m.TopicPartition.Error))
		}
		require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 1}}, dc))
		require.Equal(t, 0, p.Flush(30_000))
		require.NoError(t, waitReport(t, dc).TopicPartition.Error)
		assert.Equal(t, kafka.ErrUnknownPartition, code(p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 2}}, dc)))
		assert.Equal(t, kafka.ErrInvalidArg, code(p.Purge(8)))
	})
}

func TestProducerClose(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 1)
		p := newProducer(t, c, kafka.ConfigMap{"linger.ms": 60_000})
		require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny}}, nil))
		assert.False(t, p.IsClosed())
		p.Close()
		p.Close()
		assert.True(t, p.IsClosed())
		err := p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic}}, nil)
		require.Error(t, err)
		assert.Equal(t, kafka.ErrState, err.(kafka.Error).Code())
		assert.Equal(t, "Operation not allowed on closed client", err.Error())
		for range p.Events() { //nolint:revive // drain until closed
		}
	})
}

func TestProducerQueries(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 2)
		p := newProducer(t, c, nil)
		dc := make(chan kafka.Event, 3)
		base := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
		for i := range 3 {
			require.NoError(t, p.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 1},
				Timestamp:      base.Add(time.Duration(i) * time.Minute),
			}, dc))
		}
		require.Equal(t, 0, p.Flush(30_000))
		for range 3 {
			require.NoError(t, waitReport(t, dc).TopicPartition.Error)
		}

		md, err := p.GetMetadata(&topic, false, 10_000)
		require.NoError(t, err)
		require.Contains(t, md.Topics, topic)
		assert.Len(t, md.Topics[topic].Partitions, 2)
		assert.NotEmpty(t, md.Brokers)
		assert.NotEmpty(t, md.OriginatingBroker.Host)

		low, high, err := p.QueryWatermarkOffsets(topic, 1, 10_000)
		require.NoError(t, err)
		assert.Equal(t, int64(0), low)
		assert.Equal(t, int64(3), high)

		times, err := p.OffsetsForTimes([]kafka.TopicPartition{
			{Topic: &topic, Partition: 1, Offset: kafka.Offset(base.Add(time.Minute).UnixMilli())},
		}, 10_000)
		require.NoError(t, err)
		require.Len(t, times, 1)
		assert.Equal(t, kafka.Offset(1), times[0].Offset)
		assert.NoError(t, times[0].Error)
	})
}

func TestProducerStringAndFatal(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewFake(t)
	p := newProducer(t, c, nil)
	assert.Regexp(t, `^rdkafka#producer-\d+$`, p.String())
	assert.NoError(t, p.GetFatalError())
	assert.Equal(t, kafka.ErrNoError, p.TestFatalError(kafka.ErrOutOfOrderSequenceNumber, "testing"))
	assert.Equal(t, kafka.ErrPrevInProgress, p.TestFatalError(kafka.ErrOutOfOrderSequenceNumber, "again"))
	fatal := p.GetFatalError().(kafka.Error)
	assert.True(t, fatal.IsFatal())
	assert.Equal(t, kafka.ErrOutOfOrderSequenceNumber, fatal.Code())
	select {
	case ev := <-p.Events():
		assert.Equal(t, fatal, ev)
	case <-time.After(5 * time.Second):
		t.Fatal("no fatal error event")
	}
}

// TestBadInputLosesNothing interleaves rejected messages with good ones:
// each rejection carries confluent's code and every accepted message is
// still delivered.
func TestBadInputLosesNothing(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		topic := c.CreateTopic(t, 3)
		p := newProducer(t, c, kafka.ConfigMap{"message.max.bytes": 10_000})
		dc := make(chan kafka.Event, 100)
		good := func(i int) *kafka.Message {
			return &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
				Value: fmt.Appendf(nil, "%d", i)}
		}
		bad := []struct {
			name string
			msg  *kafka.Message
			code kafka.ErrorCode
		}{
			{"nil topic", &kafka.Message{}, kafka.ErrInvalidArg},
			{"oversized", &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny}, Value: make([]byte, 20_000)}, kafka.ErrMsgSizeTooLarge},
			{"negative partition", &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: -5}}, kafka.ErrUnknownPartition},
		}
		accepted := 0
		for i := range 30 {
			require.NoError(t, p.Produce(good(i), dc))
			accepted++
			b := bad[i%len(bad)]
			err := p.Produce(b.msg, dc)
			require.Error(t, err, b.name)
			assert.Equal(t, b.code, err.(kafka.Error).Code(), b.name)
		}
		require.Equal(t, 0, p.Flush(30_000))
		for range accepted {
			require.NoError(t, waitReport(t, dc).TopicPartition.Error)
		}
		assert.Len(t, consumeAll(t, c, topic, accepted), accepted)
	})
}

func TestNewProducerRejectsBadConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		conf kafka.ConfigMap
		code kafka.ErrorCode
		text string
	}{
		{"unknown property", kafka.ConfigMap{"no.such.thing": 1}, kafka.ErrInvalidArg, `No such configuration property: "no.such.thing"`},
		{"wrong value type", kafka.ConfigMap{"linger.ms": int64(5)}, kafka.ErrInvalidArg, "Invalid value type int64 for key linger.ms (expected string,bool,int,ConfigMap)"},
		{"bad enum", kafka.ConfigMap{"compression.type": "brotli"}, kafka.ErrInvalidArg, `Invalid value "brotli" for configuration property "compression.codec"`},
		{"go.* type", kafka.ConfigMap{"go.delivery.reports": "true"}, kafka.ErrInvalidArg, "go.delivery.reports expects type bool, not string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := kafka.NewProducer(&tc.conf)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Equal(t, tc.code, err.(kafka.Error).Code())
			assert.Equal(t, tc.text, err.Error())
		})
	}
}

// TestProduceCopiesPayload reuses one key, value and header buffer for every
// message and overwrites them right after Produce returns, which
// confluent-kafka-go allows (librdkafka copies the message): every record
// and every delivery report must still hold its own bytes, nil and empty
// stay distinct, and payloads both below and above the size that gets its
// own allocation survive.
func TestProduceCopiesPayload(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		const n = 400
		topic := c.CreateTopic(t, 3)
		p := newProducer(t, c, nil)
		dc := make(chan kafka.Event, n)
		key, value, hdr := make([]byte, 8), make([]byte, 5000), make([]byte, 4)
		want := func(i int) (k, v, h []byte) {
			k = fmt.Appendf(nil, "k%07d", i)
			size := 10 + i%7 // mostly small values, and every 50th a large one
			if i%50 == 0 {
				size = 4000 + i
			}
			v = []byte(strings.Repeat(fmt.Sprintf("%c", 'a'+i%26), size))
			return k, v, fmt.Appendf(nil, "%04d", i)
		}
		for i := range n {
			k, v, h := want(i)
			msg := &kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
				Key:            key[:copy(key, k)],
				Value:          value[:copy(value, v)],
				Headers:        []kafka.Header{{Key: "h", Value: hdr[:copy(hdr, h)]}, {Key: "empty", Value: []byte{}}, {Key: "nil"}},
				Opaque:         i,
			}
			require.NoError(t, p.Produce(msg, dc))
			for _, b := range [][]byte{key, value, hdr} {
				for j := range b {
					b[j] = '#'
				}
			}
		}
		require.Equal(t, 0, p.Flush(30_000))
		for range n {
			m := waitReport(t, dc)
			require.NoError(t, m.TopicPartition.Error)
			k, v, _ := want(m.Opaque.(int))
			require.Equal(t, string(k), string(m.Key))
			require.Equal(t, string(v), string(m.Value))
		}
		recs := consumeAll(t, c, topic, n)
		require.Len(t, recs, n)
		for _, r := range recs {
			var i int
			_, err := fmt.Sscanf(string(r.Key), "k%07d", &i)
			require.NoError(t, err, "key %q", r.Key)
			k, v, h := want(i)
			require.Equal(t, string(k), string(r.Key))
			require.Equal(t, string(v), string(r.Value), "value of message %d", i)
			require.Len(t, r.Headers, 3)
			assert.Equal(t, string(h), string(r.Headers[0].Value))
			assert.NotNil(t, r.Headers[1].Value, "an empty header value stays empty, not null")
			assert.Empty(t, r.Headers[1].Value)
			assert.Nil(t, r.Headers[2].Value)
		}
	})
}
