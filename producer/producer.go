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

	events  chan client.Event
	reports *reportQueue

	// The deprecated ProduceChannel is made on first use: a buffer of
	// go.produce.channel.size pointers (8 MB by default) that the GC would
	// otherwise scan in every cycle of every producer.
	produceMu     sync.Mutex
	produceChan   atomic.Pointer[chan *client.Message]
	produceClosed bool           // guarded by produceMu
	producerWG    sync.WaitGroup // the ProduceChannel goroutine
	// produceWaiting is 1 while the ProduceChannel goroutine holds a
	// message it waits to enqueue. Len counts it (confluent's does not), so
	// that Flush cannot see 0 in the instant between the last report and
	// the held message's enqueue and let Close fail it.
	produceWaiting atomic.Int32

	parts     *partitions
	promiseFn func(*kgo.Record, error) // p.promise, bound once: a method value allocates
	envs      envelopes
	payloads  payloads
	txn       *transactions // nil without transactional.id
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
	return p, nil
}

// Produce enqueues msg for asynchronous delivery. Its delivery report goes to
// deliveryChan if that is non-nil, otherwise to Events() (unless
// go.delivery.reports is false). Errors that librdkafka raises at enqueue
// time are returned here: ErrQueueFull, ErrMsgSizeTooLarge,
// ErrUnknownPartition, ErrInvalidArg, and ErrState after Close. The key,
// value and header values are copied, so msg and its buffers may be reused
// as soon as Produce returns.
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
	p.parts.note(*msg.TopicPartition.Topic)
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
	env := p.envs.next()
	env.dl = p.deadlines.getAt(now)
	env.topic = topic
	env.opaque = msg.Opaque
	env.dc = dc
	// Field by field into the zeroed envelope: assigning a whole Record
	// literal copies all 160 bytes through the write barrier.
	rec := &env.rec
	rec.Topic = *topic
	rec.Partition = partition
	hdrBytes := 0
	for _, h := range msg.Headers {
		hdrBytes += len(h.Value)
	}
	buf := p.payloads.alloc(len(msg.Key) + len(msg.Value) + hdrBytes)
	rec.Key = carve(&buf, msg.Key)
	rec.Value = carve(&buf, msg.Value)
	rec.Context = env
	if msg.Timestamp.IsZero() {
		rec.Timestamp = now
	} else {
		rec.Timestamp = msg.Timestamp
	}
	if len(msg.Headers) > 0 {
		rec.Headers = make([]kgo.RecordHeader, len(msg.Headers))
		for i, h := range msg.Headers {
			rec.Headers[i] = kgo.RecordHeader{Key: h.Key, Value: carve(&buf, h.Value)}
		}
	}
	p.h.Client.TryProduce(context.Background(), rec, p.promiseFn)
	return nil
}

// wireSize is librdkafka's worst-case on-wire size of a message, the figure it
// compares with message.max.bytes: the v2 record overhead (36 bytes of
// varints and attributes) plus key, value and serialized headers.
func wireSize(msg *client.Message) int {
	n := 36 + len(msg.Key) + len(msg.Value)
	for _, h := range msg.Headers {
		n += headerSize(h.Key, h.Value)
	}
	return n
}

// recordSize is wireSize of the message rec was made from: the same figure,
// recomputed at delivery instead of being kept in every envelope.
func recordSize(rec *kgo.Record) int64 {
	n := 36 + len(rec.Key) + len(rec.Value)
	for _, h := range rec.Headers {
		n += headerSize(h.Key, h.Value)
	}
	return int64(n)
}

// headerSize is a header's share of wireSize.
func headerSize(key string, value []byte) int {
	return varintLen(len(key)) + len(key) + varintLen(len(value)) + len(value)
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
	size := recordSize(r)
	var ev client.Event
	if ch == nil && p.cfg.GoDeliveryReports {
		ch = p.events
	}
	if ch != nil {
		ev = p.deliveryReport(env, err)
	}
	env.release()
	if ch == nil {
		p.release(size)
		return
	}
	p.reports.push(report{ch: ch, ev: ev, counted: true, size: size})
}

