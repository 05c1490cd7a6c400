package compat

// The adapter from the neutral API (api_test.go) to one kafka package; see
// twin_test.go for how its twin is made.

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	kafka "github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

type confluentClient struct{}

func (confluentClient) Name() string { return "confluent" }

func confluentConfig(c Config) *kafka.ConfigMap {
	m := kafka.ConfigMap{}
	for k, v := range c {
		switch v := v.(type) {
		case Config:
			m[k] = *confluentConfig(v)
		case LogChan:
			m[k] = make(chan kafka.LogEvent, 10_000)
		default:
			m[k] = v
		}
	}
	return &m
}

func (confluentClient) ConfigMapSet(kv string) (string, error) {
	m := kafka.ConfigMap{}
	err := m.Set(kv)
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s=%v(%T)", k, v, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " "), err
}

func (confluentClient) ErrorCodeString(code int) string { return kafka.ErrorCode(code).String() }

func (confluentClient) NewOffset(v any) (string, error) {
	o, err := kafka.NewOffset(v)
	return fmt.Sprintf("%d", int64(o)), err
}

func (confluentClient) FromString(kind, s string) (string, error) {
	var v any
	var err error
	switch kind {
	case "ResourceType":
		v, err = kafka.ResourceTypeFromString(s)
	case "ResourcePatternType":
		v, err = kafka.ResourcePatternTypeFromString(s)
	case "ACLOperation":
		v, err = kafka.ACLOperationFromString(s)
	case "ACLPermissionType":
		v, err = kafka.ACLPermissionTypeFromString(s)
	case "ScramMechanism":
		v, err = kafka.ScramMechanismFromString(s)
	case "ConsumerGroupState":
		v, err = kafka.ConsumerGroupStateFromString(s)
	case "ConsumerGroupType":
		v = kafka.ConsumerGroupTypeFromString(s)
	case "ElectionType":
		v, err = kafka.ElectionTypeFromString(s)
	default:
		panic("unknown kind " + kind)
	}
	return fmt.Sprintf("%v", v), err
}

func confluentErr(err error) *Err {
	if err == nil {
		return nil
	}
	var ke kafka.Error
	if !errors.As(err, &ke) {
		return &Err{Code: -99999, CodeName: fmt.Sprintf("non-kafka %T", err), Text: err.Error()}
	}
	if ke.Code() == kafka.ErrNoError {
		return nil
	}
	return &Err{Code: int(ke.Code()), CodeName: ke.Code().String(), Text: ke.Error(),
		Retriable: ke.IsRetriable(), Fatal: ke.IsFatal(), Timeout: ke.IsTimeout(), TxnRequiresAbort: ke.TxnRequiresAbort()}
}

func confluentTPOut(tp kafka.TopicPartition) TP {
	out := TP{Partition: tp.Partition, Offset: int64(tp.Offset), Metadata: tp.Metadata, LeaderEpoch: tp.LeaderEpoch, Err: confluentErr(tp.Error)}
	if tp.Topic != nil {
		out.Topic = *tp.Topic
	}
	return out
}

func confluentTPsOut(tps []kafka.TopicPartition) []TP {
	if tps == nil {
		return nil
	}
	out := make([]TP, len(tps))
	for i, tp := range tps {
		out[i] = confluentTPOut(tp)
	}
	return out
}

func confluentTPIn(tp TP) kafka.TopicPartition {
	topic := &tp.Topic
	if tp.NilTopic {
		topic = nil
	}
	return kafka.TopicPartition{Topic: topic, Partition: tp.Partition, Offset: kafka.Offset(tp.Offset), Metadata: tp.Metadata, LeaderEpoch: tp.LeaderEpoch}
}

func confluentTPsIn(tps []TP) []kafka.TopicPartition {
	if tps == nil {
		return nil
	}
	out := make([]kafka.TopicPartition, len(tps))
	for i, tp := range tps {
		out[i] = confluentTPIn(tp)
	}
	return out
}

