package client

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// This file reproduces what librdkafka 2.11.1 checks and derives when a
// handle is created (rd_kafka_conf_finalize, rd_kafka_topic_conf_finalize,
// the assignor and SASL set-up in rd_kafka_new), in the same order, so that
// a ConfigMap that confluent-kafka-go refuses is refused with the same text,
// and the warnings librdkafka logs at start-up.

const idempotenceMaxInflight = 5 // librdkafka's RD_KAFKA_IDEMP_MAX_INFLIGHT

// finalize runs librdkafka's construction-time checks for role.
func (st *confState) finalize(role Role) error {
	consumer := role == RoleConsumer
	if st.str("ssl.keystore.location") != "" && st.str("ssl.keystore.password") == "" {
		return NewError(ErrInvalidArg, "`ssl.keystore.password` is mandatory when `ssl.keystore.location` is set", false)
	}
	if loc := st.str("https.ca.location"); loc != "" {
		if st.str("https.ca.pem") != "" {
			return NewError(ErrInvalidArg, "`https.ca.location` and `https.ca.pem` are mutually exclusive", false)
		}
		if _, err := os.Stat(loc); err != nil {
			return NewError(ErrInvalidArg, "`https.ca.location` must be an existing file or directory", false)
		}
	}
	if err := st.finalizeOAuthBearer(); err != nil {
		return err
	}
	if consumer {
		if err := st.finalizeConsumer(); err != nil {
			return err
		}
	} else if err := st.finalizeProducer(); err != nil {
		return err
	}
	if refresh := st.num("topic.metadata.refresh.interval.ms"); !st.isSet("metadata.max.age.ms") && refresh > 0 {
		st.derive("metadata.max.age.ms", strconv.Itoa(refresh*3))
	}
	if st.num("reconnect.backoff.max.ms") < st.num("reconnect.backoff.ms") {
		return NewError(ErrInvalidArg, "`reconnect.backoff.max.ms` must be >= `reconnect.backoff.ms`", false)
	}
	if !st.isSet("topic.metadata.refresh.fast.interval.ms") {
		st.derive("topic.metadata.refresh.fast.interval.ms", st.str("retry.backoff.ms"))
	}
	if !st.isSet("connections.max.idle.ms") && strings.Contains(strings.ToLower(st.str("metadata.broker.list")), "azure") {
		// librdkafka's workaround for Azure's 4 minute idle cut-off.
		st.derive("connections.max.idle.ms", strconv.Itoa((4*60-10)*1000))
	}
	if !st.isSet("allow.auto.create.topics") {
		st.derive("allow.auto.create.topics", strconv.FormatBool(!consumer))
	}
	if !consumer {
		// Without a default topic configuration librdkafka defers these
		// checks to each topic's creation; the derived values apply anyway.
		if err := st.finalizeTopic(); err != nil && st.hasTopicConf {
			return err
		}
	}
	names, _, err := parseAssignmentStrategies(st.str("partition.assignment.strategy"))
	if err != nil {
		return err
	}
	if st.str("group.protocol.type") != "consumer" {
		// librdkafka registers its assignors under the "consumer" protocol
		// type, so with any other type the first one is not found.
		return Errorf(ErrInvalidArg, "Unsupported partition.assignment.strategy: %s", names[0])
	}
	return st.finalizeSASL()
}

