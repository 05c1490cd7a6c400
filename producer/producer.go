package producer

import (
	"context"
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/partitioner"
)

// sealed makes Producer a client.Handle without an exported field.
type sealed = client.Sealed

// Producer is confluent-kafka-go's asynchronous producer: Produce enqueues a
// message and returns at once; its delivery report arrives later on the
// per-call channel or on Events().
type Producer struct {
	sealed
	h   *client.Instance
	cfg *client.Config

	events      chan client.Event
	produceChan chan *client.Message
	reports     *reportQueue
	producerWG  sync.WaitGroup // the ProduceChannel goroutine

	parts     *partitions
	promiseFn func(*kgo.Record, error) // p.promise, bound once: a method value allocates
	txn       *transactions            // nil without transactional.id
	deadlines deadlines

	// inFlight counts accepted messages whose delivery report has not yet
	// reached a channel: librdkafka's rd_kafka_outq_len, which Len and the
	// queue.buffering.max.* limits are built on.
	inFlight      atomic.Int64
	inFlightBytes atomic.Int64

	maxMessages int64 // queue.buffering.max.messages, 0: no limit
	maxBytes    int64 // queue.buffering.max.kbytes in bytes, 0: no limit
	maxMsgSize  int   // message.max.bytes
	drFields    client.DeliveryReportFields
}

// New creates a Producer from conf, as confluent-kafka-go's NewProducer does.
// conf is not modified.
func New(conf *client.ConfigMap) (*Producer, error) {
	cfg, err := client.NewConfig(conf, client.RoleProducer)
	if err != nil {
		return nil, err
	}
	part, err := partitioner.New(cfg.Partitioner, partitioner.WithStickyLinger(cfg.StickyLinger))
	if err != nil {
		return nil, client.NewError(client.ErrInvalidArg, err.Error(), false)
	}
	p := &Producer{
		cfg:         cfg,
		events:      make(chan client.Event, cfg.GoEventsChannelSize),
		produceChan: make(chan *client.Message, cfg.GoProduceChannelSize),
		parts:       newPartitions(part),
		maxMessages: int64(cfg.QueueMaxMessages),
		maxBytes:    cfg.QueueMaxBytes,
		maxMsgSize:  cfg.MessageMaxBytes,
		drFields:    cfg.GoDeliveryReportFields,
		deadlines:   deadlines{timeout: cfg.MessageTimeout},
	}
	// The limits are enforced here, synchronously, as librdkafka does; franz-go's
	// own buffer limits are lifted so its TryProduce never refuses what we accepted.
	if cfg.TransactionalID != "" {
		p.txn = &transactions{}
	}
	h, err := client.NewInstance(client.KindProducer, cfg,
		kgo.RecordPartitioner(p.parts),
		kgo.MaxBufferedRecords(math.MaxInt32),
		kgo.MaxBufferedBytes(0),
		kgo.RecordDeliveryTimeout(0), // see deadlines
	)
	if err != nil {
		return nil, err
	}
	p.h = h
	p.promiseFn = p.promise
	p.sealed = client.Seal(h)
	p.reports = newReportQueue(p.delivered)
	// Client-level events (connection Error events, OAUTHBEARER refresh
	// requests) go to Events() with the delivery reports, as in the
	// reference.
	h.SetEventSink(func(ev client.Event) { p.reports.push(report{ch: p.events, ev: ev}) })
	p.producerWG.Add(1)
	go p.drainProduceChannel()
	return p, nil
}

// envelope carries one message through franz-go: the record itself, and (as
// the record's Context, which franz-go leaves alone when set) what its
// delivery report needs. The report itself is allocated only when the record
// is done: embedding it here saved an allocation but made every in-flight
// envelope 75% larger, which cost more (GC, cache) than it saved (bench/).
type envelope struct {
	context.Context
	rec     kgo.Record
	topic   *string // the caller's pointer, reused in the report
	opaque  any
	headers []client.Header
	dc      chan client.Event
	size    int64
}

