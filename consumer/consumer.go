package consumer

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// sealed makes Consumer a client.Handle without an exported field.
type sealed = client.Sealed

// RebalanceCb is called from inside Poll (on the polling goroutine) with an
// AssignedPartitions or RevokedPartitions event. It may call Assign,
// IncrementalAssign, Unassign or IncrementalUnassign; if it does not, the
// consumer applies the event itself. Its error is ignored, as in
// confluent-kafka-go.
type RebalanceCb func(*Consumer, client.Event) error

// mode is how the consumer gets its partitions.
type mode int

const (
	modeNone      mode = iota // neither subscribed nor assigned
	modeManual                // Assign without Subscribe: direct partitions
	modeSubscribe             // group membership
)

// Consumer is confluent-kafka-go's high-level consumer. Poll (or
// ReadMessage, or the Events channel) returns one event at a time: messages
// from a buffered fetch, and rebalance, end-of-partition, commit and error
// events in the order they happened.
//
// Two franz-go clients back it: the instance client consumes manually
// assigned partitions and serves metadata, offset and commit queries; a
// group client exists while subscribed, because franz-go fixes a client's
// consuming mode at creation.
type Consumer struct {
	sealed
	h   *client.Instance
	cfg *client.Config

	reset         kgo.Offset // auto.offset.reset as franz-go's offset
	autoStore     bool
	autoCommit    bool
	eofEnabled    bool
	readCommitted bool
	cooperative   bool
	events        chan client.Event // nil unless go.events.channel.enable
	// named holds the topics GetMetadata was asked about, which stay
	// among those GetMetadata without a topic reports, as librdkafka
	// keeps a handle for each.
	named sync.Map

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever waiters should look again

	// The fetch gate: one goroutine at a time runs PollFetches, and
	// operations that move positions (seek, assign) close the gate and
	// cancel the fetch in flight so that no fetch straddles them.
	fetching    bool
	fetchCancel context.CancelFunc
	gate        int
	epoch       uint64

	mode        mode
	gc          *kgo.Client // the group client while subscribed
	topics      []string
	rebalanceCb RebalanceCb
	joined      bool // an assignment arrived in this subscription
	// subscribedOnce: Subscribe has been called; with group.protocol
	// consumer, librdkafka reports the protocol from then on.
	subscribedOnce bool
	// hasAssignment says an eager member holds an assignment that a
	// revoke must take back, so that franz-go's repeated end-of-session
	// revokes produce one RevokedPartitions per AssignedPartitions.
	hasAssignment bool
	subGen        uint64               // bumped by every Subscribe/Unsubscribe
	expelled      map[*kgo.Client]bool // group clients left for max.poll.interval.ms
	retiring      []chan struct{}      // closed when a replaced group client is gone

	assigned   map[tpKey]*partState
	wm         map[tpKey]watermarks
	topicNames map[string]*string

	chunks []chunk
	head   int
	slab   []client.Message // Messages not yet handed out (newMessageLocked)

	ctrl     []client.Event
	ctrlHead int

	cur           *rebalance // rebalance event the application is handling
	pending       *rebalance // assign event whose offsets franz-go waits for
	appReassigned bool
	lost          bool

	pollSeq       uint64 // Poll calls, for max.poll.interval.ms
	blockingPolls int    // Polls waiting right now, which count as polling
	rejoinPending bool   // expelled for max.poll.interval.ms; rejoin on Poll

	closing atomic.Bool
	stop    chan struct{} // closed when Close begins: background loops end
	abandon chan struct{} // closed when Close gives up waiting for the application
	bg      sync.WaitGroup
}

