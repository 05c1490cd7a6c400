package client

import (
	"context"
	"errors"
	"math"
	"net"
	"reflect"
	"strings"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// AdminClient is confluent-kafka-go's administrative client: topics,
// configuration, ACLs, consumer groups, offsets and SCRAM credentials.
//
// It is a single pointer so that it stays comparable, as in the reference.
// An AdminClient made with NewAdminClientFromHandle shares its parent's
// connections and leaves them open on Close.
type AdminClient struct {
	a *adminClient
}

// adminClient is the state behind an AdminClient.
type adminClient struct {
	h       *Instance
	derived bool // made from a producer's or consumer's instance, which it does not own
	closed  atomic.Bool
}

// NewAdminClient creates an AdminClient from conf, which it does not
// modify. Like the reference it is a producer-type instance, named
// "admin-rdkafka#producer-N", and takes no go.* properties.
func NewAdminClient(conf *ConfigMap) (*AdminClient, error) {
	defaultCreate := true
	if conf != nil {
		if _, set := (*conf)["allow.auto.create.topics"]; !set {
			// librdkafka's admin calls look partition leaders up without
			// creating topics; kgo's lookups create them when the client
			// allows it, which a producer-type instance does by default.
			m := CloneConfigMap(*conf)
			m["allow.auto.create.topics"] = false
			conf = &m
		} else {
			defaultCreate = false
		}
	}
	cfg, err := NewConfig(conf, RoleAdmin)
	if err != nil {
		return nil, err
	}
	if defaultCreate {
		// GetMetadata(topic) still asks for creation, as librdkafka's
		// producer-type handle does by default; only kgo's own lookups
		// (built into cfg.Opts above) do not.
		cfg.AllowAutoCreateTopics = true
	}
	h, err := NewInstance(KindProducer, cfg)
	if err != nil {
		return nil, err
	}
	return &AdminClient{a: &adminClient{h: h}}, nil
}

// NewAdminClientFromHandle creates an AdminClient that uses the connections
// of an existing Producer or Consumer; NewAdminClientFromProducer and
// NewAdminClientFromConsumer are built on it. Closing the AdminClient leaves
// the parent open; closing the parent makes the AdminClient unusable.
func NewAdminClientFromHandle(h Handle) (*AdminClient, error) {
	if v := reflect.ValueOf(h); h == nil || (v.Kind() == reflect.Pointer && v.IsNil()) {
		// The reference dereferences the nil client and panics.
		return nil, NewError(ErrInvalidArg, "Can't derive AdminClient from nil client", false)
	}
	inst := h.instance()
	if inst == nil || inst.IsClosed() {
		return nil, Errorf(ErrInvalidArg, "Can't derive AdminClient from closed %s", instanceKindOf(inst))
	}
	return &AdminClient{a: &adminClient{h: inst, derived: true}}, nil
}

// instanceKindOf tells a consumer's instance from a producer's by its name,
// "<client.id>#<kind>-<n>": the client.id may contain '#' but the suffix
// cannot, so the last one is ours.
func instanceKindOf(inst *Instance) InstanceKind {
	if inst != nil {
		name := inst.name
		if strings.HasPrefix(name[strings.LastIndexByte(name, '#')+1:], string(KindConsumer)+"-") {
			return KindConsumer
		}
	}
	return KindProducer
}

// instance makes *AdminClient a Handle, so that it can be passed wherever the
// reference accepts any client.
func (a *AdminClient) instance() *Instance {
	if a.a == nil {
		return nil
	}
	return a.a.h
}

// IsClosed reports whether Close was called on this AdminClient.
func (a *AdminClient) IsClosed() bool {
	return a.a == nil || a.a.closed.Load()
}

// verify is the check every call starts with. A derived AdminClient whose
// parent was closed fails the same way, instead of using a dead client.
func (a *AdminClient) verify() error {
	if a.IsClosed() || a.a.h.IsClosed() {
		return NewClosedClientError()
	}
	return nil
}

// Close releases the AdminClient; one made from a Producer or Consumer
// leaves its parent open. Idempotent.
func (a *AdminClient) Close() {
	if a.a == nil || !a.a.closed.CompareAndSwap(false, true) {
		return
	}
	if !a.a.derived {
		a.a.h.Close()
	}
}

// String returns "admin-" followed by the instance name, such as
// "admin-rdkafka#producer-3".
func (a *AdminClient) String() string {
	if a.a == nil {
		return "admin-"
	}
	return "admin-" + a.a.h.String()
}

// GetMetadata queries cluster metadata, as Producer.GetMetadata does.
func (a *AdminClient) GetMetadata(topic *string, allTopics bool, timeoutMs int) (*Metadata, error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	return a.a.h.GetMetadata(topic, allTopics, timeoutMs)
}

// SetSaslCredentials replaces the SASL PLAIN/SCRAM credentials used for new
// connections.
func (a *AdminClient) SetSaslCredentials(username, password string) error {
	if err := a.verify(); err != nil {
		return err
	}
	return a.a.h.SetSaslCredentials(username, password)
}

// SetOAuthBearerToken sets the SASL/OAUTHBEARER token.
func (a *AdminClient) SetOAuthBearerToken(oauthBearerToken OAuthBearerToken) error {
	if err := a.verify(); err != nil {
		return err
	}
	return a.a.h.SetOAuthBearerToken(oauthBearerToken)
}

// SetOAuthBearerTokenFailure reports a failure to obtain a token.
func (a *AdminClient) SetOAuthBearerTokenFailure(errstr string) error {
	if err := a.verify(); err != nil {
		return err
	}
	return a.a.h.SetOAuthBearerTokenFailure(errstr)
}

// ClusterID returns the cluster id. It waits as long as ctx allows (a nil
// ctx waits indefinitely) and returns ctx.Err() when ctx ends first.
func (a *AdminClient) ClusterID(ctx context.Context) (clusterID string, err error) {
	if err := a.verify(); err != nil {
		return "", err
	}
	resp, err := a.clusterMetadata(ctx)
	if err != nil {
		return "", err
	}
	if resp.ClusterID == nil {
		return "", nil
	}
	return *resp.ClusterID, nil
}

// ControllerID returns the id of the controller broker, as metadata reports
// it. It waits as long as ctx allows and returns ctx.Err() when ctx ends
// first.
func (a *AdminClient) ControllerID(ctx context.Context) (controllerID int32, err error) {
	if err := a.verify(); err != nil {
		return -1, err
	}
	resp, err := a.clusterMetadata(ctx)
	if err != nil {
		return 0, err
	}
	return resp.ControllerID, nil
}

// clusterMetadata asks for metadata of no topic: brokers, cluster id and
// controller. ClusterID and ControllerID have no request timeout in the
// reference, only ctx.
func (a *AdminClient) clusterMetadata(ctx context.Context) (*kmsg.MetadataResponse, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	c := &call{parent: ctx, ctx: ctx, cancel: func() {}, cl: a.a.h.Client}
	req := kmsg.NewPtrMetadataRequest()
	req.Topics = []kmsg.MetadataRequestTopic{} // none; nil would mean all
	resp, err := req.RequestWith(ctx, c)
	if err != nil {
		return nil, c.fail(err)
	}
	return resp, nil
}

// DescribeCluster describes the cluster: its id, controller, brokers and,
// with SetAdminOptionIncludeAuthorizedOperations, what the client may do
// on it.
func (a *AdminClient) DescribeCluster(ctx context.Context, options ...DescribeClusterAdminOption) (result DescribeClusterResult, err error) {
	if err := a.verify(); err != nil {
		return result, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	c := a.begin(ctx, o)
	defer c.cancel()

	req := kmsg.NewPtrDescribeClusterRequest()
	req.IncludeClusterAuthorizedOperations = o.includeAuthOps
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		if c.done() {
			return result, c.fail(err)
		}
		// Brokers before 2.8 have no DescribeCluster; metadata has all
		// but the authorized operations there.
		return a.describeClusterFromMetadata(c, err)
	}
	if resp.ErrorCode != 0 {
		return result, adminError(resp.ErrorCode, resp.ErrorMessage)
	}
	var nodes []Node
	for _, b := range resp.Brokers {
		nodes = append(nodes, Node{ID: int(b.NodeID), Host: b.Host, Port: int(b.Port), Rack: b.Rack})
	}
	result.Nodes = nonNilNodes(nodes)
	clusterID := resp.ClusterID
	result.ClusterID = &clusterID
	result.Controller = findNode(nodes, resp.ControllerID)
	result.AuthorizedOperations = authorizedOperations(resp.ClusterAuthorizedOperations)
	return result, nil
}

// describeClusterFromMetadata is DescribeCluster for brokers without the
// DescribeCluster API.
func (a *AdminClient) describeClusterFromMetadata(c *call, cause error) (result DescribeClusterResult, err error) {
	req := kmsg.NewPtrMetadataRequest()
	req.Topics = []kmsg.MetadataRequestTopic{}
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return result, c.fail(errors.Join(cause, err))
	}
	var nodes []Node
	for _, b := range resp.Brokers {
		nodes = append(nodes, Node{ID: int(b.NodeID), Host: b.Host, Port: int(b.Port), Rack: b.Rack})
	}
	result.Nodes = nonNilNodes(nodes)
	result.ClusterID = resp.ClusterID
	result.Controller = findNode(nodes, resp.ControllerID)
	return result, nil
}