func confluentMsgIn(m *Msg) *kafka.Message {
	if m == nil {
		return nil
	}
	km := &kafka.Message{TopicPartition: confluentTPIn(m.TP), Key: m.Key, Value: m.Value,
		Timestamp: m.Timestamp, TimestampType: kafka.TimestampType(m.TimestampType), Opaque: m.Opaque, LeaderEpoch: m.LeaderEpoch}
	for _, h := range m.Headers {
		km.Headers = append(km.Headers, kafka.Header{Key: h.Key, Value: h.Value})
	}
	// An errored message (a failed delivery report, or one a scenario
	// marks) keeps its error, which CommitMessage and StoreMessage check.
	if m.TP.Err != nil {
		km.TopicPartition.Error = kafka.NewError(kafka.ErrorCode(m.TP.Err.Code), m.TP.Err.Text, m.TP.Err.Fatal)
	}
	return km
}

func confluentMsgOut(km *kafka.Message) *Msg {
	m := &Msg{TP: confluentTPOut(km.TopicPartition), Key: km.Key, Value: km.Value, Timestamp: km.Timestamp,
		TimestampType: int(km.TimestampType), Opaque: km.Opaque, LeaderEpoch: km.LeaderEpoch}
	for _, h := range km.Headers {
		m.Headers = append(m.Headers, Header{Key: h.Key, Value: h.Value})
	}
	return m
}

func confluentEvent(ev kafka.Event) Event {
	out := confluentEventFields(ev)
	out.Str = ev.String()
	return out
}

func confluentEventFields(ev kafka.Event) Event {
	switch e := ev.(type) {
	case *kafka.Message:
		return Event{Kind: "Message", Msg: confluentMsgOut(e)}
	case kafka.AssignedPartitions:
		return Event{Kind: "AssignedPartitions", Parts: confluentTPsOut(e.Partitions)}
	case kafka.RevokedPartitions:
		return Event{Kind: "RevokedPartitions", Parts: confluentTPsOut(e.Partitions)}
	case kafka.PartitionEOF:
		return Event{Kind: "PartitionEOF", Parts: []TP{confluentTPOut(kafka.TopicPartition(e))}}
	case kafka.OffsetsCommitted:
		return Event{Kind: "OffsetsCommitted", Parts: confluentTPsOut(e.Offsets), Err: confluentErr(e.Error)}
	case kafka.Error:
		return Event{Kind: "Error", Err: confluentErr(e)}
	}
	kind := fmt.Sprintf("%T", ev)
	return Event{Kind: kind[strings.LastIndex(kind, ".")+1:], Other: ev.String()}
}

func confluentMetadata(md *kafka.Metadata) *Metadata {
	if md == nil {
		return nil
	}
	out := &Metadata{Brokers: len(md.Brokers), Topics: map[string]TopicMetadata{}}
	for name, t := range md.Topics {
		out.Topics[name] = TopicMetadata{Partitions: len(t.Partitions), Err: confluentErr(t.Error)}
	}
	return out
}

// next reads one event from ch, giving up after timeout.
func confluentNext(ch chan kafka.Event, timeout time.Duration) (Event, bool) {
	select {
	case ev, ok := <-ch:
		if !ok {
			return Event{Kind: "closed"}, true
		}
		return confluentEvent(ev), true
	case <-time.After(timeout):
		return Event{}, false
	}
}

type confluentProducer struct {
	p    *kafka.Producer
	dr   chan kafka.Event
	once sync.Once
}

func (confluentClient) NewProducer(cfg Config) (Producer, error) {
	p, err := kafka.NewProducer(confluentConfig(cfg))
	if err != nil {
		return nil, err
	}
	return &confluentProducer{p: p, dr: make(chan kafka.Event, 100_000)}, nil
}

func (p *confluentProducer) Produce(m *Msg, ownChan bool) error {
	var ch chan kafka.Event
	if ownChan {
		ch = p.dr
	}
	return p.p.Produce(confluentMsgIn(m), ch)
}

func (p *confluentProducer) NextDR(timeout time.Duration) (Event, bool) {
	return confluentNext(p.dr, timeout)
}