// New creates a Consumer from conf, as confluent-kafka-go's NewConsumer
// does. conf is not modified; group.id is required.
func New(conf *client.ConfigMap) (*Consumer, error) {
	cfg, err := client.NewConfig(conf, client.RoleConsumer)
	if err != nil {
		return nil, err
	}
	c := &Consumer{
		cfg:           cfg,
		reset:         resetOffset(cfg.AutoOffsetReset),
		autoStore:     cfg.EnableAutoOffsetStore,
		autoCommit:    cfg.EnableAutoCommit && cfg.AutoCommitInterval > 0,
		eofEnabled:    cfg.EnablePartitionEOF,
		readCommitted: cfg.IsolationLevel == "read_committed",
		cooperative:   cfg.RebalanceProtocol == "COOPERATIVE" || cfg.GroupProtocol == "consumer",
		changed:       make(chan struct{}),
		assigned:      make(map[tpKey]*partState),
		wm:            make(map[tpKey]watermarks),
		topicNames:    make(map[string]*string),
		expelled:      make(map[*kgo.Client]bool),
		stop:          make(chan struct{}),
		abandon:       make(chan struct{}),
	}
	h, err := client.NewInstance(client.KindConsumer, cfg, c.sharedOpts()...)
	if err != nil {
		return nil, err
	}
	c.h = h
	c.sealed = client.Seal(h)
	// Client-level events (connection Error events, OAUTHBEARER refresh
	// requests) join the queue Poll serves.
	h.SetEventSink(c.push)
	if cfg.GoEventsChannelEnable {
		c.events = make(chan client.Event, cfg.GoEventsChannelSize)
		c.bg.Add(1)
		go c.pumpEvents()
	}
	if c.autoCommit {
		c.bg.Add(1)
		go c.autoCommitLoop()
	}
	if cfg.MaxPollInterval > 0 && cfg.GroupID != "" {
		c.bg.Add(1)
		go c.maxPollLoop()
	}
	return c, nil
}

// resetOffset maps the normalised auto.offset.reset to franz-go. "error"
// starts where "earliest" would, but any out-of-range becomes an error.
func resetOffset(policy string) kgo.Offset {
	switch policy {
	case "earliest":
		return kgo.NewOffset().AtStart()
	case "error":
		return kgo.NoResetOffset()
	default:
		return kgo.NewOffset().AtEnd()
	}
}

// sharedOpts are the options both franz-go clients share.
func (c *Consumer) sharedOpts() []kgo.Opt {
	// Where to start and reset; and transaction markers are kept so that
	// Poll sees the fetch reach the end of a partition a transaction
	// ended (Poll drops them).
	return []kgo.Opt{kgo.ConsumeResetOffset(c.reset), kgo.ConsumeStartOffset(c.reset), kgo.KeepControlRecords()}
}

// String returns the instance name, such as "rdkafka#consumer-1".
func (c *Consumer) String() string { return c.h.String() }

// IsClosed reports whether Close was called and finished.
func (c *Consumer) IsClosed() bool { return c.h.IsClosed() }

// Logs returns the log channel when go.logs.channel.enable is set, else nil.
func (c *Consumer) Logs() chan client.LogEvent { return c.h.Logs() }

// Events returns the event channel when go.events.channel.enable is set,
// else nil.
//
// Deprecated: use Poll, as confluent-kafka-go advises.
func (c *Consumer) Events() chan client.Event { return c.events }

// SetSaslCredentials replaces the SASL user name and password used by new
// connections.
func (c *Consumer) SetSaslCredentials(username, password string) error {
	return c.h.SetSaslCredentials(username, password)
}

// SetOAuthBearerToken sets the SASL/OAUTHBEARER token.
func (c *Consumer) SetOAuthBearerToken(token client.OAuthBearerToken) error {
	return c.h.SetOAuthBearerToken(token)
}

// SetOAuthBearerTokenFailure reports a failure to obtain an OAUTHBEARER token.
func (c *Consumer) SetOAuthBearerTokenFailure(errstr string) error {
	return c.h.SetOAuthBearerTokenFailure(errstr)
}

// GetMetadata queries cluster metadata; see client.Instance.GetMetadata.
// Without a topic and allTopics, it reports the topics consumed and those
// it was asked about before, as librdkafka does.
func (c *Consumer) GetMetadata(topic *string, allTopics bool, timeoutMs int) (*client.Metadata, error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	switch {
	case topic != nil:
		c.named.Store(*topic, struct{}{})
	case !allTopics:
		known := c.h.Client.GetConsumeTopics()
		c.named.Range(func(k, _ any) bool {
			if !slices.Contains(known, k.(string)) {
				known = append(known, k.(string))
			}
			return true
		})
		return c.h.GetKnownTopicsMetadata(known, timeoutMs)
	}
	return c.h.GetMetadata(topic, allTopics, timeoutMs)
}

