package client

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// kgo refuses some values librdkafka allows; these are its bounds. Values
// outside them are clamped (with a warning) rather than failing NewClient.
const (
	kgoMaxLinger      = time.Minute
	kgoMinTimeout     = 100 * time.Millisecond
	kgoMaxOverhead    = 15 * time.Minute
	kgoMinRecordTO    = time.Second
	kgoMaxMetadataAge = time.Hour
	kgoMinMetadataAge = 10 * time.Millisecond
	// kgoDefaultMetadataMinAge is kgo's MetadataMinAge default, which
	// its MetadataMaxAge must not be below.
	kgoDefaultMetadataMinAge = 5 * time.Second
	kgoMinFetchWait          = 10 * time.Millisecond
	kgoMinBatchBytes         = 512
	kgoMaxBytes              = 1 << 30
	kgoMinReadBytes          = 1 << 10
	kgoDefWriteBytes         = 100 << 20
	kgoDefFetchMaxByte       = 50 << 20
)

// resolve fills the typed fields and Opts from the finalized state.
func (c *Config) resolve() error {
	st := c.st
	c.BootstrapServers = parseBootstrapServers(st.str("metadata.broker.list"))
	c.ClientID = st.str("client.id")
	c.SecurityProtocol = st.str("security.protocol")
	if c.SecurityProtocol == "sasl_plaintext" || c.SecurityProtocol == "sasl_ssl" {
		c.SASLMechanism = st.str("sasl.mechanisms")
	}
	c.SocketTimeout = st.ms("socket.timeout.ms")
	c.LogLevel = st.num("log_level")
	if d := st.str("debug"); d != "" {
		if p := globalIndex.lookup("debug"); st.get("debug").bits == p.flagMask(len(p.values)-1) {
			c.Debug = []string{"all"}
		} else {
			c.Debug = strings.Split(d, ",")
		}
	}
	c.LogQueue = st.boolean("log.queue")
	c.MessageMaxBytes = st.num("message.max.bytes")
	c.AllowAutoCreateTopics = st.boolean("allow.auto.create.topics")
	c.MockNumBrokers = st.num("test.mock.num.brokers")
	c.MockBrokerRTT = st.ms("test.mock.broker.rtt")
	c.OAuthBearer = st.oauthBearer()

	c.Acks = st.num("request.required.acks")
	c.Idempotent = st.boolean("enable.idempotence") && c.Role != RoleConsumer
	c.TransactionalID = st.str("transactional.id")
	c.TransactionTimeout = st.ms("transaction.timeout.ms")
	c.Partitioner = st.str("partitioner")
	c.StickyLinger = st.ms("sticky.partitioning.linger.ms")
	c.Linger = time.Duration(st.flt("queue.buffering.max.ms") * float64(time.Millisecond))
	c.QueueMaxMessages = st.num("queue.buffering.max.messages")
	c.QueueMaxBytes = int64(st.num("queue.buffering.max.kbytes")) * 1024
	c.MessageTimeout = st.ms("message.timeout.ms")
	c.RequestTimeout = st.ms("request.timeout.ms")
	c.Retries = st.num("message.send.max.retries")
	c.Compression = st.str("compression.codec") // global
	if t := st.topic(topicIndex.lookup("compression.codec")).s; t != "inherit" {
		c.Compression = t
	}
	c.CompressionLevel = st.num("compression.level")
	c.BatchSize = st.num("batch.size")
	c.EnableGaplessGuarantee = st.boolean("enable.gapless.guarantee")
	c.DeliveryReportOnlyError = st.boolean("delivery.report.only.error")

	c.GroupID = st.str("group.id")
	c.GroupInstanceID = st.str("group.instance.id")
	c.GroupProtocol = st.str("group.protocol")
	c.GroupRemoteAssignor = st.str("group.remote.assignor")
	names, coop, _ := parseAssignmentStrategies(st.str("partition.assignment.strategy"))
	c.AssignmentStrategies = names
	c.RebalanceProtocol = "EAGER"
	if coop {
		c.RebalanceProtocol = "COOPERATIVE"
	}
	for _, n := range names {
		switch n {
		case "range":
			c.Balancers = append(c.Balancers, kgo.RangeBalancer())
		case "roundrobin":
			c.Balancers = append(c.Balancers, kgo.RoundRobinBalancer())
		case "cooperative-sticky":
			c.Balancers = append(c.Balancers, kgo.CooperativeStickyBalancer())
		}
	}
	c.SessionTimeout = st.ms("session.timeout.ms")
	c.HeartbeatInterval = st.ms("heartbeat.interval.ms")
	c.MaxPollInterval = st.ms("max.poll.interval.ms")
	c.EnableAutoCommit = st.boolean("enable.auto.commit")
	c.AutoCommitInterval = st.ms("auto.commit.interval.ms")
	c.EnableAutoOffsetStore = st.boolean("enable.auto.offset.store")
	switch st.str("auto.offset.reset") {
	case "smallest", "earliest", "beginning":
		c.AutoOffsetReset = "earliest"
	case "error":
		c.AutoOffsetReset = "error"
	default:
		c.AutoOffsetReset = "latest"
	}
	c.EnablePartitionEOF = st.boolean("enable.partition.eof")
	c.IsolationLevel = st.str("isolation.level")
	return c.buildOpts()
}

