package compat

import (
	"bytes"
	"fmt"
	"sort"
	"time"
)

// Producer scenarios: partitioners, message contents, delivery reports,
// Flush/Len/Purge and the synchronous and asynchronous produce errors.

func init() {
	for _, name := range []string{"consistent_random", "consistent", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random", "random"} {
		register(scenario{name: "produce/partitioner/" + name, run: func(e *Env) { partitionerScenario(e, name) }})
	}
	register(
		scenario{name: "produce/headers-timestamps", run: headersTimestamps},
		scenario{name: "produce/nil-vs-empty", run: nilVsEmpty},
		scenario{name: "produce/events-channel", run: eventsChannel},
		scenario{name: "produce/flush-unread-events", run: flushUnreadEvents},
		scenario{name: "produce/flush-unread-own-channel", run: flushUnreadOwnChannel},
		scenario{name: "produce/purge-queue", run: purgeQueue},
		scenario{name: "produce/purge-flags", run: purgeFlags},
		scenario{name: "produce/queue-full", run: queueFull},
		scenario{name: "produce/message-too-large-client", run: tooLargeClient},
		scenario{name: "produce/message-too-large-broker", run: tooLargeBroker},
		scenario{name: "produce/unknown-topic", run: unknownTopic},
		scenario{name: "produce/auto-create-topic", run: autoCreateTopic},
		scenario{name: "produce/partition-out-of-range", run: partitionOutOfRange},
		scenario{name: "produce/idempotent", run: idempotent},
		scenario{name: "produce/metadata", run: producerMetadata},
	)
}

// partitionerScenario produces keyed messages with one partitioner and
// compares where each landed. Keys a partitioner places at random (NULL
// keys in the *_random ones, the empty key in consistent_random, every key
// in random) are left out or their placement masked, since a random choice
// is not comparable.
func partitionerScenario(e *Env, name string) {
	const partitions = 6
	topic := e.Topic(partitions)
	p := e.Producer(Config{"partitioner": name, "linger.ms": 5})
	keys := keysN(60)
	if name != "consistent_random" {
		keys = append(keys, []byte{})
	}
	if name == "consistent" || name == "murmur2" || name == "fnv1a" {
		keys = append(keys, nil)
	}
	for i, k := range keys {
		m := &Msg{TP: TP{Topic: topic, Partition: -1}, Key: k, Value: fmt.Appendf(nil, "v%d", i), Opaque: i}
		if err := p.Produce(m, true); err != nil {
			e.Logf("produce %d: %s", i, e.Err(err))
		}
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	evs := readDRs(e, p, len(keys), true)
	if name == "random" {
		spread := map[int32]bool{}
		sort.Slice(evs, func(i, j int) bool { return evs[i].Msg.Opaque.(int) < evs[j].Msg.Opaque.(int) })
		for _, ev := range evs {
			spread[ev.Msg.TP.Partition] = true
			e.Logf("report opaque=%v err=%s valid-partition=%v", ev.Msg.Opaque, ev.Msg.TP.Err, ev.Msg.TP.Partition >= 0 && ev.Msg.TP.Partition < partitions)
		}
		e.Logf("spread over more than one partition: %v", len(spread) > 1)
		return
	}
	// Where each key landed is compared, in offset order: librdkafka
	// sometimes reports a partition's first message after the batch that
	// follows it (the message waited for the topic's metadata).
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].Msg.TP, evs[j].Msg.TP
		if a.Partition != b.Partition {
			return a.Partition < b.Partition
		}
		return a.Offset < b.Offset
	})
	for _, ev := range evs {
		e.Logf("report %s", ev)
	}
}

var fixedTS = time.Date(2021, 3, 4, 5, 6, 7, 8_000_000, time.UTC)