// finalizeOAuthBearer checks the OAUTHBEARER properties, which librdkafka
// does whenever the mechanism is OAUTHBEARER, SASL in use or not.
func (st *confState) finalizeOAuthBearer() error {
	if !strings.EqualFold(st.str("sasl.mechanisms"), "OAUTHBEARER") {
		return nil
	}
	oidc := st.str("sasl.oauthbearer.method") == "oidc"
	if oidc && st.boolean("enable.sasl.oauthbearer.unsecure.jwt") {
		return NewError(ErrInvalidArg, "`enable.sasl.oauthbearer.unsecure.jwt` and `sasl.oauthbearer.method=oidc` are mutually exclusive", false)
	}
	if !oidc {
		return nil
	}
	const suffix = " is mandatory when `sasl.oauthbearer.method=oidc` is set"
	if st.str("sasl.oauthbearer.token.endpoint.url") == "" {
		return NewError(ErrInvalidArg, "`sasl.oauthbearer.token.endpoint.url`"+suffix, false)
	}
	if st.str("sasl.oauthbearer.grant.type") == "client_credentials" {
		if st.str("sasl.oauthbearer.client.id") == "" {
			return NewError(ErrInvalidArg, "`sasl.oauthbearer.client.id`"+suffix, false)
		}
		if st.str("sasl.oauthbearer.client.secret") == "" {
			return NewError(ErrInvalidArg, "`sasl.oauthbearer.client.secret`"+suffix, false)
		}
		return nil
	}
	if st.str("sasl.oauthbearer.assertion.file") == "" && st.str("sasl.oauthbearer.assertion.private.key.file") == "" &&
		st.str("sasl.oauthbearer.assertion.private.key.pem") == "" {
		return NewError(ErrInvalidArg, "`sasl.oauthbearer.assertion.private.key.file` or `sasl.oauthbearer.assertion.private.key.pem` is mandatory when `sasl.oauthbearer.grant.type` is set to `urn:ietf:params:oauth:grant-type:jwt-bearer`", false)
	}
	return nil
}

// finalizeConsumer runs the consumer-only checks and derives the fetch
// sizes librdkafka adjusts automatically.
func (st *confState) finalizeConsumer() error {
	if st.str("group.protocol") == "consumer" {
		for _, c := range []struct{ name, text string }{
			{"session.timeout.ms", "`session.timeout.ms` is not supported for `group.protocol=consumer`. It is defined broker side"},
			{"partition.assignment.strategy", "`partition.assignment.strategy` is not supported for `group.protocol=consumer`. Use `group.remote.assignor` instead"},
			{"group.protocol.type", "`group.protocol.type` is not supported for `group.protocol=consumer`"},
			{"heartbeat.interval.ms", "`heartbeat.interval.ms` is not supported for `group.protocol=consumer`. It is defined broker side"},
		} {
			if st.isSet(c.name) {
				return NewError(ErrInvalidArg, c.text, false)
			}
		}
	} else if st.num("max.poll.interval.ms") < st.num("session.timeout.ms") {
		return NewError(ErrInvalidArg, "`max.poll.interval.ms`must be >= `session.timeout.ms`", false)
	}
	fetchMax, msgMax := st.num("fetch.max.bytes"), st.num("message.max.bytes")
	if st.isSet("fetch.max.bytes") {
		if fetchMax < msgMax {
			return NewError(ErrInvalidArg, "`fetch.max.bytes` must be >= `message.max.bytes`", false)
		}
	} else {
		fetchMax = max(min(fetchMax, st.num("queued.max.messages.kbytes")*1024), msgMax)
		st.derive("fetch.max.bytes", strconv.Itoa(fetchMax))
	}
	if st.isSet("receive.message.max.bytes") {
		if fetchMax+512 > st.num("receive.message.max.bytes") {
			return NewError(ErrInvalidArg, "`receive.message.max.bytes` must be >= `fetch.max.bytes` + 512", false)
		}
	} else {
		st.derive("receive.message.max.bytes", strconv.Itoa(max(st.num("receive.message.max.bytes"), fetchMax+512)))
	}
	return nil
}

