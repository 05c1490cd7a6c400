package compat

import (
	"fmt"
	"strings"
)

// Transactions and AdminClient scenarios.

func init() {
	register(
		scenario{name: "txn/commit", run: txnCommit},
		scenario{name: "txn/abort", run: txnAbort},
		scenario{name: "txn/eof-after-markers", run: txnEOFAfterMarkers},
		scenario{name: "txn/state-errors", run: txnStateErrors},
		scenario{name: "txn/send-offsets", run: txnSendOffsets},
		scenario{name: "admin/create-topics", run: adminCreateTopics},
		scenario{name: "admin/describe-topics", run: adminDescribeTopics},
		scenario{name: "admin/delete-topics", run: adminDeleteTopics},
		scenario{name: "admin/create-partitions", run: adminCreatePartitions},
		scenario{name: "admin/describe-configs", run: adminDescribeConfigs},
		scenario{name: "admin/metadata", run: adminMetadata},
	)
}

// txnProducer is a transactional producer with InitTransactions done.
func txnProducer(e *Env) Producer {
	p := e.Producer(Config{"transactional.id": e.Name("X")})
	e.Logf("init -> %s", e.Err(p.InitTransactions(e.Ctx())))
	return p
}

// readBack reads want messages of a partition with the given isolation
// level and logs them; with eof it also waits for PartitionEOF. Aborted
// messages before the last wanted one would show in the trace.
func readBack(e *Env, topic string, isolation string, want int, eof bool) {
	c := e.Consumer(baseConsumer(e, Config{"isolation.level": isolation, "enable.partition.eof": eof}))
	e.Logf("%s assign -> %s", isolation, e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	logEvents(e, pollUntil(e, c, func(evs []Event) bool {
		return count(evs, "Message") >= want && (!eof || count(evs, "PartitionEOF") >= 1)
	}))
	lo, hi, err := c.QueryWatermarkOffsets(topic, 0, 10_000)
	e.Logf("%s watermarks -> %d %d err=%s", isolation, lo, hi, e.Err(err))
}

// txnEOFAfterMarkers reads committed and aborted transactions to the end
// of the partition, where the last offsets are markers.
func txnEOFAfterMarkers(e *Env) {
	topic := e.Topic(1)
	p := txnProducer(e)
	e.Logf("begin -> %s", e.Err(p.BeginTransaction()))
	produceLog(e, p, msgTo(topic, 0, "k", "committed", 0), true)
	e.Logf("commit -> %s", e.Err(p.CommitTransaction(e.Ctx())))
	logDRs(e, p, 1, true)
	readBack(e, topic, "read_committed", 1, true)
	e.Logf("begin -> %s", e.Err(p.BeginTransaction()))
	produceLog(e, p, msgTo(topic, 0, "k", "aborted", 1), true)
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 1, true)
	e.Logf("abort -> %s", e.Err(p.AbortTransaction(e.Ctx())))
	readBack(e, topic, "read_committed", 1, true)
	readBack(e, topic, "read_uncommitted", 2, true)
}

// txnCommit produces five messages in a transaction and commits.
func txnCommit(e *Env) {
	topic := e.Topic(1)
	p := txnProducer(e)
	e.Logf("begin -> %s", e.Err(p.BeginTransaction()))
	for i := range 5 {
		produceLog(e, p, msgTo(topic, 0, fmt.Sprint("k", i), fmt.Sprint("v", i), i), true)
	}
	e.Logf("commit -> %s", e.Err(p.CommitTransaction(e.Ctx())))
	logDRs(e, p, 5, true)
	logLenDrains(e, p, "len after reading")
	readBack(e, topic, "read_committed", 5, false)
}

// txnAbort produces five messages in a transaction, flushes them so
// that they are written, and aborts: a read_committed consumer skips
// them, a read_uncommitted one sees them.
func txnAbort(e *Env) {
	topic := e.Topic(1)
	p := txnProducer(e)
	e.Logf("begin -> %s", e.Err(p.BeginTransaction()))
	for i := range 5 {
		produceLog(e, p, msgTo(topic, 0, fmt.Sprint("k", i), fmt.Sprint("v", i), i), true)
	}
	e.Logf("flush -> %d", p.Flush(30_000))
	logDRs(e, p, 5, true)
	e.Logf("abort -> %s", e.Err(p.AbortTransaction(e.Ctx())))
	e.Logf("begin again -> %s", e.Err(p.BeginTransaction()))
	produceLog(e, p, msgTo(topic, 0, "after", "abort", 5), true)
	e.Logf("commit -> %s", e.Err(p.CommitTransaction(e.Ctx())))
	logDRs(e, p, 1, true)
	readBack(e, topic, "read_committed", 1, false)
	readBack(e, topic, "read_uncommitted", 6, false)
}