// Produce enqueues msg for asynchronous delivery. Its delivery report goes to
// deliveryChan if that is non-nil, otherwise to Events() (unless
// go.delivery.reports is false). Errors that librdkafka raises at enqueue
// time are returned here: ErrQueueFull, ErrMsgSizeTooLarge,
// ErrUnknownPartition, ErrInvalidArg, and ErrState after Close.
func (p *Producer) Produce(msg *client.Message, deliveryChan chan client.Event) error {
	if p.h.IsClosed() {
		return client.NewClosedClientError()
	}
	return p.produce(msg, deliveryChan)
}

func (p *Producer) produce(msg *client.Message, dc chan client.Event) error {
	if msg == nil || msg.TopicPartition.Topic == nil || *msg.TopicPartition.Topic == "" {
		return client.NewError(client.ErrInvalidArg, "", false)
	}
	if p.txn != nil {
		if !p.txn.producing.Load() {
			// librdkafka's produce call returns the bare code, so
			// confluent-kafka-go's Error has no text of its own.
			return client.NewError(client.ErrState, "", false)
		}
		p.txn.produced.Store(true)
	}
	topic := msg.TopicPartition.Topic
	size := wireSize(msg)
	if size > p.maxMsgSize {
		return client.NewError(client.ErrMsgSizeTooLarge, "", false)
	}
	partition := msg.TopicPartition.Partition
	if partition < client.PartitionAny {
		return client.NewError(client.ErrUnknownPartition, "", false)
	}
	if partition >= 0 {
		if n, known := p.parts.count(*topic); known && partition >= n {
			return client.NewError(client.ErrUnknownPartition, "", false)
		}
	}
	n := p.inFlight.Add(1)
	b := p.inFlightBytes.Add(int64(size))
	if (p.maxMessages > 0 && n > p.maxMessages) || (p.maxBytes > 0 && b > p.maxBytes) {
		p.inFlight.Add(-1)
		p.inFlightBytes.Add(-int64(size))
		return client.NewError(client.ErrQueueFull, "", false)
	}

	// One clock read serves the message timeout and the record timestamp
	// (franz-go would read the clock again for a zero timestamp).
	now := time.Now()
	env := &envelope{
		Context: p.deadlines.getAt(now),
		topic:   topic,
		opaque:  msg.Opaque,
		dc:      dc,
		size:    int64(size),
	}
	if p.drFields.Headers {
		env.headers = msg.Headers
	}
	env.rec = kgo.Record{
		Topic:     *topic,
		Partition: partition,
		Key:       msg.Key,
		Value:     msg.Value,
		Timestamp: msg.Timestamp,
		Context:   env,
	}
	if env.rec.Timestamp.IsZero() {
		env.rec.Timestamp = now
	}
	if len(msg.Headers) > 0 {
		env.rec.Headers = make([]kgo.RecordHeader, len(msg.Headers))
		for i, h := range msg.Headers {
			env.rec.Headers[i] = kgo.RecordHeader{Key: h.Key, Value: h.Value}
		}
	}
	p.h.Client.TryProduce(context.Background(), &env.rec, p.promiseFn)
	return nil
}

// wireSize is librdkafka's worst-case on-wire size of a message, the figure it
// compares with message.max.bytes: the v2 record overhead (36 bytes of
// varints and attributes) plus key, value and serialized headers.
func wireSize(msg *client.Message) int {
	n := 36 + len(msg.Key) + len(msg.Value)
	for _, h := range msg.Headers {
		n += varintLen(len(h.Key)) + len(h.Key) + varintLen(len(h.Value)) + len(h.Value)
	}
	return n
}

// varintLen is the length of n as a zig-zag varint, as record headers encode it.
func varintLen(n int) int {
	u := uint64(n) << 1
	l := 1
	for u >= 0x80 {
		u >>= 7
		l++
	}
	return l
}