// finalizeProducer runs the producer (and admin) checks on idempotence and
// transactions and derives the values librdkafka adjusts.
func (st *confState) finalizeProducer() error {
	idem := st.boolean("enable.idempotence")
	txnTimeout := st.num("transaction.timeout.ms")
	if st.str("transactional.id") != "" {
		if !idem {
			if st.isSet("enable.idempotence") {
				return NewError(ErrInvalidArg, "`transactional.id` requires `enable.idempotence=true`", false)
			}
			idem = true
			st.derive("enable.idempotence", "true")
		}
		if !st.isSet("socket.timeout.ms") {
			st.derive("socket.timeout.ms", strconv.Itoa(max(txnTimeout-100, 900)))
		} else if txnTimeout+100 < st.num("socket.timeout.ms") {
			return NewError(ErrInvalidArg, "`socket.timeout.ms` must be set <= `transaction.timeout.ms` + 100", false)
		}
	}
	if idem {
		if st.isSet("max.in.flight.requests.per.connection") {
			if st.num("max.in.flight.requests.per.connection") > idempotenceMaxInflight {
				return NewError(ErrInvalidArg, "`max.in.flight` must be set <= 5 when `enable.idempotence` is true", false)
			}
		} else {
			st.derive("max.in.flight.requests.per.connection", strconv.Itoa(min(st.num("max.in.flight.requests.per.connection"), idempotenceMaxInflight)))
		}
		if st.isSet("message.send.max.retries") {
			if st.num("message.send.max.retries") < 1 {
				return NewError(ErrInvalidArg, "`retries` must be set >= 1 when `enable.idempotence` is true", false)
			}
		} else {
			st.derive("message.send.max.retries", strconv.Itoa(math.MaxInt32))
		}
		if st.isSet("queue.buffering.backpressure.threshold") && st.num("queue.buffering.backpressure.threshold") > 1 {
			return NewError(ErrInvalidArg, "`queue.buffering.backpressure.threshold` must be set to 1 when `enable.idempotence` is true", false)
		}
	} else if st.boolean("enable.gapless.guarantee") && st.isSet("enable.gapless.guarantee") {
		return NewError(ErrInvalidArg, "`enable.gapless.guarantee` requires `enable.idempotence` to be enabled", false)
	}
	if !st.isSet("sticky.partitioning.linger.ms") {
		st.derive("sticky.partitioning.linger.ms", strconv.Itoa(int(min(900000, 2*st.flt("queue.buffering.max.ms")))))
	}
	return nil
}

// finalizeTopic runs librdkafka's producer checks on the default topic
// configuration and derives its adjusted values; the caller decides whether
// an error counts (only when that configuration exists).
func (st *confState) finalizeTopic() error {
	const lingerErr = "`message.timeout.ms` must be greater than `linger.ms`"
	linger := st.flt("queue.buffering.max.ms")
	mt := st.num("message.timeout.ms")
	if mt != 0 && float64(mt) <= linger {
		if st.isSet("queue.buffering.max.ms") {
			return NewError(ErrInvalidArg, lingerErr, false)
		}
		linger = float64(mt) - 0.1
		st.derive("queue.buffering.max.ms", strconv.FormatFloat(linger, 'g', -1, 64))
	}
	if st.boolean("enable.idempotence") {
		if st.isSet("request.required.acks") {
			if st.num("request.required.acks") != -1 {
				return NewError(ErrInvalidArg, "`acks` must be set to `all` when `enable.idempotence` is true", false)
			}
		}
		if st.isSet("queuing.strategy") && st.str("queuing.strategy") != "fifo" {
			return NewError(ErrInvalidArg, "`queuing.strategy` must be set to `fifo` when `enable.idempotence` is true", false)
		}
		if st.str("transactional.id") != "" {
			txnTimeout := st.num("transaction.timeout.ms")
			if !st.isSet("message.timeout.ms") {
				mt = txnTimeout
				st.derive("message.timeout.ms", strconv.Itoa(mt))
			} else if mt > txnTimeout {
				return NewError(ErrInvalidArg, "`message.timeout.ms` must be set <= `transaction.timeout.ms`", false)
			}
		}
	}
	if mt != 0 && float64(mt) <= linger && st.isSet("queue.buffering.max.ms") {
		return NewError(ErrInvalidArg, lingerErr, false)
	}
	return nil
}