// buildOpts translates the mapped properties into kgo options.
func (c *Config) buildOpts() error {
	st := c.st
	var opts []kgo.Opt
	if len(c.BootstrapServers) > 0 {
		opts = append(opts, kgo.SeedBrokers(c.BootstrapServers...))
	}
	opts = append(opts, kgo.ClientID(c.ClientID))
	name, version := "purekafka", librdkafkaVersionStr
	if st.isSet("client.software.name") {
		name = st.str("client.software.name")
	}
	if st.isSet("client.software.version") {
		version = st.str("client.software.version")
	}
	opts = append(opts, kgo.SoftwareNameAndVersion(sanitizeSoftwareString(name), sanitizeSoftwareString(version)))

	net, err := c.buildNetwork()
	if err != nil {
		return err
	}
	opts = append(opts, net...)

	opts = append(opts,
		kgo.RequestTimeoutOverhead(c.clamp("socket.timeout.ms", c.SocketTimeout, kgoMinTimeout, kgoMaxOverhead)),
		kgo.RetryBackoffFn(retryBackoff(st.ms("retry.backoff.ms"), st.ms("retry.backoff.max.ms"))),
	)
	if idle := st.ms("connections.max.idle.ms"); idle > 0 {
		opts = append(opts, kgo.ConnIdleTimeout(c.clamp("connections.max.idle.ms", idle, kgoMinTimeout, kgoMaxOverhead)))
	}
	maxAge := kgoMaxMetadataAge // -1 disables the periodic refresh: use kgo's longest
	if refresh := st.num("topic.metadata.refresh.interval.ms"); refresh >= 0 {
		maxAge = c.clamp("topic.metadata.refresh.interval.ms", time.Duration(refresh)*time.Millisecond, kgoMinMetadataAge, kgoMaxMetadataAge)
	}
	opts = append(opts, kgo.MetadataMaxAge(maxAge))
	if st.isSet("topic.metadata.refresh.fast.interval.ms") {
		// Only when asked for: kgo's 5s minimum protects the cluster, and
		// librdkafka's 100ms applies to leader loss only.
		opts = append(opts, kgo.MetadataMinAge(min(maxAge, max(kgoMinMetadataAge, st.ms("topic.metadata.refresh.fast.interval.ms")))))
	} else if maxAge < kgoDefaultMetadataMinAge {
		// kgo refuses a max age below its default min age; librdkafka
		// accepts any refresh interval.
		opts = append(opts, kgo.MetadataMinAge(maxAge))
	}
	if c.AllowAutoCreateTopics {
		opts = append(opts, kgo.AllowAutoTopicCreation())
	}
	readBytes := min(max(st.num("receive.message.max.bytes"), kgoMinReadBytes), kgoMaxBytes)
	opts = append(opts, kgo.BrokerMaxReadBytes(int32(readBytes)))
	if rack := st.str("client.rack"); rack != "" {
		opts = append(opts, kgo.Rack(rack))
	}
	if !st.boolean("enable.metrics.push") {
		opts = append(opts, kgo.DisableClientMetrics())
	}
	switch c.Role {
	case RoleConsumer:
		opts = append(opts, c.consumerOpts(readBytes)...)
	case RoleProducer:
		p, err := c.producerOpts()
		if err != nil {
			return err
		}
		opts = append(opts, p...)
	}
	if c.Role != RoleConsumer && readBytes < kgoDefFetchMaxByte {
		opts = append(opts, kgo.FetchMaxBytes(int32(readBytes))) // kgo wants read >= fetch
	}
	c.Opts = opts
	return nil
}