// headersTimestamps produces messages with headers (repeated, empty and
// nil values) and explicit or clock timestamps, reads the reports with
// every field enabled, and reads the messages back.
func headersTimestamps(e *Env) {
	topic := e.Topic(1)
	p := e.Producer(Config{"go.delivery.report.fields": "all"})
	msgs := []*Msg{
		{Key: []byte("a"), Value: []byte("1"), Headers: []Header{{"h", []byte("x")}, {"h", []byte("y")}, {"empty", []byte{}}, {"nil", nil}}},
		{Key: []byte("b"), Value: []byte("2"), Timestamp: fixedTS},
		{Key: []byte("c"), Value: []byte("3"), Timestamp: fixedTS, Headers: []Header{{"", []byte("no key")}}},
		{Key: []byte("d"), Value: []byte("4")},
	}
	for i, m := range msgs {
		m.TP = TP{Topic: topic, Partition: 0}
		m.Opaque = i
		produceLog(e, p, m, true)
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, len(msgs), true)
	c := e.Consumer(Config{"group.id": e.Name("G"), "enable.partition.eof": true})
	e.Logf("assign: %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
}

// nilVsEmpty checks that nil and empty keys and values stay distinct in
// reports and when consumed.
func nilVsEmpty(e *Env) {
	topic := e.Topic(1)
	p := e.Producer(nil)
	combos := []struct{ k, v []byte }{{nil, nil}, {[]byte{}, []byte{}}, {nil, []byte{}}, {[]byte{}, nil}, {[]byte("k"), nil}, {nil, []byte("v")}}
	for i, kv := range combos {
		produceLog(e, p, &Msg{TP: TP{Topic: topic, Partition: 0}, Key: kv.k, Value: kv.v, Opaque: i}, true)
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, len(combos), true)
	c := e.Consumer(Config{"group.id": e.Name("G"), "enable.partition.eof": true})
	e.Logf("assign: %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
}

// eventsChannel sends reports to Events() instead of a private channel.
func eventsChannel(e *Env) {
	topic := e.Topic(3)
	p := e.Producer(nil)
	for i := range 9 {
		produceLog(e, p, msgTo(topic, int32(i%3), fmt.Sprint("k", i), fmt.Sprint("v", i), i), false)
	}
	// The reports are read before Flush: unread ones in Events() count in
	// Len (flush-unread-events), so Flush would wait out its timeout.
	logDRs(e, p, 9, false)
	logLenDrains(e, p, "len after reading")
	e.Logf("flush -> %d", p.Flush(30_000))
}

// flushUnreadEvents: reports waiting unread in Events() count in Len, so
// Flush runs out its timeout and returns them.
func flushUnreadEvents(e *Env) {
	topic := e.Topic(1)
	p := e.Producer(nil)
	for i := range 5 {
		produceLog(e, p, msgTo(topic, 0, "k", "v", i), false)
	}
	e.Logf("flush(1000) with 5 reports unread -> %d", p.Flush(1000))
	e.Logf("len -> %d", p.Len())
	logDRs(e, p, 5, false)
	logLenDrains(e, p, "len after reading")
	e.Logf("flush(1000) -> %d", p.Flush(1000))
}

// logLenDrains waits, within the budget, for Len to reach 0 once every
// report has been read, and logs whether it did. It is read in a loop
// because confluent-kafka-go counts a report in Len until its poller has
// released librdkafka's event, which can be a moment after the report was
// read from the channel.
func logLenDrains(e *Env, p Producer, what string) {
	deadline := time.Now().Add(budget)
	for p.Len() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	e.Logf("%s -> %d", what, p.Len())
}

// flushUnreadOwnChannel: reports waiting in a private delivery channel do
// not count in Len.
func flushUnreadOwnChannel(e *Env) {
	topic := e.Topic(1)
	p := e.Producer(nil)
	for i := range 5 {
		produceLog(e, p, msgTo(topic, 0, "k", "v", i), true)
	}
	e.Logf("flush(30000) with 5 reports unread in the private channel -> %d", p.Flush(30_000))
	e.Logf("len -> %d", p.Len())
	logDRs(e, p, 5, true)
}

// purgeQueue purges messages held back by a long linger.
func purgeQueue(e *Env) {
	topic := e.Topic(2)
	p := e.Producer(Config{"linger.ms": 60_000})
	for i := range 10 {
		produceLog(e, p, msgTo(topic, int32(i%2), "k", "v", i), true)
	}
	e.Logf("len before purge -> %d", p.Len())
	_, queue, _ := p.PurgeFlags()
	e.Logf("purge(queue) -> %s", e.Err(p.Purge(queue)))
	logDRs(e, p, 10, true)
	logLenDrains(e, p, "len after purge")
	e.Logf("flush(1000) -> %d", p.Flush(1000))
	// The producer still works after a purge.
	produceLog(e, p, msgTo(topic, 0, "k", "after", 10), true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
}

// purgeFlags calls Purge with each flag combination on an idle producer,
// and with a flag that does not exist.
func purgeFlags(e *Env) {
	p := e.Producer(nil)
	inFlight, queue, nonBlocking := p.PurgeFlags()
	e.Logf("flag values %d %d %d", inFlight, queue, nonBlocking)
	// 0x100 is left out: librdkafka accepts it as its internal
	// abort-transaction purge flag.
	for _, f := range []int{0, inFlight, queue, nonBlocking, inFlight | queue, inFlight | queue | nonBlocking, 0x8, 0x10000} {
		e.Logf("purge(%#x) -> %s", f, e.Err(p.Purge(f)))
	}
	e.Logf("len -> %d", p.Len())
}

// queueFull fills queue.buffering.max.messages while linger holds every
// message back.
func queueFull(e *Env) {
	topic := e.Topic(1)
	p := e.Producer(Config{"queue.buffering.max.messages": 5, "linger.ms": 60_000})
	for i := range 7 {
		produceLog(e, p, msgTo(topic, 0, "k", "v", i), true)
	}
	e.Logf("len -> %d", p.Len())
	_, queue, _ := p.PurgeFlags()
	e.Logf("purge(queue) -> %s", e.Err(p.Purge(queue)))
	logDRs(e, p, 5, true)
	produceLog(e, p, msgTo(topic, 0, "k", "v", 7), true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
}

// tooLargeClient exceeds the producer's own message.max.bytes, which
// fails the call synchronously.
func tooLargeClient(e *Env) {
	topic := e.Topic(1)
	p := e.Producer(Config{"message.max.bytes": 1000})
	for i, size := range []int{100, 2000, 100_000} {
		produceLog(e, p, &Msg{TP: TP{Topic: topic, Partition: 0}, Value: bytes.Repeat([]byte("x"), size), Opaque: i}, true)
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
}

// tooLargeBroker exceeds the topic's max.message.bytes, which the broker
// rejects: the report carries the error.
func tooLargeBroker(e *Env) {
	topic := e.TopicWithConfig(1, map[string]*string{"max.message.bytes": strp("2000")})
	p := e.Producer(Config{"linger.ms": 0})
	produceLog(e, p, &Msg{TP: TP{Topic: topic, Partition: 0}, Value: bytes.Repeat([]byte("x"), 10_000), Opaque: 0}, true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
	produceLog(e, p, &Msg{TP: TP{Topic: topic, Partition: 0}, Value: []byte("small"), Opaque: 1}, true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
}

// unknownTopic produces to a topic that does not exist, with automatic
// creation off. librdkafka fails the message once
// topic.metadata.propagation.max.ms has passed, which is set well below
// message.timeout.ms so that the timeout does not win; purekafka gives up
// after franz-go's fixed number of unknown-topic retries, which is sooner.
func unknownTopic(e *Env) {
	topic := e.Name("T")
	p := e.Producer(Config{"allow.auto.create.topics": false, "message.timeout.ms": 60_000, "topic.metadata.propagation.max.ms": 1000})
	produceLog(e, p, msgTo(topic, -1, "k", "v", 0), true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
}

// autoCreateTopic produces to a topic that does not exist with the
// producer's default allow.auto.create.topics (true): the broker creates
// it with one partition.
func autoCreateTopic(e *Env) {
	topic := e.Name("T")
	p := e.Producer(nil)
	produceLog(e, p, msgTo(topic, -1, "k", "v", 0), true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
}

// partitionOutOfRange produces to a partition the topic lacks, once the
// producer knows the topic (a synchronous error).
func partitionOutOfRange(e *Env) {
	topic := e.Topic(3)
	p := e.Producer(nil)
	produceLog(e, p, msgTo(topic, 0, "k", "v", 0), true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
	for i, part := range []int32{3, 7, 1000} {
		produceLog(e, p, msgTo(topic, part, "k", "v", i+1), true)
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	e.Logf("len -> %d", p.Len())
}

// idempotent produces keyed messages with enable.idempotence.
func idempotent(e *Env) {
	topic := e.Topic(3)
	p := e.Producer(Config{"enable.idempotence": true})
	for i, k := range keysN(30) {
		if err := p.Produce(&Msg{TP: TP{Topic: topic, Partition: -1}, Key: k, Value: []byte("v"), Opaque: i}, true); err != nil {
			e.Logf("produce %d: %s", i, e.Err(err))
		}
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 30, true)
	e.Logf("fatal error -> %s", e.Err(p.GetFatalError()))
}

// producerMetadata asks for one topic's metadata, and for missing
// topics' with and without allow.auto.create.topics, from a producer
// (default true) and a consumer (default false), then checks which of the
// missing topics the requests created. kfake creates a topic while
// answering, so there the answer names it; Kafka creates it in the
// background and answers UNKNOWN_TOPIC_OR_PART, or names it if the
// creation happened to finish first, so there only the creation is
// compared. The topics that should stay missing are asked about first
// (see topicsExist).
func producerMetadata(e *Env) {
	topic := e.Topic(4)
	p := e.Producer(nil)
	logMetadata(e, "producer", topic, p.GetMetadata)
	var stay, created []string
	for _, c := range []struct {
		consumer bool
		cfg      Config
		creates  bool
	}{
		{false, Config{"allow.auto.create.topics": false}, false},
		{true, nil, false},
		{true, Config{"allow.auto.create.topics": false}, false},
		{false, nil, true},
		{false, Config{"allow.auto.create.topics": true}, true},
		{true, Config{"allow.auto.create.topics": true}, true},
	} {
		name := e.Name("T")
		if c.creates {
			created = append(created, name)
		} else {
			stay = append(stay, name)
		}
		if c.consumer {
			cfg := Config{"group.id": e.Name("G")}
			for k, v := range c.cfg {
				cfg[k] = v
			}
			logMetadata(e, fmt.Sprintf("consumer %v", c.cfg), name, e.Consumer(cfg).GetMetadata)
		} else {
			logMetadata(e, fmt.Sprintf("producer %v", c.cfg), name, e.Producer(c.cfg).GetMetadata)
		}
	}
	exist := e.topicsExist(stay, created)
	for _, name := range append(stay, created...) {
		e.Logf("%s created: %v", name, exist[name])
	}
}

func logMetadata(e *Env, who, topic string, get func(*string, bool, int) (*Metadata, error)) {
	md, err := get(&topic, false, 10_000)
	e.Logf("%s metadata(%s) err=%s", who, topic, e.Err(err))
	if md != nil && !e.C.Real {
		e.Logf("  topics=%d %s: partitions=%d err=%s", len(md.Topics), topic, md.Topics[topic].Partitions, md.Topics[topic].Err)
	}
}