// promise turns franz-go's completion of a record into the delivery report
// confluent's application expects.
func (p *Producer) promise(r *kgo.Record, err error) {
	env := r.Context.(*envelope)
	if err != nil && p.txn != nil {
		p.txn.recordFailed(err)
	}
	ch := env.dc
	if ch == nil {
		if !p.cfg.GoDeliveryReports {
			p.release(env.size)
			return
		}
		ch = p.events
	}
	p.reports.push(report{ch: ch, ev: p.deliveryReport(env, err), counted: true, size: env.size})
}

// deliveryReport completes the envelope's delivery report, copying only the
// fields go.delivery.report.fields asks for.
func (p *Producer) deliveryReport(env *envelope, err error) *client.Message {
	r := &env.rec
	m := &client.Message{
		TopicPartition: client.TopicPartition{Topic: env.topic, Partition: r.Partition, Offset: client.OffsetInvalid},
		Opaque:         env.opaque,
		Headers:        env.headers,
	}
	if err != nil {
		m.TopicPartition.Error = p.deliveryError(env, err)
	} else {
		// No Timestamp/TimestampType: confluent-kafka-go builds reports
		// without them (zero time, TimestampNotAvailable), whatever
		// go.delivery.report.fields says.
		m.TopicPartition.Offset = client.Offset(r.Offset)
		if r.LeaderEpoch >= 0 {
			epoch := r.LeaderEpoch
			m.TopicPartition.LeaderEpoch = &epoch
			m.LeaderEpoch = &epoch //nolint:staticcheck // confluent still fills the deprecated field
		}
	}
	if p.drFields.Key {
		m.Key = r.Key
	}
	if p.drFields.Value {
		m.Value = r.Value
	}
	return m
}

// deliveryError maps the error franz-go failed a record with to librdkafka's
// code for the same situation.
func (p *Producer) deliveryError(env *envelope, err error) error {
	switch {
	case errors.Is(err, kgo.ErrRecordTimeout), errors.Is(err, errMessageTimedOut):
		return client.NewError(client.ErrMsgTimedOut, "", false)
	case errors.Is(err, kgo.ErrAborting):
		return client.NewError(client.ErrPurgeQueue, "", false)
	case errors.Is(err, kgo.ErrClientClosed):
		return client.NewError(client.ErrDestroy, "", false)
	case env.rec.Partition >= 0 && isBadPartitionChoice(err):
		return client.NewError(client.ErrUnknownPartition, "", false)
	}
	return client.ErrorFromKgo(err)
}

// delivered is called once a report has reached its channel.
func (p *Producer) delivered(r report) {
	if r.counted {
		p.release(r.size)
	}
}

func (p *Producer) release(size int64) {
	p.inFlight.Add(-1)
	p.inFlightBytes.Add(-size)
}

// Events returns the channel of delivery reports and other events:
// client-level Error events (such as ErrSsl and ErrAuthentication for a
// broker that refuses the connection) and OAuthBearerTokenRefresh.
func (p *Producer) Events() chan client.Event { return p.events }

// Logs returns the log channel when go.logs.channel.enable is set, else nil.
func (p *Producer) Logs() chan client.LogEvent { return p.h.Logs() }

// ProduceChannel returns the channel-based produce interface.
//
// Deprecated: use Produce, as confluent-kafka-go advises.
func (p *Producer) ProduceChannel() chan *client.Message { return p.produceChan }

// drainProduceChannel produces what the application writes to
// ProduceChannel; an enqueue error becomes a failed delivery report.
func (p *Producer) drainProduceChannel() {
	defer p.producerWG.Done()
	for msg := range p.produceChan {
		if err := p.produce(msg, nil); err != nil && msg != nil {
			failed := *msg
			failed.TopicPartition.Error = err
			p.reports.push(report{ch: p.events, ev: &failed})
		}
	}
}

// Len counts what is not yet done: messages waiting to be delivered or whose
// delivery reports have not reached a channel, events not yet read from
// Events(), and messages still in ProduceChannel.
func (p *Producer) Len() int {
	return int(p.inFlight.Load()) + len(p.events) + len(p.produceChan)
}