// producerOpts are the producer-only options.
func (c *Config) producerOpts() ([]kgo.Opt, error) {
	st := c.st
	var opts []kgo.Opt
	switch c.Acks {
	case -1:
		opts = append(opts, kgo.RequiredAcks(kgo.AllISRAcks()))
	case 0:
		opts = append(opts, kgo.RequiredAcks(kgo.NoAck()))
	case 1:
		opts = append(opts, kgo.RequiredAcks(kgo.LeaderAck()))
	default:
		return nil, Errorf(ErrInvalidArg, "Configuration property \"request.required.acks\" value %d is not supported by purekafka: only -1 (all), 0 and 1 are (brokers reject other values)", c.Acks)
	}
	if c.Idempotent {
		if c.TransactionalID != "" {
			opts = append(opts, kgo.TransactionalID(c.TransactionalID))
		}
	} else {
		opts = append(opts, kgo.DisableIdempotentWrite(),
			kgo.MaxProduceRequestsInflightPerBroker(st.num("max.in.flight.requests.per.connection")))
	}
	opts = append(opts,
		kgo.TransactionTimeout(c.TransactionTimeout),
		kgo.ProducerLinger(c.clamp("linger.ms", c.Linger, 0, kgoMaxLinger)),
		kgo.ProducerBatchCompression(compressionCodec(c.Compression, c.CompressionLevel)),
		kgo.ProduceRequestTimeout(c.clamp("request.timeout.ms", c.RequestTimeout, kgoMinTimeout, math.MaxInt32*time.Millisecond)),
		kgo.RecordRetries(c.Retries),
	)
	batch := min(max(min(c.BatchSize, c.MessageMaxBytes), kgoMinBatchBytes), kgoMaxBytes)
	opts = append(opts, kgo.ProducerBatchMaxBytes(int32(batch)))
	if batch > kgoDefWriteBytes {
		opts = append(opts, kgo.BrokerMaxWriteBytes(int32(batch)))
	}
	maxRecords := c.QueueMaxMessages
	if maxRecords == 0 {
		maxRecords = math.MaxInt
	}
	opts = append(opts, kgo.MaxBufferedRecords(maxRecords), kgo.MaxBufferedBytes(int(c.QueueMaxBytes)))
	if c.MessageTimeout > 0 {
		opts = append(opts, kgo.RecordDeliveryTimeout(c.clamp("message.timeout.ms", c.MessageTimeout, kgoMinRecordTO, math.MaxInt64)))
	}
	if c.EnableGaplessGuarantee {
		opts = append(opts, kgo.StopProducerOnDataLossDetected())
	}
	return opts, nil
}