// finalizeSASL reproduces librdkafka's SASL provider selection, which only
// happens when security.protocol uses SASL.
func (st *confState) finalizeSASL() error {
	proto := st.str("security.protocol")
	if proto != "sasl_plaintext" && proto != "sasl_ssl" {
		return nil
	}
	mech := st.str("sasl.mechanisms")
	switch {
	case mech == "GSSAPI":
		// confluent-kafka-go's prebuilt Linux librdkafka has no Kerberos
		// either, and says so with exactly this text.
		return NewError(ErrInvalidArg, "No provider for SASL mechanism GSSAPI: recompile librdkafka with libsasl2 or openssl support. Current build options: PLAIN SASL_SCRAM OAUTHBEARER", false)
	case mech == "PLAIN" || strings.HasPrefix(mech, "SCRAM-SHA-"):
		if st.str("sasl.username") == "" || st.str("sasl.password") == "" {
			return NewError(ErrInvalidArg, "sasl.username and sasl.password must be set", false)
		}
		if strings.HasPrefix(mech, "SCRAM-SHA-") && mech != "SCRAM-SHA-256" && mech != "SCRAM-SHA-512" {
			// librdkafka accepts any SCRAM-SHA-* name here and fails
			// authentication later; failing now is clearer.
			return Errorf(ErrInvalidArg, "Unsupported SASL mechanism: %s (purekafka supports SCRAM-SHA-256 and SCRAM-SHA-512)", mech)
		}
	case mech == "OAUTHBEARER":
	default:
		return Errorf(ErrInvalidArg, "Unsupported SASL mechanism: %s", mech)
	}
	return nil
}

// parseAssignmentStrategies splits partition.assignment.strategy like
// librdkafka's assignor set-up: left-trimmed names, empty entries skipped,
// names case-sensitive, and eager and cooperative strategies not mixed. It
// returns the names and whether they are cooperative.
func parseAssignmentStrategies(s string) ([]string, bool, error) {
	var names []string
	eager, coop := false, false
	for _, tok := range strings.Split(s, ",") {
		tok = leftTrim(tok)
		if tok == "" {
			continue
		}
		switch tok {
		case "range", "roundrobin":
			eager = true
		case "cooperative-sticky":
			coop = true
		default:
			return nil, false, Errorf(ErrInvalidArg, "Unsupported partition.assignment.strategy: %s", tok)
		}
		names = append(names, tok)
	}
	if len(names) == 0 {
		return nil, false, NewError(ErrInvalidArg, "Unsupported partition.assignment.strategy: ", false)
	}
	if eager && coop {
		return nil, false, Errorf(ErrInvalidArg, "All partition.assignment.strategy (%s) assignors must have the same protocol type, online migration between assignors with different protocol types is not supported", s)
	}
	return names, coop, nil
}

// warnings returns the Config.Warnings lines for role, sorted by property.
func (st *confState) warnings(role Role) []string {
	other, self := clientsProducer, "consumer"
	if role != RoleConsumer {
		other, self = clientsConsumer, "producer"
	}
	var out []string
	check := func(layer map[string]propValue, idx propertyIndex) {
		for _, name := range sortedValueKeys(layer) {
			v := layer[name]
			p := idx[name]
			if !v.set {
				continue
			}
			if p.clients == other {
				kind := map[clients]string{clientsProducer: "producer", clientsConsumer: "consumer"}[other]
				out = append(out, fmt.Sprintf("Configuration property %s is a %s property and will be ignored by this %s instance", p.name, kind, self))
				continue
			}
			switch {
			case p.flags&flagDeprecated != 0 && p.flags&flagExperimental != 0:
				out = append(out, fmt.Sprintf("Configuration property %s is deprecated and experimental", p.name))
			case p.flags&flagDeprecated != 0:
				out = append(out, fmt.Sprintf("Configuration property %s is deprecated", p.name))
			case p.flags&flagExperimental != 0:
				out = append(out, fmt.Sprintf("Configuration property %s is experimental", p.name))
			}
			if w := st.noEffectWarning(p, v); w != "" {
				out = append(out, w)
			}
		}
	}
	check(st.globals, globalIndex)
	check(st.topicTop, topicIndex)
	check(st.topicDTC, topicIndex)
	var overridden []string
	for name := range st.topicDTC {
		if _, ok := st.topicTop[name]; ok {
			overridden = append(overridden, name)
		}
	}
	if len(overridden) > 0 {
		sort.Strings(overridden)
		out = append(out, "Topic configuration properties set in the global configuration were overwritten by \"default.topic.config\": "+strings.Join(overridden, ", "))
	}
	return append(out, st.librdkafkaWarnings(role)...)
}