// call is one admin call in flight: the context its requests run under, which
// is the caller's bounded by the request timeout, so that running out of
// either can be told apart afterwards.
type call struct {
	parent context.Context
	ctx    context.Context
	cancel context.CancelFunc
	cl     *kgo.Client
}

// requestTimedOut is the cancellation cause of a call's own deadline.
type requestTimedOut struct{}

func (requestTimedOut) Error() string { return "admin request timed out" }

// begin starts a call under ctx (nil meaning no deadline) and the request
// timeout of o, socket.timeout.ms by default.
func (a *AdminClient) begin(ctx context.Context, o adminOptions) *call {
	if ctx == nil {
		ctx = context.Background()
	}
	d := a.a.h.cfg.SocketTimeout
	if o.hasRequestTimeout {
		d = o.requestTimeout
	}
	rctx, cancel := context.WithTimeoutCause(ctx, d, requestTimedOut{})
	return &call{parent: ctx, ctx: rctx, cancel: cancel, cl: a.a.h.Client}
}

// Request issues req, retrying while no broker can be reached: librdkafka's
// admin calls wait for a broker (or the controller) until their timeout,
// where kgo gives up on the first failed dial. It makes *call a
// kmsg.Requestor for req.RequestWith.
func (c *call) Request(ctx context.Context, req kmsg.Request) (kmsg.Response, error) {
	for backoff := 50 * time.Millisecond; ; backoff = min(2*backoff, time.Second) {
		resp, err := c.cl.Request(ctx, req)
		if err == nil || !unreachable(err) || !c.wait(backoff) {
			return resp, err
		}
	}
}