func (p *confluentProducer) NextEvent(timeout time.Duration) (Event, bool) {
	return confluentNext(p.p.Events(), timeout)
}

func (p *confluentProducer) Flush(timeoutMs int) int { return p.p.Flush(timeoutMs) }
func (p *confluentProducer) Len() int                { return p.p.Len() }
func (p *confluentProducer) Purge(flags int) error   { return p.p.Purge(flags) }
func (p *confluentProducer) Close()                  { p.once.Do(p.p.Close) }
func (p *confluentProducer) GetFatalError() error    { return p.p.GetFatalError() }

func (p *confluentProducer) IsClosed() bool { return p.p.IsClosed() }

func (p *confluentProducer) SetOAuthBearerToken(token string) error {
	return p.p.SetOAuthBearerToken(kafka.OAuthBearerToken{TokenValue: token})
}

func (p *confluentProducer) SetOAuthBearerTokenFailure(errstr string) error {
	return p.p.SetOAuthBearerTokenFailure(errstr)
}

func (p *confluentProducer) SetSaslCredentials(username, password string) error {
	return p.p.SetSaslCredentials(username, password)
}

func (p *confluentProducer) PurgeFlags() (inFlight, queue, nonBlocking int) {
	return kafka.PurgeInFlight, kafka.PurgeQueue, kafka.PurgeNonBlocking
}

func (p *confluentProducer) GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error) {
	md, err := p.p.GetMetadata(topic, all, timeoutMs)
	return confluentMetadata(md), err
}

func (p *confluentProducer) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (int64, int64, error) {
	return p.p.QueryWatermarkOffsets(topic, partition, timeoutMs)
}

func (p *confluentProducer) OffsetsForTimes(tps []TP, timeoutMs int) ([]TP, error) {
	out, err := p.p.OffsetsForTimes(confluentTPsIn(tps), timeoutMs)
	return confluentTPsOut(out), err
}

func (p *confluentProducer) InitTransactions(ctx context.Context) error {
	return p.p.InitTransactions(ctx)
}
func (p *confluentProducer) BeginTransaction() error { return p.p.BeginTransaction() }
func (p *confluentProducer) CommitTransaction(ctx context.Context) error {
	return p.p.CommitTransaction(ctx)
}
func (p *confluentProducer) AbortTransaction(ctx context.Context) error {
	return p.p.AbortTransaction(ctx)
}

func (p *confluentProducer) SendOffsetsToTransaction(ctx context.Context, tps []TP, cgm any) error {
	md, _ := cgm.(*kafka.ConsumerGroupMetadata)
	return p.p.SendOffsetsToTransaction(ctx, confluentTPsIn(tps), md)
}

type confluentConsumer struct {
	c      *kafka.Consumer
	closed bool
}

func (confluentClient) NewConsumer(cfg Config) (Consumer, error) {
	c, err := kafka.NewConsumer(confluentConfig(cfg))
	if err != nil {
		return nil, err
	}
	return &confluentConsumer{c: c}, nil
}

func (c *confluentConsumer) SubscribeTopics(topics []string, cb RebalanceFn) error {
	var kcb kafka.RebalanceCb
	if cb != nil {
		kcb = func(_ *kafka.Consumer, ev kafka.Event) error { return cb(c, confluentEvent(ev)) }
	}
	return c.c.SubscribeTopics(topics, kcb)
}

func (c *confluentConsumer) Unsubscribe() error              { return c.c.Unsubscribe() }
func (c *confluentConsumer) Subscription() ([]string, error) { return c.c.Subscription() }
func (c *confluentConsumer) Assign(tps []TP) error           { return c.c.Assign(confluentTPsIn(tps)) }
func (c *confluentConsumer) Unassign() error                 { return c.c.Unassign() }
func (c *confluentConsumer) IncrementalAssign(tps []TP) error {
	return c.c.IncrementalAssign(confluentTPsIn(tps))
}
func (c *confluentConsumer) IncrementalUnassign(tps []TP) error {
	return c.c.IncrementalUnassign(confluentTPsIn(tps))
}
func (c *confluentConsumer) AssignmentLost() bool         { return c.c.AssignmentLost() }
func (c *confluentConsumer) GetRebalanceProtocol() string { return c.c.GetRebalanceProtocol() }
func (c *confluentConsumer) Pause(tps []TP) error         { return c.c.Pause(confluentTPsIn(tps)) }
func (c *confluentConsumer) Resume(tps []TP) error        { return c.c.Resume(confluentTPsIn(tps)) }
func (c *confluentConsumer) IsClosed() bool               { return c.c.IsClosed() }