// Flush sends everything buffered at once, ignoring linger.ms, and waits
// until Len() is 0 or timeoutMs passes. It returns the final Len().
// Delivery reports sent to Events() count until the application reads them,
// as with confluent-kafka-go.
func (p *Producer) Flush(timeoutMs int) int {
	if p.h.IsClosed() {
		return p.Len()
	}
	deadline := time.Now().Add(client.TimeoutDuration(timeoutMs))
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	flushed := make(chan struct{})
	go func() {
		_ = p.h.Client.Flush(ctx)
		close(flushed)
	}()
	wait := 100 * time.Microsecond
	for p.Len() > 0 {
		if time.Now().After(deadline) {
			break
		}
		select {
		case <-flushed:
		case <-time.After(wait):
		}
		// Back off to librdkafka's 100 ms poll granularity for long flushes.
		wait = min(wait*2, 100*time.Millisecond)
	}
	return p.Len()
}

// Close shuts the producer down without flushing, as confluent-kafka-go does:
// messages not yet delivered fail and their reports are dropped; Events() is
// closed. Idempotent.
func (p *Producer) Close() {
	if !p.h.MarkClosed() {
		return
	}
	close(p.produceChan)
	p.producerWG.Wait()
	p.reports.close()
	p.h.Close()
	if p.txn != nil {
		p.txn.close()
	}
	close(p.events)
}

// IsClosed reports whether Close was called.
func (p *Producer) IsClosed() bool { return p.h.IsClosed() }

// String returns the instance name, such as "rdkafka#producer-1".
func (p *Producer) String() string { return p.h.String() }

// SetSaslCredentials replaces the SASL user name and password used by new
// connections.
func (p *Producer) SetSaslCredentials(username, password string) error {
	return p.h.SetSaslCredentials(username, password)
}

// SetOAuthBearerToken sets the SASL/OAUTHBEARER token.
func (p *Producer) SetOAuthBearerToken(token client.OAuthBearerToken) error {
	return p.h.SetOAuthBearerToken(token)
}

// SetOAuthBearerTokenFailure reports a failure to obtain an OAUTHBEARER token.
func (p *Producer) SetOAuthBearerTokenFailure(errstr string) error {
	return p.h.SetOAuthBearerTokenFailure(errstr)
}

// GetMetadata queries cluster metadata; see client.Instance.GetMetadata.
func (p *Producer) GetMetadata(topic *string, allTopics bool, timeoutMs int) (*client.Metadata, error) {
	if p.h.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	return p.h.GetMetadata(topic, allTopics, timeoutMs)
}

// QueryWatermarkOffsets returns a partition's low and high watermarks.
func (p *Producer) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (low, high int64, err error) {
	if p.h.IsClosed() {
		return 0, 0, client.NewClosedClientError()
	}
	return p.h.QueryWatermarkOffsets(topic, partition, timeoutMs)
}

// OffsetsForTimes returns, per partition, the first offset at or after the
// timestamp (ms) given in each TopicPartition's Offset.
func (p *Producer) OffsetsForTimes(times []client.TopicPartition, timeoutMs int) ([]client.TopicPartition, error) {
	if p.h.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	return p.h.OffsetsForTimes(times, timeoutMs)
}

// GetFatalError returns the producer's fatal error, or nil if it has none.
// After Close it fails with ErrState, as confluent-kafka-go does.
func (p *Producer) GetFatalError() error {
	if p.h.IsClosed() {
		return client.NewClosedClientError()
	}
	return p.h.FatalError()
}

// TestFatalError raises a fatal error artificially, for testing how an
// application handles one. It returns ErrNoError if the error was raised,
// or ErrPrevInProgress if a fatal error was already raised.
func (p *Producer) TestFatalError(code client.ErrorCode, str string) client.ErrorCode {
	err := client.NewError(code, "test_fatal_error: "+str, true)
	if !p.h.SetFatal(err) {
		return client.ErrPrevInProgress
	}
	p.reports.push(report{ch: p.events, ev: client.WithFatal(err)})
	return client.ErrNoError
}

var _ client.Handle = (*Producer)(nil)
