package compat

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// This file declares the client-neutral surface the scenarios are written
// against. Both clients expose the same kafka package API, but their types
// are distinct Go types, so each is wrapped by an adapter
// (adapter_confluent_test.go, and its generated twin
// adapter_purekafka_test.go) that converts to and from the plain values
// below. Nothing here buffers or reorders: every call goes straight to the
// wrapped client, so queue lengths, Flush counts and event order are the
// client's own.

// Config is a ConfigMap in neutral form. Values are passed through as they
// are, except that a nested Config becomes the client's own ConfigMap and a
// LogChan becomes a channel of the client's own LogEvent.
type Config map[string]any

// LogChan stands for a `chan kafka.LogEvent` value in a Config.
type LogChan struct{}

// Client is one implementation of the kafka package.
type Client interface {
	Name() string
	NewProducer(cfg Config) (Producer, error)
	NewConsumer(cfg Config) (Consumer, error)
	NewAdmin(cfg Config) (Admin, error)
	// ConfigMapSet calls ConfigMap.Set(kv) on an empty map and returns the
	// error and the resulting map rendered as "k=v(type)" pairs.
	ConfigMapSet(kv string) (string, error)
	// ErrorCodeString is ErrorCode(code).String().
	ErrorCodeString(code int) string
	// NewOffset is kafka.NewOffset(v), the offset rendered as a number.
	NewOffset(v any) (string, error)
	// FromString calls the <kind>FromString parser of the package
	// (kind is e.g. "ResourceType") and renders the value with %v.
	FromString(kind, s string) (string, error)
}

// Producer mirrors kafka.Producer.
type Producer interface {
	// Produce sends m; with ownChan the report goes to a private delivery
	// channel read by NextDR, otherwise to Events().
	Produce(m *Msg, ownChan bool) error
	NextDR(timeout time.Duration) (Event, bool)
	NextEvent(timeout time.Duration) (Event, bool)
	Flush(timeoutMs int) int
	Len() int
	Purge(flags int) error
	Close()
	GetFatalError() error
	GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error)
	QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (int64, int64, error)
	OffsetsForTimes(tps []TP, timeoutMs int) ([]TP, error)
	InitTransactions(ctx context.Context) error
	BeginTransaction() error
	CommitTransaction(ctx context.Context) error
	AbortTransaction(ctx context.Context) error
	// SendOffsetsToTransaction takes the value GetConsumerGroupMetadata of
	// a Consumer of the same client returned.
	SendOffsetsToTransaction(ctx context.Context, tps []TP, cgm any) error
	// Purge flag values of the wrapped package.
	PurgeFlags() (inFlight, queue, nonBlocking int)
	// SetOAuthBearerToken passes a token with only TokenValue set.
	SetOAuthBearerToken(token string) error
	SetOAuthBearerTokenFailure(errstr string) error
	SetSaslCredentials(username, password string) error
	IsClosed() bool
}

// RebalanceFn is a RebalanceCb in neutral form.
type RebalanceFn func(c Consumer, ev Event) error

// Consumer mirrors kafka.Consumer.
type Consumer interface {
	SubscribeTopics(topics []string, cb RebalanceFn) error
	Unsubscribe() error
	Subscription() ([]string, error)
	Assign(tps []TP) error
	Unassign() error
	IncrementalAssign(tps []TP) error
	IncrementalUnassign(tps []TP) error
	Assignment() ([]TP, error)
	AssignmentLost() bool
	GetRebalanceProtocol() string
	// Poll returns the next event, or ok=false when Poll returned nil.
	Poll(timeoutMs int) (Event, bool)
	// NextEvent reads the Events() channel (go.events.channel.enable),
	// giving up after timeout.
	NextEvent(timeout time.Duration) (Event, bool)
	ReadMessage(timeout time.Duration) (*Msg, error)
	Commit() ([]TP, error)
	CommitMessage(m *Msg) ([]TP, error)
	CommitOffsets(tps []TP) ([]TP, error)
	StoreOffsets(tps []TP) ([]TP, error)
	StoreMessage(m *Msg) ([]TP, error)
	Committed(tps []TP, timeoutMs int) ([]TP, error)
	Position(tps []TP) ([]TP, error)
	Seek(tp TP, timeoutMs int) error
	SeekPartitions(tps []TP) ([]TP, error)
	Pause(tps []TP) error
	Resume(tps []TP) error
	QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (int64, int64, error)
	GetWatermarkOffsets(topic string, partition int32) (int64, int64, error)
	OffsetsForTimes(tps []TP, timeoutMs int) ([]TP, error)
	GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error)
	// GetConsumerGroupMetadata returns the client's own
	// *ConsumerGroupMetadata, opaque to scenarios.
	GetConsumerGroupMetadata() (any, error)
	Close() error
	// CloseAgain calls the wrapped Close even when Close has run, which
	// Close does not (the run's cleanup closes every consumer once more).
	CloseAgain() error
	IsClosed() bool
	// SetOAuthBearerToken passes a token with only TokenValue set.
	SetOAuthBearerToken(token string) error
	SetOAuthBearerTokenFailure(errstr string) error
	SetSaslCredentials(username, password string) error
}

// TopicSpec is a kafka.TopicSpecification.
type TopicSpec struct {
	Topic             string
	NumPartitions     int
	ReplicationFactor int
	Config            map[string]string
}

// TopicResult is a kafka.TopicResult.
type TopicResult struct {
	Topic string
	Err   *Err
}

// TopicDescription is the part of kafka.TopicDescription scenarios compare.
type TopicDescription struct {
	Name       string
	Err        *Err
	Partitions int
	Internal   bool
}

