package client

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"
)

// goldenValue is a typed ConfigMap value in testdata/config-golden.json.
type goldenValue struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

// goldenEntry is one ConfigMap key and value.
type goldenEntry struct {
	K string `json:"k"`
	goldenValue
}

// goldenResult is what confluent-kafka-go v2.11.1 returned.
type goldenResult struct {
	OK         bool   `json:"ok"`
	Code       int    `json:"code"`
	Text       string `json:"text"`
	KafkaError bool   `json:"kafkaError"`
	Panic      string `json:"panic"`
}

// goldenCase is one constructor call captured from the real library.
type goldenCase struct {
	Name   string        `json:"name"`
	Role   string        `json:"role"`
	Config []goldenEntry `json:"config"`
	Result goldenResult  `json:"result"`
}

func (v goldenValue) value(t *testing.T) ConfigValue {
	t.Helper()
	switch v.T {
	case "s":
		var s string
		require.NoError(t, json.Unmarshal(v.V, &s))
		return s
	case "b":
		var b bool
		require.NoError(t, json.Unmarshal(v.V, &b))
		return b
	case "i":
		var i int
		require.NoError(t, json.Unmarshal(v.V, &i))
		return i
	case "i64":
		var i int64
		require.NoError(t, json.Unmarshal(v.V, &i))
		return i
	case "f64":
		var f float64
		require.NoError(t, json.Unmarshal(v.V, &f))
		return f
	case "dur":
		var s string
		require.NoError(t, json.Unmarshal(v.V, &s))
		d, err := time.ParseDuration(s)
		require.NoError(t, err)
		return d
	case "nil":
		return nil
	case "chan":
		return make(chan LogEvent, 1)
	case "strs":
		var s []string
		require.NoError(t, json.Unmarshal(v.V, &s))
		return s
	case "map":
		var es []goldenEntry
		require.NoError(t, json.Unmarshal(v.V, &es))
		m := ConfigMap{}
		for _, e := range es {
			m[e.K] = e.value(t)
		}
		return m
	}
	t.Fatalf("unknown golden value type %q", v.T)
	return nil
}