// QueryWatermarkOffsets asks the partition leader for the low and high
// watermarks, and caches them for GetWatermarkOffsets.
func (c *Consumer) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (low, high int64, err error) {
	if c.IsClosed() {
		return -1, -1, client.NewClosedClientError()
	}
	low, high, err = c.h.QueryWatermarkOffsets(topic, partition, timeoutMs)
	if err == nil {
		c.mu.Lock()
		key := tpKey{topic, partition}
		if ps := c.assigned[key]; ps != nil {
			ps.low, ps.high = low, high
		}
		c.wm[key] = watermarks{low, high}
		c.mu.Unlock()
	}
	return low, high, err
}

// GetWatermarkOffsets returns the watermarks last seen in fetch responses
// (or QueryWatermarkOffsets) without asking a broker; OffsetInvalid stands
// for a value not seen yet, also for a partition never assigned nor
// queried, without an error, as librdkafka answers through
// confluent-kafka-go.
func (c *Consumer) GetWatermarkOffsets(topic string, partition int32) (low, high int64, err error) {
	if c.IsClosed() {
		return -1, -1, client.NewClosedClientError()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	key := tpKey{topic, partition}
	if ps := c.assigned[key]; ps != nil {
		return ps.low, ps.high, nil
	}
	if wm, ok := c.wm[key]; ok {
		return wm.low, wm.high, nil
	}
	return int64(client.OffsetInvalid), int64(client.OffsetInvalid), nil
}

// OffsetsForTimes returns, per partition, the first offset whose timestamp
// is at or after the one (ms) given in each TopicPartition's Offset.
func (c *Consumer) OffsetsForTimes(times []client.TopicPartition, timeoutMs int) ([]client.TopicPartition, error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	return c.h.OffsetsForTimes(times, timeoutMs)
}

// GetConsumerGroupMetadata returns the consumer's current group membership
// for a transactional producer's SendOffsetsToTransaction. Outside a group
// session the generation is -1 and the member id empty.
func (c *Consumer) GetConsumerGroupMetadata() (*client.ConsumerGroupMetadata, error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	c.mu.Lock()
	gc := c.gc
	c.mu.Unlock()
	member, gen := "", int32(-1)
	if gc != nil {
		member, gen = gc.GroupMetadata()
	}
	var instance *string
	if c.cfg.GroupInstanceID != "" {
		id := c.cfg.GroupInstanceID
		instance = &id
	}
	return client.NewConsumerGroupMetadata(c.cfg.GroupID, gen, member, instance), nil
}

// notifyLocked wakes every goroutine waiting for the consumer's state to
// change (pollers, the fetch gate, Close).
func (c *Consumer) notifyLocked() {
	close(c.changed)
	c.changed = make(chan struct{})
}

// pushLocked queues a non-message event for Poll and interrupts a fetch
// in flight so that it is served promptly.
func (c *Consumer) pushLocked(ev client.Event) {
	c.ctrl = append(c.ctrl, ev)
	if c.fetchCancel != nil {
		c.fetchCancel()
	}
	c.notifyLocked()
}

// push is pushLocked for callers without the lock.
func (c *Consumer) push(ev client.Event) {
	c.mu.Lock()
	c.pushLocked(ev)
	c.mu.Unlock()
}

// popLocked takes the oldest queued event, or nil.
func (c *Consumer) popLocked() client.Event {
	if c.ctrlHead == len(c.ctrl) {
		return nil
	}
	ev := c.ctrl[c.ctrlHead]
	c.ctrl[c.ctrlHead] = nil
	c.ctrlHead++
	if c.ctrlHead == len(c.ctrl) {
		c.ctrl, c.ctrlHead = c.ctrl[:0], 0
	}
	return ev
}

// quiesceLocked closes the fetch gate and waits until no PollFetches is in
// flight, so that positions can change without a fetch straddling the
// change. It returns with c.mu held; reopen with unquiesceLocked.
func (c *Consumer) quiesceLocked() {
	c.gate++
	for c.fetching {
		if c.fetchCancel != nil {
			c.fetchCancel()
		}
		wait := c.changed
		c.mu.Unlock()
		<-wait
		c.mu.Lock()
	}
}

func (c *Consumer) unquiesceLocked() {
	c.gate--
	c.notifyLocked()
}

// opContext bounds a blocking operation the reference bounds only with
// librdkafka's internal timeouts: it ends at Close or after timeout.
func (c *Consumer) opContext(timeout time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	go func() {
		select {
		case <-c.abandon:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

var _ client.Handle = (*Consumer)(nil)