// txnStateErrors calls the transactional API out of order.
func txnStateErrors(e *Env) {
	topic := e.Topic(1)
	plain := e.Producer(nil)
	e.Logf("non-transactional init -> %s", e.Err(plain.InitTransactions(e.Ctx())))
	e.Logf("non-transactional begin -> %s", e.Err(plain.BeginTransaction()))
	e.Logf("non-transactional commit -> %s", e.Err(plain.CommitTransaction(e.Ctx())))
	e.Logf("non-transactional abort -> %s", e.Err(plain.AbortTransaction(e.Ctx())))
	p := e.Producer(Config{"transactional.id": e.Name("X")})
	e.Logf("begin before init -> %s", e.Err(p.BeginTransaction()))
	e.Logf("commit before init -> %s", e.Err(p.CommitTransaction(e.Ctx())))
	e.Logf("produce before init -> %s", e.Err(p.Produce(msgTo(topic, 0, "k", "v", 0), true)))
	e.Logf("init -> %s", e.Err(p.InitTransactions(e.Ctx())))
	e.Logf("init again -> %s", e.Err(p.InitTransactions(e.Ctx())))
	e.Logf("commit without begin -> %s", e.Err(p.CommitTransaction(e.Ctx())))
	e.Logf("abort without begin -> %s", e.Err(p.AbortTransaction(e.Ctx())))
	e.Logf("produce outside a transaction -> %s", e.Err(p.Produce(msgTo(topic, 0, "k", "v", 0), true)))
	e.Logf("begin -> %s", e.Err(p.BeginTransaction()))
	e.Logf("begin again -> %s", e.Err(p.BeginTransaction()))
	// SendOffsetsToTransaction with nil group metadata is left out:
	// confluent-kafka-go dereferences it and panics.
	e.Logf("commit -> %s", e.Err(p.CommitTransaction(e.Ctx())))
	e.Logf("fatal error -> %s", e.Err(p.GetFatalError()))
}

// txnSendOffsets is consume-transform-produce: the consumed position is
// committed with the transaction.
func txnSendOffsets(e *Env) {
	in, out := e.Topic(1), e.Topic(1)
	e.Seed(in, 0, 0, 3)
	group := e.Name("G")
	c := e.Consumer(Config{"group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": false})
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{in}, nil)))
	evs := pollUntil(e, c, untilMessages(3))
	p := txnProducer(e)
	e.Logf("begin -> %s", e.Err(p.BeginTransaction()))
	for _, ev := range evs {
		if ev.Msg != nil {
			produceLog(e, p, &Msg{TP: TP{Topic: out, Partition: 0}, Key: ev.Msg.Key, Value: []byte(strings.ToUpper(string(ev.Msg.Value))), Opaque: ev.Msg.TP.Offset}, true)
		}
	}
	pos, err := c.Position([]TP{tp(in, 0, 0)})
	logRet(e, "position", pos, err)
	cgm, err := c.GetConsumerGroupMetadata()
	e.Logf("group metadata err=%s", e.Err(err))
	e.Logf("send offsets -> %s", e.Err(p.SendOffsetsToTransaction(e.Ctx(), pos, cgm)))
	e.Logf("commit -> %s", e.Err(p.CommitTransaction(e.Ctx())))
	logDRs(e, p, 3, true)
	e.Logf("broker has %s", e.Committed(group))
	e.Logf("send offsets outside a transaction -> %s", e.Err(p.SendOffsetsToTransaction(e.Ctx(), pos, cgm)))
	readBack(e, out, "read_committed", 3, false)
}

// logTopicResults logs admin results one per line.
func logTopicResults(e *Env, what string, rs []TopicResult, err error) {
	e.Logf("%s err=%s", what, e.Err(err))
	for _, r := range rs {
		e.Logf("  %s: %s", r.Topic, r.Err)
	}
}

// adminCreateTopics creates topics: valid, validate-only, existing, with
// bad partition and replication counts, and a bad config.
func adminCreateTopics(e *Env) {
	a := e.Admin()
	existing := e.Topic(1)
	good, validate, badRF, badPart, badCfg := e.Name("T"), e.Name("T"), e.Name("T"), e.Name("T"), e.Name("T")
	rs, err := a.CreateTopics(e.Ctx(), []TopicSpec{
		{Topic: good, NumPartitions: 3, ReplicationFactor: 1, Config: map[string]string{"retention.ms": "3600000"}},
		{Topic: existing, NumPartitions: 1, ReplicationFactor: 1},
		{Topic: badRF, NumPartitions: 1, ReplicationFactor: 50},
		{Topic: badCfg, NumPartitions: 1, ReplicationFactor: 1, Config: map[string]string{"cleanup.policy": "bogus"}},
	}, false)
	logTopicResults(e, "create", rs, err)
	rs, err = a.CreateTopics(e.Ctx(), []TopicSpec{{Topic: validate, NumPartitions: 2, ReplicationFactor: 1}}, true)
	logTopicResults(e, "create validate-only", rs, err)
	rs, err = a.CreateTopics(e.Ctx(), []TopicSpec{{Topic: badPart, NumPartitions: 0, ReplicationFactor: 1}}, false)
	logTopicResults(e, "create with 0 partitions", rs, err)
	// CreateTopics and DeleteTopics with no topics are left out:
	// confluent-kafka-go indexes the empty list and panics.
	exist := e.topicsExist([]string{validate, badRF, badCfg}, []string{good})
	for _, n := range []string{good, validate, badRF, badCfg} {
		e.Logf("%s exists: %v", n, exist[n])
	}
	ds, err := a.DescribeTopics(e.Ctx(), []string{good})
	e.Logf("describe err=%s", e.Err(err))
	for _, d := range ds {
		e.Logf("  %s partitions=%d err=%s", d.Name, d.Partitions, d.Err)
	}
	_, _ = a.DeleteTopics(e.Ctx(), []string{good})
}