func (c *confluentConsumer) Assignment() ([]TP, error) {
	tps, err := c.c.Assignment()
	return confluentTPsOut(tps), err
}

func (c *confluentConsumer) Poll(timeoutMs int) (Event, bool) {
	ev := c.c.Poll(timeoutMs)
	if ev == nil {
		return Event{}, false
	}
	return confluentEvent(ev), true
}

func (c *confluentConsumer) NextEvent(timeout time.Duration) (Event, bool) {
	// The channel consumer is deprecated, but go.events.channel.enable is
	// still part of the API purekafka replaces.
	return confluentNext(c.c.Events(), timeout) //nolint:staticcheck // SA1019: see above.
}

func (c *confluentConsumer) ReadMessage(timeout time.Duration) (*Msg, error) {
	m, err := c.c.ReadMessage(timeout)
	if m == nil {
		return nil, err
	}
	return confluentMsgOut(m), err
}

func (c *confluentConsumer) Commit() ([]TP, error) {
	tps, err := c.c.Commit()
	return confluentTPsOut(tps), err
}

func (c *confluentConsumer) CommitMessage(m *Msg) ([]TP, error) {
	tps, err := c.c.CommitMessage(confluentMsgIn(m))
	return confluentTPsOut(tps), err
}

func (c *confluentConsumer) CommitOffsets(tps []TP) ([]TP, error) {
	out, err := c.c.CommitOffsets(confluentTPsIn(tps))
	return confluentTPsOut(out), err
}

func (c *confluentConsumer) StoreOffsets(tps []TP) ([]TP, error) {
	out, err := c.c.StoreOffsets(confluentTPsIn(tps))
	return confluentTPsOut(out), err
}

func (c *confluentConsumer) StoreMessage(m *Msg) ([]TP, error) {
	out, err := c.c.StoreMessage(confluentMsgIn(m))
	return confluentTPsOut(out), err
}

func (c *confluentConsumer) Committed(tps []TP, timeoutMs int) ([]TP, error) {
	out, err := c.c.Committed(confluentTPsIn(tps), timeoutMs)
	return confluentTPsOut(out), err
}

func (c *confluentConsumer) Position(tps []TP) ([]TP, error) {
	out, err := c.c.Position(confluentTPsIn(tps))
	return confluentTPsOut(out), err
}

func (c *confluentConsumer) Seek(tp TP, timeoutMs int) error {
	return c.c.Seek(confluentTPIn(tp), timeoutMs)
}

func (c *confluentConsumer) SeekPartitions(tps []TP) ([]TP, error) {
	out, err := c.c.SeekPartitions(confluentTPsIn(tps))
	return confluentTPsOut(out), err
}

func (c *confluentConsumer) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (int64, int64, error) {
	return c.c.QueryWatermarkOffsets(topic, partition, timeoutMs)
}

func (c *confluentConsumer) GetWatermarkOffsets(topic string, partition int32) (int64, int64, error) {
	return c.c.GetWatermarkOffsets(topic, partition)
}

func (c *confluentConsumer) OffsetsForTimes(tps []TP, timeoutMs int) ([]TP, error) {
	out, err := c.c.OffsetsForTimes(confluentTPsIn(tps), timeoutMs)
	return confluentTPsOut(out), err
}

func (c *confluentConsumer) GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error) {
	md, err := c.c.GetMetadata(topic, all, timeoutMs)
	return confluentMetadata(md), err
}