// noEffectWarning is the warning for a property purekafka accepts but does
// not act on, or "" when p does have its effect.
func (st *confState) noEffectWarning(p *property, v propValue) string {
	switch p.treat {
	case treatNoEffect:
	case treatRejected:
		// Rejected only when TLS is in use; otherwise just unused, as in
		// librdkafka.
		if st.usesTLS() || p.typ == typePointer {
			return ""
		}
	default:
		return ""
	}
	if v.s == p.defaultValue().s {
		return ""
	}
	return fmt.Sprintf("property %q has no effect in purekafka (%s)", p.name, p.note)
}

// librdkafkaWarnings are librdkafka's additional CONFWARN notices.
func (st *confState) librdkafkaWarnings(role Role) []string {
	var out []string
	if st.num("retry.backoff.ms") > st.num("retry.backoff.max.ms") {
		out = append(out, fmt.Sprintf("Configuration `retry.backoff.ms` with value %d is greater than configuration `retry.backoff.max.ms` with value %d. A static backoff with value `retry.backoff.max.ms` will be applied.",
			st.num("retry.backoff.ms"), st.num("retry.backoff.max.ms")))
	}
	if st.isSet("topic.metadata.refresh.fast.interval.ms") && st.num("topic.metadata.refresh.fast.interval.ms") > st.num("retry.backoff.max.ms") {
		out = append(out, fmt.Sprintf("Configuration `topic.metadata.refresh.fast.interval.ms` with value %d is greater than configuration `retry.backoff.max.ms` with value %d. A static backoff with value `retry.backoff.max.ms` will be applied.",
			st.num("topic.metadata.refresh.fast.interval.ms"), st.num("retry.backoff.max.ms")))
	}
	if role == RoleConsumer && st.num("fetch.wait.max.ms")+1000 > st.num("socket.timeout.ms") {
		out = append(out, fmt.Sprintf("Configuration property `fetch.wait.max.ms` (%d) should be set lower than `socket.timeout.ms` (%d) by at least 1000ms to avoid blocking and timing out sub-sequent requests",
			st.num("fetch.wait.max.ms"), st.num("socket.timeout.ms")))
	}
	proto := st.str("security.protocol")
	if st.isSet("sasl.mechanisms") && proto != "sasl_ssl" && proto != "sasl_plaintext" {
		out = append(out, fmt.Sprintf("Configuration property `sasl.mechanism` set to `%s` but `security.protocol` is not configured for SASL: recommend setting `security.protocol` to SASL_SSL or SASL_PLAINTEXT", st.str("sasl.mechanisms")))
	}
	if mech := st.str("sasl.mechanisms"); st.isSet("sasl.username") && !strings.HasPrefix(mech, "SCRAM") && mech != "PLAIN" {
		out = append(out, "Configuration property `sasl.username` only applies when `sasl.mechanism` is set to PLAIN or SCRAM-SHA-..")
	}
	if len(parseBootstrapServers(st.str("metadata.broker.list"))) == 0 && st.num("test.mock.num.brokers") == 0 {
		out = append(out, "No `bootstrap.servers` configured: client will not be able to connect to Kafka cluster")
	}
	return out
}

// usesTLS reports whether security.protocol needs TLS.
func (st *confState) usesTLS() bool {
	p := st.str("security.protocol")
	return p == "ssl" || p == "sasl_ssl"
}

// sortedValueKeys returns the names in layer in order.
func sortedValueKeys(layer map[string]propValue) []string {
	keys := make([]string, 0, len(layer))
	for k := range layer {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