// consumerOpts are the consumer-only options (group membership and offsets
// stay with the consumer; see Config).
func (c *Config) consumerOpts(readBytes int) []kgo.Opt {
	st := c.st
	fetchMax := min(st.num("fetch.max.bytes"), readBytes)
	opts := []kgo.Opt{
		kgo.FetchMaxWait(c.clamp("fetch.wait.max.ms", st.ms("fetch.wait.max.ms"), kgoMinFetchWait, math.MaxInt64)),
		kgo.FetchMaxBytes(int32(fetchMax)),
		kgo.FetchMinBytes(int32(st.num("fetch.min.bytes"))),
		kgo.FetchMaxPartitionBytes(int32(st.num("fetch.message.max.bytes"))),
	}
	if !st.boolean("check.crcs") {
		// librdkafka skips the CRC check unless asked; franz-go
		// checks unless told not to.
		opts = append(opts, kgo.DisableFetchCRCValidation())
	}
	if c.IsolationLevel == "read_committed" {
		opts = append(opts, kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	} else {
		opts = append(opts, kgo.FetchIsolationLevel(kgo.ReadUncommitted()))
	}
	if c.GroupProtocol == "classic" {
		session := c.clamp("session.timeout.ms", c.SessionTimeout, kgoMinTimeout, math.MaxInt32*time.Millisecond)
		opts = append(opts,
			kgo.SessionTimeout(session),
			// kgo refuses a heartbeat longer than the session; librdkafka
			// accepts it (and the group then keeps timing out).
			kgo.HeartbeatInterval(c.clamp("heartbeat.interval.ms", c.HeartbeatInterval, 0, session)),
			kgo.RebalanceTimeout(c.clamp("max.poll.interval.ms", c.MaxPollInterval, kgoMinTimeout, math.MaxInt32*time.Millisecond)),
		)
		if st.isSet("group.protocol.type") {
			opts = append(opts, kgo.GroupProtocol(st.str("group.protocol.type")))
		}
	}
	return opts
}

// clamp keeps d within [lo, hi], adding a warning when it has to change a
// value the application set.
func (c *Config) clamp(name string, d, lo, hi time.Duration) time.Duration {
	v := min(max(d, lo), hi)
	if v != d && c.st.isSet(name) {
		c.Warnings = append(c.Warnings, "property \""+name+"\" value "+d.String()+" is outside what franz-go supports; using "+v.String())
	}
	return v
}

// compressionCodec maps a librdkafka codec name and level to kgo.
func compressionCodec(name string, level int) kgo.CompressionCodec {
	var codec kgo.CompressionCodec
	switch name {
	case "gzip":
		codec = kgo.GzipCompression()
	case "snappy":
		return kgo.SnappyCompression()
	case "lz4":
		codec = kgo.Lz4Compression()
	case "zstd":
		codec = kgo.ZstdCompression()
	default:
		return kgo.NoCompression()
	}
	if level >= 0 {
		codec = codec.WithLevel(level)
	}
	return codec
}

// retryBackoff is librdkafka's request backoff: base doubled on every
// retry, with -25%..+50% jitter, capped at maxBackoff (a base above the
// cap makes the backoff static at the cap, as librdkafka warns).
func retryBackoff(base, maxBackoff time.Duration) func(int) time.Duration {
	return func(fails int) time.Duration {
		if base >= maxBackoff {
			return maxBackoff
		}
		d := base
		for i := 1; i < fails && d < maxBackoff; i++ {
			d *= 2
		}
		d = time.Duration(float64(d) * (0.75 + 0.75*rand.Float64()))
		return min(d, maxBackoff)
	}
}

// sanitizeSoftwareString applies librdkafka's KIP-511 clean-up: only
// a-zA-Z0-9.- survive (others become '-'), and the string starts and ends
// alphanumeric, because brokers reject anything else.
func sanitizeSoftwareString(s string) string {
	alnum := func(r byte) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	b := []byte(s)
	for len(b) > 0 && !alnum(b[0]) {
		b = b[1:]
	}
	for i, ch := range b {
		if !alnum(ch) && ch != '-' && ch != '.' {
			b[i] = '-'
		}
	}
	for len(b) > 0 && !alnum(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return string(b)
}

// oauthBearer collects the OAUTHBEARER properties.
func (st *confState) oauthBearer() OAuthBearerConfig {
	o := OAuthBearerConfig{
		Config:           st.str("sasl.oauthbearer.config"),
		UnsecureJWT:      st.boolean("enable.sasl.oauthbearer.unsecure.jwt"),
		Method:           st.str("sasl.oauthbearer.method"),
		ClientID:         st.str("sasl.oauthbearer.client.id"),
		ClientSecret:     st.str("sasl.oauthbearer.client.secret"),
		Scope:            st.str("sasl.oauthbearer.scope"),
		Extensions:       st.str("sasl.oauthbearer.extensions"),
		TokenEndpointURL: st.str("sasl.oauthbearer.token.endpoint.url"),
		GrantType:        st.str("sasl.oauthbearer.grant.type"),
		HTTPSCALocation:  st.str("https.ca.location"),
		HTTPSCAPEM:       st.str("https.ca.pem"),
		Assertion:        map[string]string{},
	}
	const prefix = "sasl.oauthbearer.assertion."
	for _, p := range globalPropertiesCommon {
		if rest, ok := strings.CutPrefix(p.name, prefix); ok {
			o.Assertion[rest] = st.str(p.name)
		}
	}
	return o
}
