package client

import (
	"crypto/tls"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Role is the kind of client a ConfigMap is resolved for. It decides which
// go.* properties are extracted, which librdkafka consistency checks run and
// which kgo options are produced.
type Role int

const (
	// RoleProducer resolves a ConfigMap for NewProducer.
	RoleProducer Role = iota + 1
	// RoleConsumer resolves a ConfigMap for NewConsumer.
	RoleConsumer
	// RoleAdmin resolves a ConfigMap for NewAdminClient. Like the
	// reference it extracts no go.* keys (they fail as unknown properties)
	// and is checked as a librdkafka producer instance, because that is
	// the handle type confluent's AdminClient wraps.
	RoleAdmin
)

// String returns the role's name as used in librdkafka log lines.
func (r Role) String() string {
	switch r {
	case RoleProducer:
		return "producer"
	case RoleConsumer:
		return "consumer"
	case RoleAdmin:
		return "admin"
	}
	return "Role(" + strconv.Itoa(int(r)) + ")"
}

// DeliveryReportFields says which Message fields the producer copies into
// delivery reports (go.delivery.report.fields).
type DeliveryReportFields struct {
	Key, Value, Headers bool
}

// OAuthBearerConfig carries the SASL/OAUTHBEARER properties. NewConfig
// validates them (with librdkafka's consistency checks) and, when
// Config.SASLMechanism is "OAUTHBEARER", adds the kgo.SASL option whose
// token holder the Instance starts: it asks the application for tokens
// with OAuthBearerTokenRefresh events, or obtains them itself (unsecured
// JWT, OIDC client credentials).
type OAuthBearerConfig struct {
	// Config is sasl.oauthbearer.config, the application-defined string
	// passed in OAuthBearerTokenRefresh events and parsed by the unsecured
	// JWT handler (principal=, scope=, lifeSeconds=, extension_X=).
	Config string
	// UnsecureJWT is enable.sasl.oauthbearer.unsecure.jwt.
	UnsecureJWT bool
	// Method is "default" (the application supplies tokens) or "oidc".
	Method string
	// The remaining fields configure the built-in OIDC token fetch.
	ClientID, ClientSecret, Scope, Extensions, TokenEndpointURL string
	// GrantType is "client_credentials" or
	// "urn:ietf:params:oauth:grant-type:jwt-bearer".
	GrantType string
	// Assertion holds the sasl.oauthbearer.assertion.* properties used by
	// the jwt-bearer grant, keyed by the name after that prefix
	// (e.g. "algorithm", "private.key.file", "claim.exp.seconds"), with
	// librdkafka's defaults filled in.
	Assertion map[string]string
	// HTTPSCALocation and HTTPSCAPEM are https.ca.location and
	// https.ca.pem: CAs for the token endpoint.
	HTTPSCALocation, HTTPSCAPEM string
}

// Config is a ConfigMap validated and resolved for one client role, the
// single source of truth the producer, consumer and admin code use instead
// of reading the ConfigMap themselves.
//
// Every librdkafka 2.11.1 property is accepted, rejected or defaulted
// exactly as librdkafka (and confluent-kafka-go's wrapper) would; see
// NewConfig for the error rules and properties_table_*.go for how each
// property is treated.
type Config struct {
	// Role is the role the Config was resolved for.
	Role Role

	// Opts are the kgo options implementing every mapped property, with
	// librdkafka's defaults applied wherever kgo's differ (client.id
	// "rdkafka", linger 5ms, no compression, idempotence off unless asked
	// for, acks all, request.timeout.ms 30s, message.timeout.ms 300s,
	// transaction.timeout.ms 60s, retry backoff 100ms..1s,
	// socket.connection.setup.timeout.ms 30s, fetch.wait.max.ms 500ms,
	// read_committed, auto topic creation for producers, ...). They
	// include the dialer (TLS, keepalive, address family) and, when SASL
	// is used, kgo.SASL (for OAUTHBEARER reading the token the Instance
	// maintains).
	//
	// Not included, because the caller must own them: the partitioner
	// (see Partitioner, StickyLinger), group membership and offsets
	// (GroupID, GroupInstanceID, Balancers, EnableAutoCommit,
	// AutoCommitInterval, AutoOffsetReset), logging (LogLevel, Debug)
	// and the mock cluster (MockNumBrokers). kgo.SeedBrokers is omitted when no
	// bootstrap.servers are configured.
	Opts []kgo.Opt

	// Warnings are librdkafka-style configuration warnings, one line each:
	// properties that have no effect in purekafka, properties of the other
	// client type, deprecated properties, and librdkafka's own CONFWARN
	// notices. The handle logs each once at construction.
	Warnings []string

	// BootstrapServers are the seed brokers as host:port, with any
	// "proto://" prefix removed and the port defaulted to 9092.
	BootstrapServers []string
	// ClientID is client.id (default "rdkafka").
	ClientID string
	// SecurityProtocol is "plaintext", "ssl", "sasl_plaintext" or
	// "sasl_ssl".
	SecurityProtocol string
	// SASLMechanism is sasl.mechanisms when SecurityProtocol uses SASL,
	// else "".
	SASLMechanism string
	// SASL holds the PLAIN/SCRAM credentials the kgo.SASL option in Opts
	// reads; SetSaslCredentials changes them through it. nil unless
	// SASLMechanism is PLAIN or SCRAM.
	SASL *SASLCredentials
	// TLSConfig is the TLS client configuration the dialer in Opts uses;
	// nil unless SecurityProtocol is ssl or sasl_ssl.
	TLSConfig *tls.Config
	// OAuthBearer holds the OAUTHBEARER properties.
	OAuthBearer OAuthBearerConfig
	// SocketTimeout is socket.timeout.ms, librdkafka's default timeout for
	// network requests and admin operations.
	SocketTimeout time.Duration
	// LogLevel is log_level, a syslog severity 0..7.
	LogLevel int
	// Debug lists the enabled debug contexts ("all" when all are).
	Debug []string
	// LogQueue is log.queue; go.logs.channel.enable sets it.
	LogQueue bool
	// MessageMaxBytes is message.max.bytes: the producer fails larger
	// messages synchronously with ErrMsgSizeTooLarge.
	MessageMaxBytes int
	// AllowAutoCreateTopics is the effective allow.auto.create.topics.
	AllowAutoCreateTopics bool
	// MockNumBrokers is test.mock.num.brokers: when > 0 the handle starts
	// an in-process cluster and uses it instead of BootstrapServers.
	MockNumBrokers int
	// MockBrokerRTT is test.mock.broker.rtt.
	MockBrokerRTT time.Duration

	// Acks is request.required.acks: -1 (all), 0 or 1.
	Acks int
	// Idempotent reports whether idempotence is on (enable.idempotence,
	// or implied by transactional.id).
	Idempotent bool
	// TransactionalID is transactional.id.
	TransactionalID string
	// TransactionTimeout is transaction.timeout.ms.
	TransactionTimeout time.Duration
	// Partitioner is the partitioner name (default "consistent_random").
	Partitioner string
	// StickyLinger is sticky.partitioning.linger.ms (default twice
	// linger.ms, at most 900s; 0 means a new random partition for every
	// keyless message).
	StickyLinger time.Duration
	// Linger is linger.ms (librdkafka lowers its default below
	// message.timeout.ms).
	Linger time.Duration
	// QueueMaxMessages is queue.buffering.max.messages (0 = no limit); the
	// producer fails Produce with ErrQueueFull beyond it.
	QueueMaxMessages int
	// QueueMaxBytes is queue.buffering.max.kbytes in bytes.
	QueueMaxBytes int64
	// MessageTimeout is message.timeout.ms (0 = infinite), already
	// aligned with transaction.timeout.ms for transactional producers.
	MessageTimeout time.Duration
	// RequestTimeout is request.timeout.ms.
	RequestTimeout time.Duration
	// Retries is message.send.max.retries.
	Retries int
	// Compression is the effective codec name: none, gzip, snappy, lz4 or
	// zstd; CompressionLevel is compression.level (-1 = codec default).
	Compression      string
	CompressionLevel int
	// BatchSize is batch.size.
	BatchSize int
	// EnableGaplessGuarantee is enable.gapless.guarantee.
	EnableGaplessGuarantee bool
	// DeliveryReportOnlyError is delivery.report.only.error given as a
	// string: the wrapper rejects the bool true but lets strings through
	// to librdkafka, which then only reports failed deliveries.
	DeliveryReportOnlyError bool

	// GroupID is group.id ("" when unset; librdkafka treats "" as unset).
	GroupID string
	// GroupInstanceID is group.instance.id (static membership).
	GroupInstanceID string
	// GroupProtocol is "classic" or "consumer" (KIP-848).
	GroupProtocol string
	// GroupRemoteAssignor is group.remote.assignor (consumer protocol).
	GroupRemoteAssignor string
	// AssignmentStrategies are the partition.assignment.strategy names in
	// order; Balancers are the matching kgo balancers.
	AssignmentStrategies []string
	Balancers            []kgo.GroupBalancer
	// RebalanceProtocol is "EAGER" or "COOPERATIVE", as
	// GetRebalanceProtocol reports it.
	RebalanceProtocol string
	// SessionTimeout, HeartbeatInterval and MaxPollInterval are the group
	// timers (also in Opts for the classic protocol); the consumer
	// enforces MaxPollInterval locally as librdkafka does.
	SessionTimeout, HeartbeatInterval, MaxPollInterval time.Duration
	// EnableAutoCommit and AutoCommitInterval control auto commit; an
	// interval of 0 disables it as in librdkafka.
	EnableAutoCommit   bool
	AutoCommitInterval time.Duration
	// EnableAutoOffsetStore is enable.auto.offset.store.
	EnableAutoOffsetStore bool
	// AutoOffsetReset is "earliest", "latest" or "error", normalised from
	// every librdkafka spelling (smallest, beginning, largest, end, ...).
	AutoOffsetReset string
	// EnablePartitionEOF is enable.partition.eof.
	EnablePartitionEOF bool
	// IsolationLevel is "read_committed" or "read_uncommitted".
	IsolationLevel string

	// GoDeliveryReports is go.delivery.reports (default true).
	GoDeliveryReports bool
	// GoDeliveryReportFields is go.delivery.report.fields (default
	// "key,value").
	GoDeliveryReportFields DeliveryReportFields
	// GoBatchProducer is go.batch.producer (accepted; no effect).
	GoBatchProducer bool
	// GoEventsChannelSize is go.events.channel.size (1000000 for
	// producers, 1000 for consumers).
	GoEventsChannelSize int
	// GoProduceChannelSize is go.produce.channel.size (default 1000000).
	GoProduceChannelSize int
	// GoEventsChannelEnable is go.events.channel.enable (consumer).
	GoEventsChannelEnable bool
	// GoApplicationRebalanceEnable is go.application.rebalance.enable.
	GoApplicationRebalanceEnable bool
	// GoLogsChannelEnable is go.logs.channel.enable.
	GoLogsChannelEnable bool
	// GoLogsChannel is go.logs.channel, or nil when not given.
	GoLogsChannel chan LogEvent

	st *confState
	// oauth is the OAUTHBEARER token holder the kgo.SASL option in Opts
	// reads; NewInstance starts it. nil unless SASLMechanism is
	// OAUTHBEARER.
	oauth *oauthBearer
}

// Value returns the effective value of any librdkafka property (aliases
// resolved, topic-level properties with default.topic.config taking
// precedence) in librdkafka's canonical string form, and whether the
// application set it. It is the escape hatch for properties without a
// typed field. Unknown names return ("", false).
func (c *Config) Value(name string) (string, bool) {
	if c == nil || c.st == nil {
		return "", false
	}
	if p := globalIndex.lookup(name); p != nil {
		v := c.st.global(p)
		return v.s, v.set
	}
	if p := topicIndex.lookup(strings.TrimPrefix(name, "topic.")); p != nil {
		v := c.st.topic(p)
		return v.s, v.set
	}
	return "", false
}

// NewConfig validates conf for role and resolves it into a Config. conf is
// never modified.
//
// The checks run in the reference's order, so a ConfigMap with one problem
// fails with the same error as confluent-kafka-go v2.11.1:
//
//   - the role's go.* properties are extracted with confluent's type checks
//     (for example "go.delivery.reports expects type bool, not string");
//     NewConsumer first requires group.id ("Required property group.id not
//     set"); a producer's bool delivery.report.only.error=true fails with
//     ErrUnsupportedFeature;
//   - every remaining key is set like rd_kafka_conf_set: unknown names fail
//     with `No such configuration property: "x"`, bad values with
//     librdkafka's exact texts (`Invalid value "x" for configuration
//     property "y"`, range errors, ...), value types other than bool, int,
//     string and fmt.Stringer with "Invalid value type T for key k
//     (expected string,bool,int,ConfigMap)". Keys are applied in sorted
//     order (the reference uses random map order), plugin.library.paths
//     first;
//   - topic-level properties may be set at the top level or under
//     "default.topic.config", which wins key by key;
//   - librdkafka's rd_kafka_new consistency checks follow (idempotence,
//     transactions, group protocol, fetch sizes, SASL, ...), then what
//     purekafka cannot provide (PKCS#12 keystores, CRLs, OpenSSL engines,
//     acks 2..1000, SCRAM variants other than SHA-256/512).
//
// All errors are Error values with ErrInvalidArg, except the bool
// delivery.report.only.error (ErrUnsupportedFeature) and an unknown
// go.delivery.report.fields entry, which is a plain error exactly as in the
// reference. Where confluent-kafka-go panics (nil conf, a go.logs.channel of
// the wrong type, negative channel sizes) NewConfig returns ErrInvalidArg.
func NewConfig(conf *ConfigMap, role Role) (*Config, error) {
	if conf == nil {
		return nil, NewError(ErrInvalidArg, "ConfigMap is nil", false)
	}
	if role < RoleProducer || role > RoleAdmin {
		return nil, Errorf(ErrInvalidArg, "invalid client role %d", int(role))
	}
	m := CloneConfigMap(*conf)
	c := &Config{Role: role}
	var err error
	switch role {
	case RoleProducer:
		err = c.extractProducer(m)
	case RoleConsumer:
		err = c.extractConsumer(m)
	}
	if err != nil {
		return nil, err
	}
	st := newConfState()
	if err := st.apply(m); err != nil {
		return nil, err
	}
	c.st = st
	if err := st.finalize(role); err != nil {
		return nil, truncateError(err, newErrstrSize)
	}
	if err := c.resolve(); err != nil {
		return nil, truncateError(err, newErrstrSize)
	}
	c.Warnings = append(st.warnings(role), c.Warnings...)
	return c, nil
}

// The reference hands librdkafka fixed-size error buffers: 128 bytes when
// setting a property, 256 when creating the handle. Long texts (the Java
// property explanations, long unknown names) are cut accordingly.
const (
	setErrstrSize = 128
	newErrstrSize = 256
)

// truncateError cuts an Error's text to what fits a C buffer of size bytes.
func truncateError(err error, size int) error {
	var e Error
	if errors.As(err, &e) && len(e.str) > size-1 {
		e.str = e.str[:size-1]
		return e
	}
	return err
}

// extractProducer pulls NewProducer's go.* properties out of m, in the
// reference's order so that the first failing one is reported.
func (c *Config) extractProducer(m ConfigMap) error {
	// The wrapper ignores a type mismatch here, leaving the key for
	// librdkafka; only the bool true is refused.
	if v, _ := ExtractConfig(m, "delivery.report.only.error", false); v == true {
		return NewError(ErrUnsupportedFeature, "delivery.report.only.error=true is not currently supported by the Go client", false)
	}
	var err error
	if c.GoBatchProducer, err = ExtractBool(m, "go.batch.producer", false); err != nil {
		return err
	}
	if c.GoDeliveryReports, err = ExtractBool(m, "go.delivery.reports", true); err != nil {
		return err
	}
	fields, err := ExtractString(m, "go.delivery.report.fields", "key,value")
	if err != nil {
		return err
	}
	if c.GoDeliveryReportFields, err = parseDeliveryReportFields(fields); err != nil {
		return err
	}
	if c.GoEventsChannelSize, err = extractSize(m, "go.events.channel.size", 1000000); err != nil {
		return err
	}
	if c.GoProduceChannelSize, err = extractSize(m, "go.produce.channel.size", 1000000); err != nil {
		return err
	}
	return c.extractLogs(m)
}

// extractConsumer pulls NewConsumer's go.* properties out of m after the
// wrapper's group.id check.
func (c *Config) extractConsumer(m ConfigMap) error {
	// Only presence at the top level counts, whatever the value's type.
	if v, _ := m.Get("group.id", nil); v == nil {
		return NewError(ErrInvalidArg, "Required property group.id not set", false)
	}
	var err error
	if c.GoApplicationRebalanceEnable, err = ExtractBool(m, "go.application.rebalance.enable", false); err != nil {
		return err
	}
	if c.GoEventsChannelEnable, err = ExtractBool(m, "go.events.channel.enable", false); err != nil {
		return err
	}
	if c.GoEventsChannelSize, err = extractSize(m, "go.events.channel.size", 1000); err != nil {
		return err
	}
	return c.extractLogs(m)
}

// extractLogs handles go.logs.channel.enable and go.logs.channel, which
// turn on librdkafka's log.queue like the reference does.
func (c *Config) extractLogs(m ConfigMap) error {
	var err error
	if c.GoLogsChannelEnable, err = ExtractBool(m, "go.logs.channel.enable", false); err != nil {
		return err
	}
	if c.GoLogsChannel, err = ExtractLogsChannel(m); err != nil {
		return err
	}
	if c.GoLogsChannelEnable {
		m["log.queue"] = "true"
	}
	return nil
}

// extractSize extracts an int channel size; the reference panics in make
// on a negative one.
func extractSize(m ConfigMap, key string, def int) (int, error) {
	n, err := ExtractInt(m, key, def)
	if err == nil && n < 0 {
		return def, Errorf(ErrInvalidArg, "%s must not be negative, not %d", key, n)
	}
	return n, err
}

// parseDeliveryReportFields parses go.delivery.report.fields like the
// reference: "all", "none" or "" (nothing), or a CSV of key, value and
// headers. Its error is a plain error, as in the reference.
func parseDeliveryReportFields(s string) (DeliveryReportFields, error) {
	switch s {
	case "all":
		return DeliveryReportFields{Key: true, Value: true, Headers: true}, nil
	case "", "none":
		return DeliveryReportFields{}, nil
	}
	var f DeliveryReportFields
	for _, name := range strings.Split(s, ",") {
		switch name {
		case "key":
			f.Key = true
		case "value":
			f.Value = true
		case "headers":
			f.Headers = true
		default:
			return DeliveryReportFields{}, errors.New("unknown message field: " + name)
		}
	}
	return f, nil
}

// confState is the librdkafka configuration being built: global values,
// and topic values from the top level and from default.topic.config.
type confState struct {
	globals  map[string]propValue
	topicTop map[string]propValue
	topicDTC map[string]propValue
	// hasTopicConf mirrors librdkafka having a default topic
	// configuration object, which gates its topic-level checks.
	hasTopicConf bool
}

// newConfState returns an empty state: every property at its default.
func newConfState() *confState {
	return &confState{globals: map[string]propValue{}, topicTop: map[string]propValue{}, topicDTC: map[string]propValue{}}
}

// global returns the effective value of global property p.
func (st *confState) global(p *property) propValue {
	if v, ok := st.globals[p.name]; ok {
		return v
	}
	return p.defaultValue()
}

// topic returns the effective value of topic property p.
func (st *confState) topic(p *property) propValue {
	if v, ok := st.topicDTC[p.name]; ok && v.set {
		return v
	}
	if v, ok := st.topicTop[p.name]; ok {
		return v
	}
	return p.defaultValue()
}

// get returns the effective value of the named property; name must exist.
func (st *confState) get(name string) propValue {
	if p := globalIndex.lookup(name); p != nil {
		return st.global(p)
	}
	return st.topic(topicIndex.lookup(name))
}

// str, num, flt and boolean read a property's effective value.
func (st *confState) str(name string) string { return st.get(name).s }

func (st *confState) num(name string) int {
	n, _ := strconv.Atoi(st.get(name).s)
	return n
}

func (st *confState) flt(name string) float64 {
	f, _ := strconv.ParseFloat(st.get(name).s, 64)
	return f
}

func (st *confState) boolean(name string) bool { return st.get(name).s == "true" }

// isSet reports whether the application set the property (librdkafka's
// rd_kafka_conf_is_modified).
func (st *confState) isSet(name string) bool { return st.get(name).set }

// ms reads a millisecond property as a Duration.
func (st *confState) ms(name string) time.Duration {
	return time.Duration(st.num(name)) * time.Millisecond
}

// derive stores a value librdkafka computes itself, leaving it unset.
func (st *confState) derive(name, value string) {
	if p := globalIndex.lookup(name); p != nil {
		v := st.global(p)
		v.s = value
		st.globals[p.name] = v
		return
	}
	p := topicIndex.lookup(name)
	layer := st.topicTop
	if v, ok := st.topicDTC[p.name]; ok && v.set {
		layer = st.topicDTC
	}
	v := st.topic(p)
	v.s = value
	layer[p.name] = v
}

// apply sets every key of m (go.* keys already extracted) the way
// confluent's ConfigMap conversion drives rd_kafka_conf_set.
func (st *confState) apply(m ConfigMap) error {
	const plugins = "plugin.library.paths"
	if v, ok := m[plugins]; ok { // the wrapper loads plugins first
		if err := st.setTop(plugins, v); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(m) {
		if k == plugins {
			continue
		}
		v := m[k]
		sub, isMap := v.(ConfigMap)
		if !isMap || k != defaultTopicConfig {
			if err := st.setTop(k, v); err != nil {
				return err
			}
			continue
		}
		st.hasTopicConf = true
		for _, tk := range sortedKeys(sub) {
			s, err := ConfigValueString(tk, sub[tk])
			if err != nil {
				return err
			}
			p := topicIndex.lookup(strings.TrimPrefix(tk, "topic."))
			if p == nil {
				return truncateError(Errorf(ErrInvalidArg, "No such configuration property: \"%s\"", strings.TrimPrefix(tk, "topic.")), setErrstrSize)
			}
			if err := st.set(st.topicDTC, p, s, st.topic(p)); err != nil {
				return err
			}
		}
	}
	return nil
}

// setTop sets a top-level key: a global property, else (with an optional
// "topic." prefix) a topic property, as rd_kafka_conf_set falls through.
func (st *confState) setTop(k string, v ConfigValue) error {
	s, err := ConfigValueString(k, v)
	if err != nil {
		return err
	}
	if p := globalIndex.lookup(k); p != nil {
		if p.name == "plugin.library.paths" && s != "" {
			return truncateError(Errorf(ErrInvalidArg, "Configuration property \"%s\" not supported in this build: %s", p.name, p.note), setErrstrSize)
		}
		return st.set(st.globals, p, s, st.global(p))
	}
	name := strings.TrimPrefix(k, "topic.")
	p := topicIndex.lookup(name)
	if p == nil {
		return truncateError(Errorf(ErrInvalidArg, "No such configuration property: \"%s\"", name), setErrstrSize)
	}
	st.hasTopicConf = true
	prev, ok := st.topicTop[p.name]
	if !ok {
		prev = p.defaultValue()
	}
	return st.set(st.topicTop, p, s, prev)
}

// set parses s for p and stores the result in layer.
func (st *confState) set(layer map[string]propValue, p *property, s string, prev propValue) error {
	v, changed, err := p.setValue(s, prev)
	if err != nil {
		return truncateError(err, setErrstrSize)
	}
	if changed {
		layer[p.name] = v
	}
	return nil
}

// sortedKeys returns m's keys in order, for deterministic resolution.
func sortedKeys(m ConfigMap) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