// sharded is RequestSharded with the retries of Request, for when no shard
// could reach its broker.
func (c *call) sharded(req kmsg.Request) []kgo.ResponseShard {
	for backoff := 50 * time.Millisecond; ; backoff = min(2*backoff, time.Second) {
		shards := c.cl.RequestSharded(c.ctx, req)
		all := len(shards) > 0
		for _, s := range shards {
			all = all && s.Err != nil && unreachable(s.Err)
		}
		if !all || !c.wait(backoff) {
			return shards
		}
	}
}

// wait sleeps for d unless the call ends first, and reports whether the
// call may go on.
func (c *call) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// unreachable reports whether err means that no connection to a broker
// could be opened, which librdkafka waits out rather than reports. Failures
// after a request may have been sent are not retried: admin requests are
// not idempotent.
func unreachable(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// done reports whether the call ran out of time, its own or the caller's.
func (c *call) done() bool { return c.ctx.Err() != nil }

// fail turns the failure of a whole call into what the reference returns:
// the caller's ctx.Err() when the caller's context ended, ErrTimedOut when
// the request timeout did, otherwise the translated error.
func (c *call) fail(err error) error {
	if c.parent.Err() != nil {
		return c.parent.Err()
	}
	if c.timedOut() {
		return timedOutError()
	}
	return ErrorFromKgo(err)
}

// itemError is fail for one item of a call that fanned out to several
// brokers, where the reference reports failures per item.
func (c *call) itemError(err error) Error {
	if c.timedOut() {
		return timedOutError()
	}
	return ErrorFromKgo(err)
}

func (c *call) timedOut() bool {
	_, ok := context.Cause(c.ctx).(requestTimedOut)
	return ok
}

// timedOutError is librdkafka's error for an admin request that ran out of
// time.
func timedOutError() Error {
	return NewError(ErrTimedOut, "Failed while waiting for response from broker: Local: Timed out", false)
}

// adminError is the Error of a per-item broker error code in an admin
// result. Like librdkafka it carries the broker's message, or the code's
// description when there is none, so that TopicResult.String and
// ConsumerGroupResult.String (which print the text) show something.
func adminError(code int16, msg *string) Error {
	if code == 0 {
		return Error{}
	}
	e := Error{code: ErrorCode(code)}
	if msg != nil && *msg != "" {
		e.str = *msg
	} else {
		e.str = e.code.String()
	}
	return e
}

// authorizedOperations decodes KIP-430's bit field. A negative value means
// the operations were not asked for: nil. Asked for but none is an empty,
// non-nil list, as in the reference.
func authorizedOperations(bits int32) []ACLOperation {
	if bits < 0 {
		return nil
	}
	ops := []ACLOperation{}
	for op := ACLOperationRead; op <= ACLOperationIdempotentWrite; op++ {
		if bits&(1<<uint(op)) != 0 {
			ops = append(ops, op)
		}
	}
	return ops
}

// findNode returns a copy of the node with id, or nil.
func findNode(nodes []Node, id int32) *Node {
	for _, n := range nodes {
		if n.ID == int(id) {
			return &n
		}
	}
	return nil
}

// nonNilNodes keeps empty node lists non-nil, as the reference's are.
func nonNilNodes(nodes []Node) []Node {
	if nodes == nil {
		return []Node{}
	}
	return nodes
}

// operationTimeoutMs is the broker-side timeout sent with requests that have
// one: the option, or librdkafka's default, socket.timeout.ms.
func (a *AdminClient) operationTimeoutMs(o adminOptions) int32 {
	if o.hasOperationTimeout {
		return int32(o.operationTimeout / time.Millisecond)
	}
	return int32(min(a.a.h.cfg.SocketTimeout/time.Millisecond, math.MaxInt32))
}

// operationTimeoutUnset reports whether the operation timeout is <= 0, in
// which case the broker's REQUEST_TIMED_OUT only means "still in progress"
// and librdkafka hides it.
func (a *AdminClient) operationTimeoutUnset(o adminOptions) bool {
	return a.operationTimeoutMs(o) <= 0
}