// deliveryReport completes the envelope's delivery report, copying only the
// fields go.delivery.report.fields asks for.
func (p *Producer) deliveryReport(env *envelope, err error) *client.Message {
	r := &env.rec
	m := &client.Message{
		TopicPartition: client.TopicPartition{Topic: env.topic, Partition: r.Partition, Offset: client.OffsetInvalid},
		Opaque:         env.opaque,
	}
	if p.drFields.Headers && len(r.Headers) > 0 {
		m.Headers = make([]client.Header, len(r.Headers))
		for i, h := range r.Headers {
			m.Headers[i] = client.Header{Key: h.Key, Value: h.Value}
		}
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
	case errors.Is(err, kgo.ErrRecordTimeout), errors.Is(err, errMessageTimedOut), env.dl.timedOut(err):
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
// client-level Error events (ErrTransport for a failed connection,
// ErrAllBrokersDown, ErrSsl and ErrAuthentication for a broker that refuses
// the connection) and OAuthBearerTokenRefresh. Unread events count in Len,
// as in confluent-kafka-go.
func (p *Producer) Events() chan client.Event { return p.events }

// Logs returns the log channel when go.logs.channel.enable is set, else nil.
func (p *Producer) Logs() chan client.LogEvent { return p.h.Logs() }

// ProduceChannel returns the channel-based produce interface.
//
// Deprecated: use Produce, as confluent-kafka-go advises.
func (p *Producer) ProduceChannel() chan *client.Message {
	if ch := p.produceChan.Load(); ch != nil {
		return *ch
	}
	p.produceMu.Lock()
	defer p.produceMu.Unlock()
	if ch := p.produceChan.Load(); ch != nil {
		return *ch
	}
	ch := make(chan *client.Message, p.cfg.GoProduceChannelSize)
	p.produceChan.Store(&ch)
	if p.produceClosed {
		// As if made at NewProducer and closed by Close.
		close(ch)
		return ch
	}
	p.producerWG.Add(1)
	go p.drainProduceChannel(ch)
	return ch
}

// drainProduceChannel produces what the application writes to
// ProduceChannel. Like confluent-kafka-go, which produces these with
// RD_KAFKA_MSG_F_BLOCK, it waits while the queue.buffering.max.* limits are
// reached instead of failing the message, so the channel applies
// back-pressure; any other enqueue error (or a full queue at Close) becomes a
// failed delivery report.
func (p *Producer) drainProduceChannel(ch chan *client.Message) {
	defer p.producerWG.Done()
	for msg := range ch {
		err := p.produceBlocking(msg)
		if err != nil && msg != nil {
			failed := *msg
			failed.TopicPartition.Error = err
			p.reports.push(report{ch: p.events, ev: &failed})
		}
	}
}

// produceBlocking retries msg while the queue is full. The wait polls:
// room is made by delivery reports reaching their channels, which would
// otherwise have to signal on every report for this deprecated interface.
func (p *Producer) produceBlocking(msg *client.Message) error {
	p.produceWaiting.Add(1)
	defer p.produceWaiting.Add(-1)
	pause := 100 * time.Microsecond
	for {
		err := p.produce(msg, nil)
		var kerr client.Error
		if err == nil || !errors.As(err, &kerr) || kerr.Code() != client.ErrQueueFull || p.h.IsClosed() {
			return err
		}
		time.Sleep(pause)
		pause = min(2*pause, 5*time.Millisecond)
	}
}

// Len counts what is not yet done: messages waiting to be delivered or whose
// delivery reports have not reached a channel, events not yet read from
// Events(), and messages still in ProduceChannel.
func (p *Producer) Len() int {
	n := int(p.inFlight.Load()) + len(p.events) + int(p.produceWaiting.Load())
	if ch := p.produceChan.Load(); ch != nil {
		n += len(*ch)
	}
	return n
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
	p.produceMu.Lock()
	p.produceClosed = true
	if ch := p.produceChan.Load(); ch != nil {
		close(*ch)
	}
	p.produceMu.Unlock()
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
// Without a topic and allTopics, it reports the topics this producer was
// asked to produce to or about, as librdkafka does.
func (p *Producer) GetMetadata(topic *string, allTopics bool, timeoutMs int) (*client.Metadata, error) {
	if p.h.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	switch {
	case topic != nil:
		p.parts.note(*topic)
	case !allTopics:
		return p.h.GetKnownTopicsMetadata(p.parts.topics(), timeoutMs)
	}
	return p.h.GetMetadata(topic, allTopics, timeoutMs)
}

// QueryWatermarkOffsets returns a partition's low and high watermarks.
func (p *Producer) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (low, high int64, err error) {
	if p.h.IsClosed() {
		return -1, -1, client.NewClosedClientError()
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