// Admin mirrors the parts of kafka.AdminClient the scenarios use.
type Admin interface {
	CreateTopics(ctx context.Context, specs []TopicSpec, validateOnly bool) ([]TopicResult, error)
	DeleteTopics(ctx context.Context, topics []string) ([]TopicResult, error)
	DescribeTopics(ctx context.Context, topics []string) ([]TopicDescription, error)
	CreatePartitions(ctx context.Context, topic string, total int, validateOnly bool) ([]TopicResult, error)
	// DescribeTopicConfig returns the named entries of a topic's config
	// as "name=value source" strings.
	DescribeTopicConfig(ctx context.Context, topic string, names []string) ([]string, *Err, error)
	GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error)
	Close()
}

// Err is a kafka.Error as the application sees it.
type Err struct {
	Code             int
	CodeName         string
	Text             string
	Retriable        bool
	Fatal            bool
	Timeout          bool
	TxnRequiresAbort bool
}

func (e *Err) String() string {
	if e == nil {
		return "nil"
	}
	return fmt.Sprintf("%s(%d) retriable=%v fatal=%v timeout=%v abort=%v text=%q",
		e.CodeName, e.Code, e.Retriable, e.Fatal, e.Timeout, e.TxnRequiresAbort, e.Text)
}

// TP is a kafka.TopicPartition.
type TP struct {
	Topic       string
	Partition   int32
	Offset      int64
	Metadata    *string
	LeaderEpoch *int32
	Err         *Err
	// NilTopic passes the partition with a nil Topic (bad-input
	// scenarios); it is never set on partitions a client returns.
	NilTopic bool
}

func (tp TP) String() string {
	s := fmt.Sprintf("%s[%d]@%s", tp.Topic, tp.Partition, offsetString(tp.Offset))
	if tp.Metadata != nil {
		s += fmt.Sprintf(" md=%q", *tp.Metadata)
	}
	if tp.LeaderEpoch != nil {
		s += fmt.Sprintf(" epoch=%d", *tp.LeaderEpoch)
	}
	if tp.Err != nil {
		s += " err=" + tp.Err.String()
	}
	return s
}

// offsetString names librdkafka's logical offsets.
func offsetString(o int64) string {
	switch o {
	case -2:
		return "beginning"
	case -1:
		return "end"
	case -1000:
		return "stored"
	case -1001:
		return "invalid"
	}
	return strconv.FormatInt(o, 10)
}

// TPs renders partitions sorted by topic and partition: a list's order
// is not part of either API's contract.
func TPs(tps []TP) string {
	s := make([]string, len(tps))
	sorted := append([]TP(nil), tps...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].Topic != sorted[j].Topic {
			return sorted[i].Topic < sorted[j].Topic
		}
		return sorted[i].Partition < sorted[j].Partition
	})
	for i, tp := range sorted {
		s[i] = tp.String()
	}
	return "[" + strings.Join(s, " ") + "]"
}

// Header is a kafka.Header; Nil tells a nil value from an empty one.
type Header struct {
	Key   string
	Value []byte
}

// Msg is a kafka.Message.
type Msg struct {
	TP            TP
	Key, Value    []byte
	Headers       []Header
	Timestamp     time.Time
	TimestampType int
	Opaque        any
	LeaderEpoch   *int32
}

// bytesString tells nil from empty and shows short values.
func bytesString(b []byte) string {
	if b == nil {
		return "<nil>"
	}
	if len(b) > 24 {
		return fmt.Sprintf("<%d bytes>", len(b))
	}
	return strconv.Quote(string(b))
}

// tsString renders a timestamp; one within ten minutes of now was taken
// from the clock by a client or broker and is shown as "now", the rest
// (set by the scenario) exactly.
func tsString(ts time.Time, typ int) string {
	var s string
	switch {
	case ts.IsZero():
		s = "zero"
	case time.Since(ts).Abs() < 10*time.Minute:
		s = "now"
	default:
		s = strconv.FormatInt(ts.UnixMilli(), 10)
	}
	return fmt.Sprintf("%s/%d", s, typ)
}

func (m *Msg) String() string {
	if m == nil {
		return "msg <nil>"
	}
	var hs []string
	for _, h := range m.Headers {
		hs = append(hs, h.Key+":"+bytesString(h.Value))
	}
	s := fmt.Sprintf("msg %s key=%s value=%s hdrs=%v ts=%s opaque=%v",
		m.TP, bytesString(m.Key), bytesString(m.Value), hs, tsString(m.Timestamp, m.TimestampType), m.Opaque)
	if m.LeaderEpoch != nil {
		s += fmt.Sprintf(" msg-epoch=%d", *m.LeaderEpoch)
	}
	return s
}

// Event is a kafka.Event. Kind is the event's Go type name.
type Event struct {
	Kind  string
	Msg   *Msg
	Parts []TP
	Err   *Err
	// Other is the String() of events scenarios do not model.
	Other string
	// Str is the event's own String().
	Str string
}

func (e Event) String() string {
	return e.fields() + " str=" + strconv.Quote(e.Str)
}

func (e Event) fields() string {
	switch e.Kind {
	case "Message":
		return e.Msg.String()
	case "AssignedPartitions", "RevokedPartitions":
		return e.Kind + " " + TPs(e.Parts)
	case "PartitionEOF":
		return e.Kind + " " + e.Parts[0].String()
	case "OffsetsCommitted":
		return fmt.Sprintf("%s %s err=%s", e.Kind, TPs(e.Parts), e.Err)
	case "Error":
		return "Error " + e.Err.String()
	}
	return e.Kind + " " + e.Other
}

// Metadata is the part of kafka.Metadata scenarios compare.
type Metadata struct {
	Brokers int
	Topics  map[string]TopicMetadata
}

// TopicMetadata is a kafka.TopicMetadata.
type TopicMetadata struct {
	Partitions int
	Err        *Err
}