// goldenDeviations are the captured cases where purekafka deliberately
// answers differently, with the result it gives instead and why.
var goldenDeviations = map[string]struct {
	want goldenResult
	why  string
}{
	"combo producer security.protocol=sasl_ssl sasl.mechanisms=OAUTHBEARER ssl.ca.location=/nonexistent":                           {goldenResult{Code: -186, Text: "ssl.ca.location failed: open /nonexistent: no such file or directory", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=sasl_ssl sasl.mechanisms=PLAIN sasl.username=u sasl.password=p ssl.ca.location=/nonexistent": {goldenResult{Code: -186, Text: "ssl.ca.location failed: open /nonexistent: no such file or directory", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=sasl_ssl sasl.mechanisms=SCRAM-SHA-1 sasl.username=u sasl.password=p":                        {goldenResult{Code: -186, Text: "Unsupported SASL mechanism: SCRAM-SHA-1 (purekafka supports SCRAM-SHA-256 and SCRAM-SHA-512)", KafkaError: true}, "librdkafka fails this at authentication, purekafka at construction"},
	"combo producer security.protocol=ssl ssl.ca.location=/nonexistent":                                                            {goldenResult{Code: -186, Text: "ssl.ca.location failed: open /nonexistent: no such file or directory", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.ca.pem=bogus":                                                                        {goldenResult{Code: -186, Text: "failed to read certificate #0 from ssl.ca.pem: not in PEM format?", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.certificate.location=/nonexistent":                                                   {goldenResult{Code: -186, Text: "ssl.certificate.location failed: open /nonexistent: no such file or directory", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.cipher.suites=bogus":                                                                 {goldenResult{Code: -186, Text: "ssl.cipher.suites failed: no cipher match (purekafka supports the TLS 1.2 suites implemented by crypto/tls)", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.crl.location=/nonexistent":                                                           {goldenResult{Code: -186, Text: "Configuration property \"ssl.crl.location\" not supported in this build: certificate revocation lists are not supported", KafkaError: true}, "not implemented in pure Go: refused as not supported in this build"},
	"combo producer security.protocol=ssl ssl.curves.list=bogus":                                                                   {goldenResult{Code: -186, Text: "ssl.curves.list failed: group 'bogus' cannot be set", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.engine.location=/nonexistent":                                                        {goldenResult{Code: -186, Text: "Configuration property \"ssl.engine.location\" not supported in this build: OpenSSL engines cannot be loaded by crypto/tls", KafkaError: true}, "not implemented in pure Go: refused as not supported in this build"},
	"combo producer security.protocol=ssl ssl.key.location=/nonexistent":                                                           {goldenResult{Code: -186, Text: "ssl.key.location failed: open /nonexistent: no such file or directory", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.key.pem=bogus":                                                                       {goldenResult{Code: -186, Text: "ssl.key.pem failed: not in PEM format?", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.keystore.location=/nonexistent ssl.keystore.password=x":                              {goldenResult{Code: -186, Text: "ssl.keystore.location failed: open /nonexistent: no such file or directory", KafkaError: true}, "crypto/tls and os errors instead of OpenSSL's error queue text"},
	"combo producer security.protocol=ssl ssl.providers=bogus":                                                                     {goldenResult{OK: true}, "OpenSSL-only setting: accepted with a warning instead of being loaded"},
	"combo producer security.protocol=ssl ssl.sigalgs.list=bogus":                                                                  {goldenResult{OK: true}, "OpenSSL-only setting: accepted with a warning instead of being loaded"},
	"producer dtc acks='1000'":                  {goldenResult{Code: -186, Text: "Configuration property \"request.required.acks\" value 1000 is not supported by purekafka: only -1 (all), 0 and 1 are (brokers reject other values)", KafkaError: true}, "acks 2..1000 cannot be expressed in kgo; brokers reject them anyway"},
	"producer dtc request.required.acks='1000'": {goldenResult{Code: -186, Text: "Configuration property \"request.required.acks\" value 1000 is not supported by purekafka: only -1 (all), 0 and 1 are (brokers reject other values)", KafkaError: true}, "acks 2..1000 cannot be expressed in kgo; brokers reject them anyway"},
	"producer plugin.library.paths=' x'":        {goldenResult{Code: -186, Text: "Configuration property \"plugin.library.paths\" not supported in this build: purekafka cannot load C plugins", KafkaError: true}, "C plugins cannot be loaded; librdkafka's dlopen text does not apply"},
	"producer plugin.library.paths='x'":         {goldenResult{Code: -186, Text: "Configuration property \"plugin.library.paths\" not supported in this build: purekafka cannot load C plugins", KafkaError: true}, "C plugins cannot be loaded; librdkafka's dlopen text does not apply"},
	"producer top acks='1000'":                  {goldenResult{Code: -186, Text: "Configuration property \"request.required.acks\" value 1000 is not supported by purekafka: only -1 (all), 0 and 1 are (brokers reject other values)", KafkaError: true}, "acks 2..1000 cannot be expressed in kgo; brokers reject them anyway"},
	"producer top request.required.acks='1000'": {goldenResult{Code: -186, Text: "Configuration property \"request.required.acks\" value 1000 is not supported by purekafka: only -1 (all), 0 and 1 are (brokers reject other values)", KafkaError: true}, "acks 2..1000 cannot be expressed in kgo; brokers reject them anyway"},
}

func roleOf(t *testing.T, s string) Role {
	t.Helper()
	switch s {
	case "producer":
		return RoleProducer
	case "consumer":
		return RoleConsumer
	case "admin":
		return RoleAdmin
	}
	t.Fatalf("unknown role %q", s)
	return 0
}

// resultOf describes NewConfig's outcome like the capture program did.
func resultOf(err error) goldenResult {
	if err == nil {
		return goldenResult{OK: true}
	}
	var ke Error
	if errors.As(err, &ke) {
		return goldenResult{Code: int(ke.Code()), Text: ke.Error(), KafkaError: true}
	}
	return goldenResult{Text: err.Error()}
}

// TestNewConfigGolden replays every constructor call captured from
// confluent-kafka-go v2.11.1 (testdata/config-golden.json): each
// property with valid, invalid, empty and out-of-range values, at the top
// level and under default.topic.config, the construction-time consistency
// checks, the go.* properties and the value-type rules.
func TestNewConfigGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/config-golden.json")
	require.NoError(t, err)
	var cases []goldenCase
	require.NoError(t, json.Unmarshal(b, &cases))
	require.Greater(t, len(cases), 1000)
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			m := ConfigMap{}
			for _, e := range tc.Config {
				m[e.K] = e.value(t)
			}
			want := tc.Result
			if d, ok := goldenDeviations[tc.Name]; ok {
				want = d.want
			}
			_, err := NewConfig(&m, roleOf(t, tc.Role))
			assert.Equal(t, want, resultOf(err))
		})
	}
}

// TestConstructorErrorsGolden reproduces the ConstructorErrors section of
// the strings golden file.
func TestConstructorErrorsGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/confluent-kafka-go-v2.11.1-strings.json")
	require.NoError(t, err)
	var doc struct {
		ConstructorErrors map[string]struct {
			Code     int    `json:"code"`
			CodeName string `json:"code_name"`
			Error    string `json:"error"`
		} `json:"ConstructorErrors"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	inputs := map[string]struct {
		role Role
		conf ConfigMap
	}{
		"NewConsumer auto.offset.reset=bogus":    {RoleConsumer, ConfigMap{"group.id": "g", "auto.offset.reset": "bogus"}},
		"NewConsumer without group.id":           {RoleConsumer, ConfigMap{"bootstrap.servers": "localhost"}},
		"NewProducer acks=bogus":                 {RoleProducer, ConfigMap{"acks": "bogus"}},
		"NewProducer go.delivery.reports string": {RoleProducer, ConfigMap{"go.delivery.reports": "true"}},
		"NewProducer linger.ms int64":            {RoleProducer, ConfigMap{"linger.ms": int64(5)}},
		"NewProducer unknown property":           {RoleProducer, ConfigMap{"no.such.property": "x"}},
	}
	require.Len(t, doc.ConstructorErrors, len(inputs))
	for name, want := range doc.ConstructorErrors {
		in, ok := inputs[name]
		require.True(t, ok, "no input for golden case %q", name)
		t.Run(name, func(t *testing.T) {
			_, err := NewConfig(&in.conf, in.role)
			var ke Error
			require.ErrorAs(t, err, &ke)
			assert.Equal(t, want.Code, int(ke.Code()))
			assert.Equal(t, want.CodeName, ke.Code().String())
			assert.Equal(t, want.Error, ke.Error())
		})
	}
}

func newTestConfig(t *testing.T, role Role, m ConfigMap) *Config {
	t.Helper()
	c, err := NewConfig(&m, role)
	require.NoError(t, err)
	return c
}

// kgoClient builds a kgo client from the Opts (against an unreachable
// seed) so tests can read back what kgo actually got.
func kgoClient(t *testing.T, c *Config) *kgo.Client {
	t.Helper()
	cl, err := kgo.NewClient(append(append([]kgo.Opt{}, c.Opts...), kgo.SeedBrokers("127.0.0.1:1"))...)
	require.NoError(t, err)
	t.Cleanup(cl.Close)
	return cl
}

func TestProducerDefaultsReachKgo(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{})
	cl := kgoClient(t, c)
	assert.Equal(t, []any{"rdkafka", true}, cl.OptValues(kgo.ClientID))
	assert.Equal(t, 5*time.Millisecond, cl.OptValue(kgo.ProducerLinger))
	assert.Equal(t, true, cl.OptValue(kgo.DisableIdempotentWrite))
	assert.Equal(t, 1000000, cl.OptValue(kgo.MaxProduceRequestsInflightPerBroker))
	assert.Equal(t, 30*time.Second, cl.OptValue(kgo.ProduceRequestTimeout))
	assert.Equal(t, 300*time.Second, cl.OptValue(kgo.RecordDeliveryTimeout))
	assert.Equal(t, 60*time.Second, cl.OptValue(kgo.TransactionTimeout))
	assert.Equal(t, int32(1000000), cl.OptValue(kgo.ProducerBatchMaxBytes))
	assert.Equal(t, int64(100000), cl.OptValue(kgo.MaxBufferedRecords))
	assert.Equal(t, int64(1<<30), cl.OptValue(kgo.MaxBufferedBytes))
	assert.Equal(t, true, cl.OptValue(kgo.AllowAutoTopicCreation))
	assert.Equal(t, 30*time.Second, cl.OptValue(kgo.DialTimeout))
	assert.Equal(t, 60*time.Second, cl.OptValue(kgo.RequestTimeoutOverhead))
	assert.Equal(t, 5*time.Minute, cl.OptValue(kgo.MetadataMaxAge))
	assert.Equal(t, int64(2147483647), cl.OptValue(kgo.RecordRetries))
	assert.Equal(t, []any{"purekafka", librdkafkaVersionStr}, cl.OptValues(kgo.SoftwareNameAndVersion))
	assert.Equal(t, []kgo.CompressionCodec{kgo.NoCompression()}, cl.OptValue(kgo.ProducerBatchCompression))

	assert.Equal(t, "consistent_random", c.Partitioner)
	assert.Equal(t, 10*time.Millisecond, c.StickyLinger)
	assert.Equal(t, -1, c.Acks)
	assert.False(t, c.Idempotent)
	assert.Equal(t, "none", c.Compression)
	assert.True(t, c.GoDeliveryReports)
	assert.Equal(t, DeliveryReportFields{Key: true, Value: true}, c.GoDeliveryReportFields)
	assert.Equal(t, 1000000, c.GoEventsChannelSize)
	assert.Equal(t, 1000000, c.GoProduceChannelSize)
	assert.Equal(t, 1000000, c.MessageMaxBytes)
	assert.Empty(t, c.BootstrapServers)
	assert.Contains(t, c.Warnings, "No `bootstrap.servers` configured: client will not be able to connect to Kafka cluster")

	backoff := cl.OptValue(kgo.RetryBackoffFn).(func(int) time.Duration)
	for fails := 1; fails < 20; fails++ {
		d := backoff(fails)
		assert.LessOrEqual(t, d, time.Second, "retry.backoff.max.ms caps the backoff")
		assert.GreaterOrEqual(t, d, 75*time.Millisecond, "jitter is at most -25%")
	}
}

func TestConsumerDefaultsReachKgo(t *testing.T) {
	c := newTestConfig(t, RoleConsumer, ConfigMap{"group.id": "g", "bootstrap.servers": "a:1,b"})
	cl := kgoClient(t, c)
	assert.Equal(t, []string{"a:1", "b:9092"}, c.BootstrapServers)
	assert.Equal(t, 500*time.Millisecond, cl.OptValue(kgo.FetchMaxWait))
	assert.Equal(t, int32(52428800), cl.OptValue(kgo.FetchMaxBytes))
	assert.Equal(t, int32(1048576), cl.OptValue(kgo.FetchMaxPartitionBytes))
	assert.Equal(t, int32(1), cl.OptValue(kgo.FetchMinBytes))
	assert.Equal(t, int8(1), cl.OptValue(kgo.FetchIsolationLevel), "read_committed")
	assert.Equal(t, 45*time.Second, cl.OptValue(kgo.SessionTimeout))
	assert.Equal(t, 3*time.Second, cl.OptValue(kgo.HeartbeatInterval))
	assert.Equal(t, 300*time.Second, cl.OptValue(kgo.RebalanceTimeout))
	assert.Equal(t, false, cl.OptValue(kgo.AllowAutoTopicCreation))
	assert.Equal(t, int32(100000000), cl.OptValue(kgo.BrokerMaxReadBytes))

	assert.Equal(t, "g", c.GroupID)
	assert.Equal(t, []string{"range", "roundrobin"}, c.AssignmentStrategies)
	assert.Len(t, c.Balancers, 2)
	assert.Equal(t, "EAGER", c.RebalanceProtocol)
	assert.Equal(t, "latest", c.AutoOffsetReset)
	assert.True(t, c.EnableAutoCommit)
	assert.Equal(t, 5*time.Second, c.AutoCommitInterval)
	assert.True(t, c.EnableAutoOffsetStore)
	assert.Equal(t, "classic", c.GroupProtocol)
	assert.Equal(t, 1000, c.GoEventsChannelSize)
	assert.Equal(t, "read_committed", c.IsolationLevel)
}

// TestCheckCRCs: librdkafka verifies fetched CRCs only with
// check.crcs=true, so franz-go's validation is disabled otherwise.
func TestCheckCRCs(t *testing.T) {
	for _, tc := range []struct {
		name      string
		value     any // nil: not set
		skipCheck bool
	}{
		{"default", nil, true},
		{"false", false, true},
		{"string false", "false", true},
		{"true", true, false},
		{"string true", "true", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conf := ConfigMap{"group.id": "g"}
			if tc.value != nil {
				conf["check.crcs"] = tc.value
			}
			cl := kgoClient(t, newTestConfig(t, RoleConsumer, conf))
			assert.Equal(t, tc.skipCheck, cl.OptValue(kgo.DisableFetchCRCValidation))
		})
	}
}

func TestAdminAndTransactionalDefaults(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{"transactional.id": "tx", "transaction.timeout.ms": 10000})
	cl := kgoClient(t, c)
	assert.True(t, c.Idempotent)
	assert.Equal(t, []any{"tx", true}, cl.OptValues(kgo.TransactionalID))
	assert.Equal(t, false, cl.OptValue(kgo.DisableIdempotentWrite))
	assert.Equal(t, 9900*time.Millisecond, c.SocketTimeout, "librdkafka lowers socket.timeout.ms below the transaction timeout")
	assert.Equal(t, 10*time.Second, c.MessageTimeout, "and aligns message.timeout.ms with it")

	a := newTestConfig(t, RoleAdmin, ConfigMap{"bootstrap.servers": "x"})
	assert.True(t, a.AllowAutoCreateTopics, "admin handles are librdkafka producers")
	kgoClient(t, a)
}

func TestAutoOffsetResetAliases(t *testing.T) {
	for in, want := range map[string]string{
		"smallest": "earliest", "earliest": "earliest", "beginning": "earliest", "BEGINNING": "earliest",
		"largest": "latest", "latest": "latest", "end": "latest", "error": "error",
	} {
		c := newTestConfig(t, RoleConsumer, ConfigMap{"group.id": "g", "auto.offset.reset": in})
		assert.Equal(t, want, c.AutoOffsetReset, in)
	}
}

func TestAliasesWriteTheSameSlot(t *testing.T) {
	for alias, target := range map[string]string{
		"linger.ms": "queue.buffering.max.ms", "acks": "request.required.acks", "bootstrap.servers": "metadata.broker.list",
		"retries": "message.send.max.retries", "max.in.flight": "max.in.flight.requests.per.connection",
		"compression.type": "compression.codec", "delivery.timeout.ms": "message.timeout.ms",
		"sasl.mechanism": "sasl.mechanisms", "max.partition.fetch.bytes": "fetch.message.max.bytes",
	} {
		p := globalIndex.lookup(target)
		if p == nil {
			p = topicIndex.lookup(target)
		}
		value := "1"
		switch p.typ {
		case typeEnum:
			value = p.values[len(p.values)-1]
			if value == "inherit" {
				value = "gzip"
			}
		case typeString:
			value = "PLAIN"
		}
		c := newTestConfig(t, RoleProducer, ConfigMap{alias: value})
		got, set := c.Value(target)
		assert.True(t, set, alias)
		assert.Equal(t, value, got, alias)
		got, _ = c.Value(alias)
		assert.Equal(t, value, got, "reading through the alias")
	}
	c := newTestConfig(t, RoleProducer, ConfigMap{"linger.ms": "0.5", "acks": "all", "compression.type": "zstd"})
	assert.Equal(t, 500*time.Microsecond, c.Linger)
	assert.Equal(t, time.Millisecond, c.StickyLinger, "2x linger, truncated to ms like librdkafka")
	assert.Equal(t, "zstd", c.Compression)
}

func TestDefaultTopicConfigPrecedence(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{
		"partitioner":          "murmur2",
		"message.timeout.ms":   1000,
		"default.topic.config": ConfigMap{"partitioner": "fnv1a", "compression.codec": "lz4"},
		"compression.codec":    "gzip",
	})
	assert.Equal(t, "fnv1a", c.Partitioner, "default.topic.config wins")
	assert.Equal(t, time.Second, c.MessageTimeout, "top-level topic properties still apply")
	assert.Equal(t, "lz4", c.Compression, "a topic codec overrides the global one")
	assert.Contains(t, c.Warnings, `Topic configuration properties set in the global configuration were overwritten by "default.topic.config": partitioner`)

	c = newTestConfig(t, RoleProducer, ConfigMap{"compression.codec": "gzip", "default.topic.config": ConfigMap{"compression.codec": "inherit"}})
	assert.Equal(t, "gzip", c.Compression, "inherit falls back to the global codec")

	m := ConfigMap{}
	require.NoError(t, m.SetKey("{topic}.acks", "0"))
	c = newTestConfig(t, RoleProducer, m)
	assert.Equal(t, 0, c.Acks)
}

func TestNoEffectWarnings(t *testing.T) {
	c := newTestConfig(t, RoleConsumer, ConfigMap{
		"group.id":            "g",
		"queued.min.messages": 5,
		"batch.num.messages":  5,
		"socket.max.fails":    1, // the default: nothing to warn about
		"offset.store.path":   "/tmp",
	})
	assert.Contains(t, c.Warnings, `property "queued.min.messages" has no effect in purekafka (franz-go manages its own fetch buffering)`)
	assert.Contains(t, c.Warnings, "Configuration property batch.num.messages is a producer property and will be ignored by this consumer instance")
	assert.Contains(t, c.Warnings, "Configuration property offset.store.path is deprecated")
	for _, w := range c.Warnings {
		assert.NotContains(t, w, "socket.max.fails")
	}
	c = newTestConfig(t, RoleProducer, ConfigMap{"ssl.crl.location": "/c"})
	assert.Contains(t, c.Warnings, `property "ssl.crl.location" has no effect in purekafka (certificate revocation lists are not supported)`,
		"without TLS the CRL is unused, as in librdkafka")
}

func TestNewConfigDoesNotMutate(t *testing.T) {
	ch := make(chan LogEvent)
	m := ConfigMap{
		"go.logs.channel.enable": true, "go.logs.channel": ch, "go.delivery.reports": false,
		"default.topic.config": ConfigMap{"acks": "1"}, "linger.ms": 7,
	}
	before := CloneConfigMap(m)
	c := newTestConfig(t, RoleProducer, m)
	assert.Equal(t, before, m)
	assert.True(t, c.GoLogsChannelEnable)
	assert.True(t, c.LogQueue)
	assert.Equal(t, ch, c.GoLogsChannel)
	assert.False(t, c.GoDeliveryReports)
	assert.Equal(t, 1, c.Acks)
	assert.Equal(t, 7*time.Millisecond, c.Linger)
}

func TestNewConfigRejections(t *testing.T) {
	_, err := NewConfig(nil, RoleProducer)
	assert.Error(t, err)
	for name, tc := range map[string]struct {
		role Role
		conf ConfigMap
		want string
	}{
		"acks 2":         {RoleProducer, ConfigMap{"acks": 2}, `Configuration property "request.required.acks" value 2 is not supported by purekafka`},
		"keystore":       {RoleProducer, ConfigMap{"security.protocol": "ssl", "ssl.keystore.location": "/k", "ssl.keystore.password": "p"}, `ssl.keystore.location failed: open /k: no such file or directory`},
		"crl":            {RoleProducer, ConfigMap{"security.protocol": "ssl", "ssl.crl.location": "/c"}, `Configuration property "ssl.crl.location" not supported in this build`},
		"engine":         {RoleProducer, ConfigMap{"security.protocol": "ssl", "ssl.engine.location": "/e"}, `Configuration property "ssl.engine.location" not supported in this build`},
		"plugins":        {RoleProducer, ConfigMap{"plugin.library.paths": "monitoring-interceptor"}, `Configuration property "plugin.library.paths" not supported in this build`},
		"scram-sha-1":    {RoleProducer, ConfigMap{"security.protocol": "sasl_ssl", "sasl.mechanism": "SCRAM-SHA-1", "sasl.username": "u", "sasl.password": "p"}, "Unsupported SASL mechanism: SCRAM-SHA-1"},
		"gssapi":         {RoleConsumer, ConfigMap{"group.id": "g", "security.protocol": "SASL_PLAINTEXT"}, "No provider for SASL mechanism GSSAPI"},
		"ca file":        {RoleProducer, ConfigMap{"security.protocol": "ssl", "ssl.ca.location": "/nonexistent"}, "ssl.ca.location failed: "},
		"negative chans": {RoleProducer, ConfigMap{"go.events.channel.size": -1}, "go.events.channel.size must not be negative"},
		"bad logs chan":  {RoleProducer, ConfigMap{"go.logs.channel": make(chan int)}, "go.logs.channel expects type chan kafka.LogEvent, not chan int"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewConfig(&tc.conf, tc.role)
			var ke Error
			require.ErrorAs(t, err, &ke)
			assert.Equal(t, ErrInvalidArg, ke.Code())
			assert.True(t, strings.HasPrefix(ke.Error(), tc.want), ke.Error())
		})
	}
}

func TestSASLAndTLSOpts(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{
		"security.protocol": "sasl_ssl", "sasl.mechanisms": "SCRAM-SHA-512", "sasl.username": "u", "sasl.password": "p",
		"ssl.endpoint.identification.algorithm": "none", "ssl.cipher.suites": "ECDHE-RSA-AES128-GCM-SHA256:HIGH",
	})
	cl := kgoClient(t, c)
	require.NotNil(t, c.TLSConfig)
	assert.True(t, c.TLSConfig.InsecureSkipVerify)
	assert.NotNil(t, c.TLSConfig.VerifyConnection, "the chain is still verified")
	assert.Len(t, c.TLSConfig.CipherSuites, 1)
	assert.Len(t, cl.OptValue(kgo.SASL), 1)
	assert.Equal(t, "SCRAM-SHA-512", c.SASLMechanism)
	c.SASL.Set("u2", "p2")
	u, p := c.SASL.Get()
	assert.Equal(t, []string{"u2", "p2"}, []string{u, p})

	c = newTestConfig(t, RoleProducer, ConfigMap{"security.protocol": "ssl", "enable.ssl.certificate.verification": false})
	assert.True(t, c.TLSConfig.InsecureSkipVerify)
	assert.Nil(t, c.TLSConfig.VerifyConnection)
	assert.Nil(t, c.SASL)
}

func TestParseBootstrapServers(t *testing.T) {
	assert.Equal(t, []string{"a:9092", "b:1", "[::1]:9093", "[::1]:9092", "[fe80::1]:9092", "c:9092"},
		parseBootstrapServers("PLAINTEXT://a, b:1,SSL://[::1]:9093 [::1],fe80::1,,c:"))
	assert.Empty(t, parseBootstrapServers(" , "))
}

func TestSanitizeSoftwareString(t *testing.T) {
	assert.Equal(t, "my-app-1.0", sanitizeSoftwareString("--my app_1.0!"))
	assert.Equal(t, "purekafka", sanitizeSoftwareString("purekafka"))
}

func TestClampedValuesWarn(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{"linger.ms": 120000, "request.timeout.ms": 1})
	cl := kgoClient(t, c)
	assert.Equal(t, time.Minute, cl.OptValue(kgo.ProducerLinger))
	assert.Equal(t, 100*time.Millisecond, cl.OptValue(kgo.ProduceRequestTimeout))
	assert.Equal(t, 2*time.Minute, c.Linger, "the field keeps the configured value")
	assert.Contains(t, c.Warnings, `property "linger.ms" value 2m0s is outside what franz-go supports; using 1m0s`)

	c = newTestConfig(t, RoleConsumer, ConfigMap{"group.id": "g", "heartbeat.interval.ms": 50000, "fetch.wait.max.ms": 0})
	cl = kgoClient(t, c)
	assert.Equal(t, 45*time.Second, cl.OptValue(kgo.HeartbeatInterval))
	assert.Equal(t, 10*time.Millisecond, cl.OptValue(kgo.FetchMaxWait))
}

func TestMoreMappings(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{
		"enable.idempotence": true, "compression.codec": "gzip", "compression.level": 3, "batch.size": 200000,
		"queue.buffering.max.messages": 0, "message.timeout.ms": 0, "client.rack": "r1", "enable.metrics.push": false,
		"topic.metadata.refresh.interval.ms": -1, "connections.max.idle.ms": 60000, "client.software.name": "my app",
	})
	cl := kgoClient(t, c)
	assert.True(t, c.Idempotent)
	assert.Equal(t, false, cl.OptValue(kgo.DisableIdempotentWrite))
	assert.Equal(t, []kgo.CompressionCodec{kgo.GzipCompression().WithLevel(3)}, cl.OptValue(kgo.ProducerBatchCompression))
	assert.Equal(t, int32(200000), cl.OptValue(kgo.ProducerBatchMaxBytes))
	assert.Equal(t, int64(math.MaxInt), cl.OptValue(kgo.MaxBufferedRecords))
	assert.Equal(t, time.Duration(0), cl.OptValue(kgo.RecordDeliveryTimeout), "0 is infinite")
	assert.Equal(t, "r1", cl.OptValue(kgo.Rack))
	assert.Equal(t, true, cl.OptValue(kgo.DisableClientMetrics))
	assert.Equal(t, time.Hour, cl.OptValue(kgo.MetadataMaxAge))
	assert.Equal(t, time.Minute, cl.OptValue(kgo.ConnIdleTimeout))
	assert.Equal(t, []any{"my-app", librdkafkaVersionStr}, cl.OptValues(kgo.SoftwareNameAndVersion))
	assert.Equal(t, 5, mustAtoi(t, c, "max.in.flight"), "idempotence caps max.in.flight at 5")

	// librdkafka takes any refresh interval; kgo refuses a max age below
	// its 5s default min age, so the min age follows it down.
	c = newTestConfig(t, RoleProducer, ConfigMap{"topic.metadata.refresh.interval.ms": 1000})
	cl = kgoClient(t, c)
	assert.Equal(t, time.Second, cl.OptValue(kgo.MetadataMaxAge))
	assert.Equal(t, time.Second, cl.OptValue(kgo.MetadataMinAge))

	c = newTestConfig(t, RoleConsumer, ConfigMap{
		"group.id": "g", "partition.assignment.strategy": "cooperative-sticky", "isolation.level": "read_uncommitted",
		"enable.auto.commit": false, "debug": "cgrp,fetch", "group.instance.id": "i1", "auto.commit.interval.ms": 0,
		"message.max.bytes": 2000000,
	})
	cl = kgoClient(t, c)
	assert.Equal(t, "COOPERATIVE", c.RebalanceProtocol)
	assert.Equal(t, int8(0), cl.OptValue(kgo.FetchIsolationLevel))
	assert.False(t, c.EnableAutoCommit)
	assert.Equal(t, time.Duration(0), c.AutoCommitInterval)
	assert.Equal(t, []string{"cgrp", "fetch"}, c.Debug)
	assert.Equal(t, "i1", c.GroupInstanceID)
	assert.Equal(t, int32(52428800), cl.OptValue(kgo.FetchMaxBytes))
	v, set := c.Value("receive.message.max.bytes")
	assert.False(t, set)
	assert.Equal(t, "100000000", v)

	c = newTestConfig(t, RoleConsumer, ConfigMap{"group.id": "g", "group.protocol": "consumer", "group.remote.assignor": "uniform"})
	kgoClient(t, c)
	assert.Equal(t, "consumer", c.GroupProtocol)
	assert.Equal(t, "uniform", c.GroupRemoteAssignor)
	c = newTestConfig(t, RoleConsumer, ConfigMap{"group.id": "g", "debug": "all"})
	assert.Equal(t, []string{"all"}, c.Debug)
}

func mustAtoi(t *testing.T, c *Config, name string) int {
	t.Helper()
	v, _ := c.Value(name)
	n, err := strconv.Atoi(v)
	require.NoError(t, err)
	return n
}