// adminDescribeTopics describes an existing and a missing topic.
func adminDescribeTopics(e *Env) {
	a := e.Admin()
	topic := e.Topic(3)
	missing := e.Name("T")
	ds, err := a.DescribeTopics(e.Ctx(), []string{topic, missing})
	e.Logf("describe err=%s", e.Err(err))
	for _, d := range ds {
		e.Logf("  %s partitions=%d internal=%v err=%s", d.Name, d.Partitions, d.Internal, d.Err)
	}
	ds, err = a.DescribeTopics(e.Ctx(), nil)
	e.Logf("describe nothing -> %d err=%s", len(ds), e.Err(err))
}

// adminDeleteTopics deletes an existing and a missing topic.
func adminDeleteTopics(e *Env) {
	a := e.Admin()
	topic := e.Topic(1)
	missing := e.Name("T")
	rs, err := a.DeleteTopics(e.Ctx(), []string{topic, missing})
	logTopicResults(e, "delete", rs, err)
}

// adminCreatePartitions grows a topic, and tries to shrink it and grow a
// missing one.
func adminCreatePartitions(e *Env) {
	a := e.Admin()
	topic := e.Topic(2)
	missing := e.Name("T")
	rs, err := a.CreatePartitions(e.Ctx(), topic, 6, true)
	logTopicResults(e, "to 6 validate-only", rs, err)
	rs, err = a.CreatePartitions(e.Ctx(), topic, 4, false)
	logTopicResults(e, "to 4", rs, err)
	rs, err = a.CreatePartitions(e.Ctx(), topic, 3, false)
	logTopicResults(e, "to 3", rs, err)
	rs, err = a.CreatePartitions(e.Ctx(), topic, 4, false)
	logTopicResults(e, "to 4 again", rs, err)
	rs, err = a.CreatePartitions(e.Ctx(), missing, 4, false)
	logTopicResults(e, "missing to 4", rs, err)
}

// adminDescribeConfigs reads a topic's configs, one set at creation.
func adminDescribeConfigs(e *Env) {
	a := e.Admin()
	topic := e.TopicWithConfig(1, map[string]*string{"retention.ms": strp("3600000")})
	entries, rerr, err := a.DescribeTopicConfig(e.Ctx(), topic, []string{"retention.ms", "max.message.bytes", "cleanup.policy", "no.such.config"})
	e.Logf("describe configs err=%s resource err=%s", e.Err(err), rerr)
	for _, en := range entries {
		e.Logf("  %s", en)
	}
	_, rerr, err = a.DescribeTopicConfig(e.Ctx(), e.Name("T"), []string{"retention.ms"})
	e.Logf("describe missing topic configs err=%s resource err=%s", e.Err(err), rerr)
}

// adminMetadata reads cluster metadata through the admin client.
func adminMetadata(e *Env) {
	a := e.Admin()
	topic := e.Topic(2)
	md, err := a.GetMetadata(nil, true, 10_000)
	e.Logf("all topics err=%s", e.Err(err))
	if md != nil {
		e.Logf("  brokers=%d has topic: %v partitions=%d", md.Brokers, md.Topics[topic].Partitions > 0, md.Topics[topic].Partitions)
	}
	md, err = a.GetMetadata(&topic, false, 10_000)
	e.Logf("one topic err=%s", e.Err(err))
	if md != nil {
		e.Logf("  topics=%d partitions=%d", len(md.Topics), md.Topics[topic].Partitions)
	}
	missing := e.Name("T")
	md, err = a.GetMetadata(&missing, false, 10_000)
	e.Logf("missing topic err=%s", e.Err(err))
	if md != nil && !e.C.Real {
		e.Logf("  topics=%d err=%s", len(md.Topics), md.Topics[missing].Err)
	}
	// Asking about a missing topic creates it: librdkafka's admin client
	// is a producer handle, whose allow.auto.create.topics defaults to
	// true. Kafka creates it in the background, so the check waits for it.
	exist := e.topicsExist(nil, []string{missing})
	e.Logf("missing topic created: %v", exist[missing])
}