func (c *confluentConsumer) GetConsumerGroupMetadata() (any, error) {
	return c.c.GetConsumerGroupMetadata()
}

func (c *confluentConsumer) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	return c.c.Close()
}

func (c *confluentConsumer) CloseAgain() error {
	c.closed = true
	return c.c.Close()
}

func (c *confluentConsumer) SetOAuthBearerToken(token string) error {
	return c.c.SetOAuthBearerToken(kafka.OAuthBearerToken{TokenValue: token})
}

func (c *confluentConsumer) SetOAuthBearerTokenFailure(errstr string) error {
	return c.c.SetOAuthBearerTokenFailure(errstr)
}

func (c *confluentConsumer) SetSaslCredentials(username, password string) error {
	return c.c.SetSaslCredentials(username, password)
}

type confluentAdmin struct {
	a    *kafka.AdminClient
	once sync.Once
}

func (confluentClient) NewAdmin(cfg Config) (Admin, error) {
	a, err := kafka.NewAdminClient(confluentConfig(cfg))
	if err != nil {
		return nil, err
	}
	return &confluentAdmin{a: a}, nil
}

func (a *confluentAdmin) Close() { a.once.Do(a.a.Close) }

func confluentTopicResults(rs []kafka.TopicResult) []TopicResult {
	out := make([]TopicResult, len(rs))
	for i, r := range rs {
		out[i] = TopicResult{Topic: r.Topic, Err: confluentErr(r.Error)}
	}
	return out
}

func (a *confluentAdmin) CreateTopics(ctx context.Context, specs []TopicSpec, validateOnly bool) ([]TopicResult, error) {
	ks := make([]kafka.TopicSpecification, len(specs))
	for i, s := range specs {
		ks[i] = kafka.TopicSpecification{Topic: s.Topic, NumPartitions: s.NumPartitions, ReplicationFactor: s.ReplicationFactor, Config: s.Config}
	}
	rs, err := a.a.CreateTopics(ctx, ks, kafka.SetAdminValidateOnly(validateOnly))
	return confluentTopicResults(rs), err
}

func (a *confluentAdmin) DeleteTopics(ctx context.Context, topics []string) ([]TopicResult, error) {
	rs, err := a.a.DeleteTopics(ctx, topics)
	return confluentTopicResults(rs), err
}

func (a *confluentAdmin) CreatePartitions(ctx context.Context, topic string, total int, validateOnly bool) ([]TopicResult, error) {
	rs, err := a.a.CreatePartitions(ctx, []kafka.PartitionsSpecification{{Topic: topic, IncreaseTo: total}},
		kafka.SetAdminValidateOnly(validateOnly))
	return confluentTopicResults(rs), err
}

func (a *confluentAdmin) DescribeTopics(ctx context.Context, topics []string) ([]TopicDescription, error) {
	res, err := a.a.DescribeTopics(ctx, kafka.NewTopicCollectionOfTopicNames(topics))
	var out []TopicDescription
	for _, d := range res.TopicDescriptions {
		out = append(out, TopicDescription{Name: d.Name, Err: confluentErr(d.Error), Partitions: len(d.Partitions), Internal: d.IsInternal})
	}
	return out, err
}

func (a *confluentAdmin) DescribeTopicConfig(ctx context.Context, topic string, names []string) ([]string, *Err, error) {
	rs, err := a.a.DescribeConfigs(ctx, []kafka.ConfigResource{{Type: kafka.ResourceTopic, Name: topic}})
	if err != nil || len(rs) != 1 {
		return nil, nil, err
	}
	var out []string
	for _, n := range names {
		e, ok := rs[0].Config[n]
		if !ok {
			out = append(out, n+" missing")
			continue
		}
		out = append(out, fmt.Sprintf("%s=%s %s", n, e.Value, e.Source))
	}
	return out, confluentErr(rs[0].Error), nil
}

func (a *confluentAdmin) GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error) {
	md, err := a.a.GetMetadata(topic, all, timeoutMs)
	return confluentMetadata(md), err
}
