// Code generated from adapter_confluent_test.go by go generate (twin_test.go); DO NOT EDIT.

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

	kafka "github.com/purekafka/purekafka/kafka"
)

type purekafkaClient struct{}

func (purekafkaClient) Name() string { return "purekafka" }

func purekafkaConfig(c Config) *kafka.ConfigMap {
	m := kafka.ConfigMap{}
	for k, v := range c {
		switch v := v.(type) {
		case Config:
			m[k] = *purekafkaConfig(v)
		case LogChan:
			m[k] = make(chan kafka.LogEvent, 10_000)
		default:
			m[k] = v
		}
	}
	return &m
}

func (purekafkaClient) ConfigMapSet(kv string) (string, error) {
	m := kafka.ConfigMap{}
	err := m.Set(kv)
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s=%v(%T)", k, v, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " "), err
}

func (purekafkaClient) ErrorCodeString(code int) string { return kafka.ErrorCode(code).String() }

func (purekafkaClient) NewOffset(v any) (string, error) {
	o, err := kafka.NewOffset(v)
	return fmt.Sprintf("%d", int64(o)), err
}

func (purekafkaClient) FromString(kind, s string) (string, error) {
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

func purekafkaErr(err error) *Err {
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

func purekafkaTPOut(tp kafka.TopicPartition) TP {
	out := TP{Partition: tp.Partition, Offset: int64(tp.Offset), Metadata: tp.Metadata, LeaderEpoch: tp.LeaderEpoch, Err: purekafkaErr(tp.Error)}
	if tp.Topic != nil {
		out.Topic = *tp.Topic
	}
	return out
}

func purekafkaTPsOut(tps []kafka.TopicPartition) []TP {
	if tps == nil {
		return nil
	}
	out := make([]TP, len(tps))
	for i, tp := range tps {
		out[i] = purekafkaTPOut(tp)
	}
	return out
}

func purekafkaTPIn(tp TP) kafka.TopicPartition {
	topic := &tp.Topic
	if tp.NilTopic {
		topic = nil
	}
	return kafka.TopicPartition{Topic: topic, Partition: tp.Partition, Offset: kafka.Offset(tp.Offset), Metadata: tp.Metadata, LeaderEpoch: tp.LeaderEpoch}
}

func purekafkaTPsIn(tps []TP) []kafka.TopicPartition {
	if tps == nil {
		return nil
	}
	out := make([]kafka.TopicPartition, len(tps))
	for i, tp := range tps {
		out[i] = purekafkaTPIn(tp)
	}
	return out
}

func purekafkaMsgIn(m *Msg) *kafka.Message {
	if m == nil {
		return nil
	}
	km := &kafka.Message{TopicPartition: purekafkaTPIn(m.TP), Key: m.Key, Value: m.Value,
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

func purekafkaMsgOut(km *kafka.Message) *Msg {
	m := &Msg{TP: purekafkaTPOut(km.TopicPartition), Key: km.Key, Value: km.Value, Timestamp: km.Timestamp,
		TimestampType: int(km.TimestampType), Opaque: km.Opaque, LeaderEpoch: km.LeaderEpoch}
	for _, h := range km.Headers {
		m.Headers = append(m.Headers, Header{Key: h.Key, Value: h.Value})
	}
	return m
}

func purekafkaEvent(ev kafka.Event) Event {
	out := purekafkaEventFields(ev)
	out.Str = ev.String()
	return out
}

func purekafkaEventFields(ev kafka.Event) Event {
	switch e := ev.(type) {
	case *kafka.Message:
		return Event{Kind: "Message", Msg: purekafkaMsgOut(e)}
	case kafka.AssignedPartitions:
		return Event{Kind: "AssignedPartitions", Parts: purekafkaTPsOut(e.Partitions)}
	case kafka.RevokedPartitions:
		return Event{Kind: "RevokedPartitions", Parts: purekafkaTPsOut(e.Partitions)}
	case kafka.PartitionEOF:
		return Event{Kind: "PartitionEOF", Parts: []TP{purekafkaTPOut(kafka.TopicPartition(e))}}
	case kafka.OffsetsCommitted:
		return Event{Kind: "OffsetsCommitted", Parts: purekafkaTPsOut(e.Offsets), Err: purekafkaErr(e.Error)}
	case kafka.Error:
		return Event{Kind: "Error", Err: purekafkaErr(e)}
	}
	kind := fmt.Sprintf("%T", ev)
	return Event{Kind: kind[strings.LastIndex(kind, ".")+1:], Other: ev.String()}
}

func purekafkaMetadata(md *kafka.Metadata) *Metadata {
	if md == nil {
		return nil
	}
	out := &Metadata{Brokers: len(md.Brokers), Topics: map[string]TopicMetadata{}}
	for name, t := range md.Topics {
		out.Topics[name] = TopicMetadata{Partitions: len(t.Partitions), Err: purekafkaErr(t.Error)}
	}
	return out
}

// next reads one event from ch, giving up after timeout.
func purekafkaNext(ch chan kafka.Event, timeout time.Duration) (Event, bool) {
	select {
	case ev, ok := <-ch:
		if !ok {
			return Event{Kind: "closed"}, true
		}
		return purekafkaEvent(ev), true
	case <-time.After(timeout):
		return Event{}, false
	}
}

type purekafkaProducer struct {
	p    *kafka.Producer
	dr   chan kafka.Event
	once sync.Once
}

func (purekafkaClient) NewProducer(cfg Config) (Producer, error) {
	p, err := kafka.NewProducer(purekafkaConfig(cfg))
	if err != nil {
		return nil, err
	}
	return &purekafkaProducer{p: p, dr: make(chan kafka.Event, 100_000)}, nil
}

func (p *purekafkaProducer) Produce(m *Msg, ownChan bool) error {
	var ch chan kafka.Event
	if ownChan {
		ch = p.dr
	}
	return p.p.Produce(purekafkaMsgIn(m), ch)
}

func (p *purekafkaProducer) NextDR(timeout time.Duration) (Event, bool) {
	return purekafkaNext(p.dr, timeout)
}

func (p *purekafkaProducer) NextEvent(timeout time.Duration) (Event, bool) {
	return purekafkaNext(p.p.Events(), timeout)
}

func (p *purekafkaProducer) Flush(timeoutMs int) int { return p.p.Flush(timeoutMs) }
func (p *purekafkaProducer) Len() int                { return p.p.Len() }
func (p *purekafkaProducer) Purge(flags int) error   { return p.p.Purge(flags) }
func (p *purekafkaProducer) Close()                  { p.once.Do(p.p.Close) }
func (p *purekafkaProducer) GetFatalError() error    { return p.p.GetFatalError() }

func (p *purekafkaProducer) IsClosed() bool { return p.p.IsClosed() }

func (p *purekafkaProducer) SetOAuthBearerToken(token string) error {
	return p.p.SetOAuthBearerToken(kafka.OAuthBearerToken{TokenValue: token})
}

func (p *purekafkaProducer) SetOAuthBearerTokenFailure(errstr string) error {
	return p.p.SetOAuthBearerTokenFailure(errstr)
}

func (p *purekafkaProducer) SetSaslCredentials(username, password string) error {
	return p.p.SetSaslCredentials(username, password)
}

func (p *purekafkaProducer) PurgeFlags() (inFlight, queue, nonBlocking int) {
	return kafka.PurgeInFlight, kafka.PurgeQueue, kafka.PurgeNonBlocking
}

func (p *purekafkaProducer) GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error) {
	md, err := p.p.GetMetadata(topic, all, timeoutMs)
	return purekafkaMetadata(md), err
}

func (p *purekafkaProducer) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (int64, int64, error) {
	return p.p.QueryWatermarkOffsets(topic, partition, timeoutMs)
}

func (p *purekafkaProducer) OffsetsForTimes(tps []TP, timeoutMs int) ([]TP, error) {
	out, err := p.p.OffsetsForTimes(purekafkaTPsIn(tps), timeoutMs)
	return purekafkaTPsOut(out), err
}

func (p *purekafkaProducer) InitTransactions(ctx context.Context) error {
	return p.p.InitTransactions(ctx)
}
func (p *purekafkaProducer) BeginTransaction() error { return p.p.BeginTransaction() }
func (p *purekafkaProducer) CommitTransaction(ctx context.Context) error {
	return p.p.CommitTransaction(ctx)
}
func (p *purekafkaProducer) AbortTransaction(ctx context.Context) error {
	return p.p.AbortTransaction(ctx)
}

func (p *purekafkaProducer) SendOffsetsToTransaction(ctx context.Context, tps []TP, cgm any) error {
	md, _ := cgm.(*kafka.ConsumerGroupMetadata)
	return p.p.SendOffsetsToTransaction(ctx, purekafkaTPsIn(tps), md)
}

type purekafkaConsumer struct {
	c      *kafka.Consumer
	closed bool
}

func (purekafkaClient) NewConsumer(cfg Config) (Consumer, error) {
	c, err := kafka.NewConsumer(purekafkaConfig(cfg))
	if err != nil {
		return nil, err
	}
	return &purekafkaConsumer{c: c}, nil
}

func (c *purekafkaConsumer) SubscribeTopics(topics []string, cb RebalanceFn) error {
	var kcb kafka.RebalanceCb
	if cb != nil {
		kcb = func(_ *kafka.Consumer, ev kafka.Event) error { return cb(c, purekafkaEvent(ev)) }
	}
	return c.c.SubscribeTopics(topics, kcb)
}

func (c *purekafkaConsumer) Unsubscribe() error              { return c.c.Unsubscribe() }
func (c *purekafkaConsumer) Subscription() ([]string, error) { return c.c.Subscription() }
func (c *purekafkaConsumer) Assign(tps []TP) error           { return c.c.Assign(purekafkaTPsIn(tps)) }
func (c *purekafkaConsumer) Unassign() error                 { return c.c.Unassign() }
func (c *purekafkaConsumer) IncrementalAssign(tps []TP) error {
	return c.c.IncrementalAssign(purekafkaTPsIn(tps))
}
func (c *purekafkaConsumer) IncrementalUnassign(tps []TP) error {
	return c.c.IncrementalUnassign(purekafkaTPsIn(tps))
}
func (c *purekafkaConsumer) AssignmentLost() bool         { return c.c.AssignmentLost() }
func (c *purekafkaConsumer) GetRebalanceProtocol() string { return c.c.GetRebalanceProtocol() }
func (c *purekafkaConsumer) Pause(tps []TP) error         { return c.c.Pause(purekafkaTPsIn(tps)) }
func (c *purekafkaConsumer) Resume(tps []TP) error        { return c.c.Resume(purekafkaTPsIn(tps)) }
func (c *purekafkaConsumer) IsClosed() bool               { return c.c.IsClosed() }

func (c *purekafkaConsumer) Assignment() ([]TP, error) {
	tps, err := c.c.Assignment()
	return purekafkaTPsOut(tps), err
}

func (c *purekafkaConsumer) Poll(timeoutMs int) (Event, bool) {
	ev := c.c.Poll(timeoutMs)
	if ev == nil {
		return Event{}, false
	}
	return purekafkaEvent(ev), true
}

func (c *purekafkaConsumer) NextEvent(timeout time.Duration) (Event, bool) {
	// The channel consumer is deprecated, but go.events.channel.enable is
	// still part of the API purekafka replaces.
	return purekafkaNext(c.c.Events(), timeout) //nolint:staticcheck // SA1019: see above.
}

func (c *purekafkaConsumer) ReadMessage(timeout time.Duration) (*Msg, error) {
	m, err := c.c.ReadMessage(timeout)
	if m == nil {
		return nil, err
	}
	return purekafkaMsgOut(m), err
}

func (c *purekafkaConsumer) Commit() ([]TP, error) {
	tps, err := c.c.Commit()
	return purekafkaTPsOut(tps), err
}

func (c *purekafkaConsumer) CommitMessage(m *Msg) ([]TP, error) {
	tps, err := c.c.CommitMessage(purekafkaMsgIn(m))
	return purekafkaTPsOut(tps), err
}

func (c *purekafkaConsumer) CommitOffsets(tps []TP) ([]TP, error) {
	out, err := c.c.CommitOffsets(purekafkaTPsIn(tps))
	return purekafkaTPsOut(out), err
}

func (c *purekafkaConsumer) StoreOffsets(tps []TP) ([]TP, error) {
	out, err := c.c.StoreOffsets(purekafkaTPsIn(tps))
	return purekafkaTPsOut(out), err
}

func (c *purekafkaConsumer) StoreMessage(m *Msg) ([]TP, error) {
	out, err := c.c.StoreMessage(purekafkaMsgIn(m))
	return purekafkaTPsOut(out), err
}

func (c *purekafkaConsumer) Committed(tps []TP, timeoutMs int) ([]TP, error) {
	out, err := c.c.Committed(purekafkaTPsIn(tps), timeoutMs)
	return purekafkaTPsOut(out), err
}

func (c *purekafkaConsumer) Position(tps []TP) ([]TP, error) {
	out, err := c.c.Position(purekafkaTPsIn(tps))
	return purekafkaTPsOut(out), err
}

func (c *purekafkaConsumer) Seek(tp TP, timeoutMs int) error {
	return c.c.Seek(purekafkaTPIn(tp), timeoutMs)
}

func (c *purekafkaConsumer) SeekPartitions(tps []TP) ([]TP, error) {
	out, err := c.c.SeekPartitions(purekafkaTPsIn(tps))
	return purekafkaTPsOut(out), err
}

func (c *purekafkaConsumer) QueryWatermarkOffsets(topic string, partition int32, timeoutMs int) (int64, int64, error) {
	return c.c.QueryWatermarkOffsets(topic, partition, timeoutMs)
}

func (c *purekafkaConsumer) GetWatermarkOffsets(topic string, partition int32) (int64, int64, error) {
	return c.c.GetWatermarkOffsets(topic, partition)
}

func (c *purekafkaConsumer) OffsetsForTimes(tps []TP, timeoutMs int) ([]TP, error) {
	out, err := c.c.OffsetsForTimes(purekafkaTPsIn(tps), timeoutMs)
	return purekafkaTPsOut(out), err
}

func (c *purekafkaConsumer) GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error) {
	md, err := c.c.GetMetadata(topic, all, timeoutMs)
	return purekafkaMetadata(md), err
}

func (c *purekafkaConsumer) GetConsumerGroupMetadata() (any, error) {
	return c.c.GetConsumerGroupMetadata()
}

func (c *purekafkaConsumer) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	return c.c.Close()
}

func (c *purekafkaConsumer) CloseAgain() error {
	c.closed = true
	return c.c.Close()
}

func (c *purekafkaConsumer) SetOAuthBearerToken(token string) error {
	return c.c.SetOAuthBearerToken(kafka.OAuthBearerToken{TokenValue: token})
}

func (c *purekafkaConsumer) SetOAuthBearerTokenFailure(errstr string) error {
	return c.c.SetOAuthBearerTokenFailure(errstr)
}

func (c *purekafkaConsumer) SetSaslCredentials(username, password string) error {
	return c.c.SetSaslCredentials(username, password)
}

type purekafkaAdmin struct {
	a    *kafka.AdminClient
	once sync.Once
}

func (purekafkaClient) NewAdmin(cfg Config) (Admin, error) {
	a, err := kafka.NewAdminClient(purekafkaConfig(cfg))
	if err != nil {
		return nil, err
	}
	return &purekafkaAdmin{a: a}, nil
}

func (a *purekafkaAdmin) Close() { a.once.Do(a.a.Close) }

func purekafkaTopicResults(rs []kafka.TopicResult) []TopicResult {
	out := make([]TopicResult, len(rs))
	for i, r := range rs {
		out[i] = TopicResult{Topic: r.Topic, Err: purekafkaErr(r.Error)}
	}
	return out
}

func (a *purekafkaAdmin) CreateTopics(ctx context.Context, specs []TopicSpec, validateOnly bool) ([]TopicResult, error) {
	ks := make([]kafka.TopicSpecification, len(specs))
	for i, s := range specs {
		ks[i] = kafka.TopicSpecification{Topic: s.Topic, NumPartitions: s.NumPartitions, ReplicationFactor: s.ReplicationFactor, Config: s.Config}
	}
	rs, err := a.a.CreateTopics(ctx, ks, kafka.SetAdminValidateOnly(validateOnly))
	return purekafkaTopicResults(rs), err
}

func (a *purekafkaAdmin) DeleteTopics(ctx context.Context, topics []string) ([]TopicResult, error) {
	rs, err := a.a.DeleteTopics(ctx, topics)
	return purekafkaTopicResults(rs), err
}

func (a *purekafkaAdmin) CreatePartitions(ctx context.Context, topic string, total int, validateOnly bool) ([]TopicResult, error) {
	rs, err := a.a.CreatePartitions(ctx, []kafka.PartitionsSpecification{{Topic: topic, IncreaseTo: total}},
		kafka.SetAdminValidateOnly(validateOnly))
	return purekafkaTopicResults(rs), err
}

func (a *purekafkaAdmin) DescribeTopics(ctx context.Context, topics []string) ([]TopicDescription, error) {
	res, err := a.a.DescribeTopics(ctx, kafka.NewTopicCollectionOfTopicNames(topics))
	var out []TopicDescription
	for _, d := range res.TopicDescriptions {
		out = append(out, TopicDescription{Name: d.Name, Err: purekafkaErr(d.Error), Partitions: len(d.Partitions), Internal: d.IsInternal})
	}
	return out, err
}

func (a *purekafkaAdmin) DescribeTopicConfig(ctx context.Context, topic string, names []string) ([]string, *Err, error) {
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
	return out, purekafkaErr(rs[0].Error), nil
}

func (a *purekafkaAdmin) GetMetadata(topic *string, all bool, timeoutMs int) (*Metadata, error) {
	md, err := a.a.GetMetadata(topic, all, timeoutMs)
	return purekafkaMetadata(md), err
}
