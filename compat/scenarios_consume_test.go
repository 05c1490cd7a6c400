package compat

import (
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Consumer scenarios on manual assignments: EOF, positions, commits,
// seeks, pause/resume, watermarks, offsets for times and the errors of
// each call.

func init() {
	register(
		scenario{name: "consume/assign-eof", run: assignEOF},
		scenario{name: "consume/eof-without-new-data", run: eofWithoutNewData},
		scenario{name: "consume/auto-commit-on-reassign", run: autoCommitOnReassign},
		scenario{name: "consume/incremental-assign", run: incrementalAssign},
		scenario{name: "consume/manual-commit", run: manualCommit},
		scenario{name: "consume/store-offsets", run: storeOffsets},
		scenario{name: "consume/seek", run: seek},
		scenario{name: "consume/seek-right-after-assign", run: seekRightAfterAssign},
		scenario{name: "consume/pause-resume", run: pauseResume},
		scenario{name: "consume/position-committed", run: positionCommitted},
		scenario{name: "consume/read-message", run: readMessage},
		scenario{name: "consume/offset-tail", run: offsetTailScenario},
		scenario{name: "consume/reset-error", run: resetError,
			noKfake: "kfake answers OffsetFetch for a group that has committed nothing with GROUP_ID_NOT_FOUND, " +
				"which Kafka does not (it returns no offsets); librdkafka raises that as an Error event, purekafka " +
				"falls back to auto.offset.reset, so the scenario would compare kfake's quirk, not the clients"},
		scenario{name: "consume/reset-out-of-range", run: resetOutOfRange},
		scenario{name: "consume/eof-after-reset-latest", run: eofAfterResetLatest},
		scenario{name: "consume/watermarks", run: watermarks},
		scenario{name: "consume/offsets-for-times", run: offsetsForTimes},
		scenario{name: "consume/after-close", run: afterClose},
	)
}

// baseConsumer is the configuration most scenarios start from. Auto
// commit is off: its periodic commits would add OffsetsCommitted events at
// times that depend on how long a scenario runs. The commit scenarios
// turn it on with an interval longer than any scenario.
func baseConsumer(e *Env, extra Config) Config {
	cfg := Config{"group.id": e.Name("G"), "auto.offset.reset": "earliest", "enable.auto.commit": false}
	for k, v := range extra {
		cfg[k] = v
	}
	return cfg
}

// assignEOF reads two partitions with data to their ends, then reads new
// data arriving in one of them.
func assignEOF(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 5)
	e.Seed(topic, 1, 0, 2)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning), tp(topic, 1, offBeginning)})))
	logEvents(e, pollUntil(e, c, func(evs []Event) bool { return count(evs, "Message") >= 7 && count(evs, "PartitionEOF") >= 2 }))
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	pos, err := c.Position([]TP{tp(topic, 0, 0), tp(topic, 1, 0)})
	logRet(e, "position", pos, err)
	e.Seed(topic, 1, 2, 2)
	logEvents(e, pollUntil(e, c, func(evs []Event) bool { return count(evs, "Message") >= 2 && count(evs, "PartitionEOF") >= 1 }))
}

// eofWithoutNewData expects PartitionEOF where no fetch returns records:
// an empty partition, and a partition seeked to its end.
func eofWithoutNewData(e *Env) {
	topic := e.Topic(1)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("assign empty -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	e.Seed(topic, 0, 0, 3)
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	e.Logf("seek @1 -> %s", e.Err(c.Seek(tp(topic, 0, 1), 0)))
	logEvents(e, pollUntil(e, c, untilMessages(1)))
	e.Logf("seek @end -> %s", e.Err(c.Seek(tp(topic, 0, offEnd), 0)))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
}

// autoCommitOnReassign: with auto commit on (and an interval longer than
// the scenario), replacing or removing the assignment commits the stored
// offsets of the partitions it removes. One partition is assigned at a
// time, so which messages a poll returns does not depend on timing.
func autoCommitOnReassign(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 5)
	e.Seed(topic, 1, 0, 5)
	group := e.Name("G")
	c := e.Consumer(Config{"group.id": group, "enable.auto.commit": true, "auto.commit.interval.ms": 600_000})
	e.Logf("assign p0 -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	logEvents(e, pollUntil(e, c, untilMessages(3)))
	e.Logf("assign p1 -> %s", e.Err(c.Assign([]TP{tp(topic, 1, offBeginning)})))
	logEvents(e, pollUntil(e, c, func(evs []Event) bool {
		return count(evs, "Message") >= 2 && count(evs, "OffsetsCommitted") >= 1
	}))
	e.Logf("broker has %s", e.Committed(group))
	e.Logf("incremental unassign p1 -> %s", e.Err(c.IncrementalUnassign([]TP{tp(topic, 1, 0)})))
	logEvents(e, pollUntil(e, c, untilKind("OffsetsCommitted", 1)))
	e.Logf("incremental assign p0 @stored -> %s", e.Err(c.IncrementalAssign([]TP{tp(topic, 0, offStored)})))
	logEvents(e, pollUntil(e, c, untilMessages(2)))
	e.Logf("unassign -> %s", e.Err(c.Unassign()))
	logEvents(e, pollUntil(e, c, untilKind("OffsetsCommitted", 1)))
	e.Logf("broker has %s", e.Committed(group))
	e.Logf("close -> %s", e.Err(c.Close()))
	e.Logf("broker has %s", e.Committed(group))
}

// incrementalAssign adds and removes partitions one at a time.
func incrementalAssign(e *Env) {
	topic := e.Topic(3)
	e.Seed(topic, 0, 0, 3)
	e.Seed(topic, 1, 0, 3)
	c := e.Consumer(baseConsumer(e, nil))
	e.Logf("incremental assign p0 -> %s", e.Err(c.IncrementalAssign([]TP{tp(topic, 0, offBeginning)})))
	logEvents(e, pollUntil(e, c, untilMessages(3)))
	e.Logf("incremental assign p1@1 -> %s", e.Err(c.IncrementalAssign([]TP{tp(topic, 1, 1)})))
	logEvents(e, pollUntil(e, c, untilMessages(2)))
	as, err := c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("incremental assign p1 again -> %s", e.Err(c.IncrementalAssign([]TP{tp(topic, 1, offBeginning)})))
	e.Logf("incremental unassign p0 -> %s", e.Err(c.IncrementalUnassign([]TP{tp(topic, 0, 0)})))
	as, err = c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("incremental unassign p0 again -> %s", e.Err(c.IncrementalUnassign([]TP{tp(topic, 0, 0)})))
	e.Logf("incremental unassign p2 never assigned -> %s", e.Err(c.IncrementalUnassign([]TP{tp(topic, 2, 0)})))
	e.Logf("assign p2 -> %s", e.Err(c.Assign([]TP{tp(topic, 2, offBeginning)})))
	as, err = c.Assignment()
	logRet(e, "assignment", as, err)
	e.Logf("unassign -> %s", e.Err(c.Unassign()))
	as, err = c.Assignment()
	logRet(e, "assignment", as, err)
}

// manualCommit commits a message, the consumed position and explicit
// offsets with metadata, and commits with nothing to commit.
func manualCommit(e *Env) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 5)
	group := e.Name("G")
	c := e.Consumer(Config{"group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": false})
	tps, err := c.Commit()
	logRet(e, "commit before anything", tps, err)
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, nil)))
	evs := pollUntil(e, c, untilMessages(5))
	logEvents(e, evs)
	var third *Msg
	for _, ev := range evs {
		if ev.Msg != nil && ev.Msg.TP.Offset == 2 {
			third = ev.Msg
		}
	}
	if third == nil {
		e.Logf("no message at offset 2")
		return
	}
	tps, err = c.CommitMessage(third)
	logRet(e, "commit message @2", tps, err)
	tps, err = c.Committed([]TP{tp(topic, 0, 0)}, 10_000)
	logRet(e, "committed", tps, err)
	tps, err = c.Commit()
	logRet(e, "commit", tps, err)
	tps, err = c.Commit()
	logRet(e, "commit again", tps, err)
	tps, err = c.CommitOffsets([]TP{{Topic: topic, Partition: 0, Offset: 1, Metadata: strp("meta")}})
	logRet(e, "commit offsets @1 with metadata", tps, err)
	tps, err = c.Committed([]TP{tp(topic, 0, 0)}, 10_000)
	logRet(e, "committed", tps, err)
	e.Logf("broker has %s", e.Committed(group))
	tps, err = c.CommitOffsets([]TP{tp(topic, 0, offEnd)})
	logRet(e, "commit offsets @end", tps, err)
	tps, err = c.CommitOffsets(nil)
	logRet(e, "commit offsets nil", tps, err)
	// Commit results may also arrive as events: collect what a few polls
	// return (the commits above are synchronous, so any event is queued).
	logEvents(e, pollUntil(e, c, untilPolls(5)))
}

// untilPolls is a pollUntil condition that stops after n polls, returning
// whatever events they produced.
func untilPolls(n int) func([]Event) bool {
	polls := 0
	return func([]Event) bool {
		polls++
		return polls > n
	}
}

// storeOffsets stores offsets explicitly with auto store off and commits
// them.
func storeOffsets(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 5)
	group := e.Name("G")
	c := e.Consumer(Config{"group.id": group, "enable.auto.commit": false, "enable.auto.offset.store": false})
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	evs := pollUntil(e, c, untilMessages(4))
	logEvents(e, evs)
	tps, err := c.Commit()
	logRet(e, "commit with nothing stored", tps, err)
	tps, err = c.StoreOffsets([]TP{tp(topic, 0, 2)})
	logRet(e, "store @2", tps, err)
	tps, err = c.Commit()
	logRet(e, "commit", tps, err)
	var last *Msg
	for _, ev := range evs {
		if ev.Msg != nil {
			last = ev.Msg
		}
	}
	tps, err = c.StoreMessage(last)
	logRet(e, "store message", tps, err)
	tps, err = c.Commit()
	logRet(e, "commit", tps, err)
	tps, err = c.StoreOffsets([]TP{tp(topic, 1, 3)})
	logRet(e, "store unassigned partition", tps, err)
	tps, err = c.StoreOffsets([]TP{{Topic: topic, Partition: 0, Offset: 4, Metadata: strp("m")}})
	logRet(e, "store @4 with metadata", tps, err)
	tps, err = c.Commit()
	logRet(e, "commit", tps, err)
	e.Logf("broker has %s", e.Committed(group))
}

// seek moves the position with Seek and SeekPartitions.
func seek(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 10)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	logEvents(e, pollUntil(e, c, untilMessages(5)))
	e.Logf("seek @2 -> %s", e.Err(c.Seek(tp(topic, 0, 2), 0)))
	logEvents(e, pollUntil(e, c, untilMessages(1)))
	tps, err := c.SeekPartitions([]TP{tp(topic, 0, 8)})
	logRet(e, "seek partitions @8", tps, err)
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	e.Logf("seek @beginning -> %s", e.Err(c.Seek(tp(topic, 0, offBeginning), 0)))
	logEvents(e, pollUntil(e, c, untilMessages(1)))
	e.Logf("seek @tail(2) -> %s", e.Err(c.Seek(tp(topic, 0, offsetTail(2)), 0)))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	e.Logf("seek unassigned p1 -> %s", e.Err(c.Seek(tp(topic, 1, 0), 0)))
	e.Logf("seek missing p7 -> %s", e.Err(c.Seek(tp(topic, 7, 0), 0)))
	tps, err = c.SeekPartitions([]TP{tp(topic, 1, 0), tp(topic, 0, 3)})
	logRet(e, "seek partitions p1 (unassigned), p0@3", tps, err)
	logEvents(e, pollUntil(e, c, untilMessages(1)))
}

// seekRightAfterAssign seeks before the first Poll, while the assignment
// has not started fetching yet: the seek decides where fetching starts.
func seekRightAfterAssign(e *Env) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 5)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("assign @beginning -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	e.Logf("seek @3 -> %s", e.Err(c.Seek(tp(topic, 0, 3), 0)))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
}

// pauseResume pauses one of two partitions while new data arrives.
func pauseResume(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 3)
	e.Seed(topic, 1, 0, 3)
	c := e.Consumer(baseConsumer(e, nil))
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning), tp(topic, 1, offBeginning)})))
	logEvents(e, pollUntil(e, c, untilMessages(6)))
	e.Logf("pause p0 -> %s", e.Err(c.Pause([]TP{tp(topic, 0, 0)})))
	e.Seed(topic, 0, 3, 3)
	e.Seed(topic, 1, 3, 3)
	logEvents(e, pollUntil(e, c, untilMessages(3)))
	pos, err := c.Position([]TP{tp(topic, 0, 0), tp(topic, 1, 0)})
	logRet(e, "position while paused", pos, err)
	e.Logf("resume p0 -> %s", e.Err(c.Resume([]TP{tp(topic, 0, 0)})))
	logEvents(e, pollUntil(e, c, untilMessages(3)))
	e.Logf("pause unassigned partition -> %s", e.Err(c.Pause([]TP{tp(topic, 5, 0)})))
	e.Logf("resume unpaused p1 -> %s", e.Err(c.Resume([]TP{tp(topic, 1, 0)})))
}

// positionCommitted asks for positions and commits before and after
// reading.
func positionCommitted(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 5)
	c := e.Consumer(baseConsumer(e, Config{"enable.auto.commit": false}))
	all := []TP{tp(topic, 0, 0), tp(topic, 1, 0)}
	pos, err := c.Position(all)
	logRet(e, "position before assign", pos, err)
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	pos, err = c.Position(all)
	logRet(e, "position after assign", pos, err)
	logEvents(e, pollUntil(e, c, untilMessages(3)))
	pos, err = c.Position(all)
	logRet(e, "position after 3", pos, err)
	tps, err := c.Committed(all, 10_000)
	logRet(e, "committed", tps, err)
	tps, err = c.Committed([]TP{tp(topic, 9, 0)}, 10_000)
	logRet(e, "committed missing partition", tps, err)
}

// readMessage times out on an empty partition; with EOF events on,
// ReadMessage skips them.
func readMessage(e *Env) {
	topic := e.Topic(1)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning)})))
	m, err := c.ReadMessage(500 * time.Millisecond)
	e.Logf("read empty -> %s err=%s", m, e.Err(err))
	e.Seed(topic, 0, 0, 2)
	for range 2 {
		m, err = c.ReadMessage(budget)
		e.Logf("read -> %s err=%s", m, e.Err(err))
	}
	m, err = c.ReadMessage(500 * time.Millisecond)
	e.Logf("read at end -> %s err=%s", m, e.Err(err))
}

// offsetTailScenario starts three messages from the end.
func offsetTailScenario(e *Env) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 10)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("assign tail(3) -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offsetTail(3))})))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	e.Logf("assign tail(20) -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offsetTail(20))})))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
}

// resetError starts without a committed offset and auto.offset.reset
// set to error.
func resetError(e *Env) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 3)
	c := e.Consumer(baseConsumer(e, Config{"auto.offset.reset": "error"}))
	e.Logf("assign @stored -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offStored)})))
	logEvents(e, pollUntil(e, c, untilKind("Error", 1)))
}

// resetOutOfRange assigns an offset past the end, which resets to the
// beginning (earliest) or end (latest).
func resetOutOfRange(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 3)
	e.Seed(topic, 1, 0, 3)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	e.Logf("assign p0@100 -> %s", e.Err(c.Assign([]TP{tp(topic, 0, 100)})))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	c2 := e.Consumer(baseConsumer(e, Config{"auto.offset.reset": "latest"}))
	e.Logf("assign p1@100 (latest) -> %s", e.Err(c2.Assign([]TP{tp(topic, 1, 100)})))
	// Neither client tells when the reset to the end has happened without
	// an EOF event (the position stays unknown until a message is
	// consumed; the EOF is eof-after-reset-latest), so a message written
	// before it would be skipped by a timing race. Instead one message is
	// written per round until one arrives; the first one read must be one
	// of them, not one of the three old ones.
	var first *Msg
	for i := 0; first == nil && i < 50; i++ {
		e.Seed(topic, 1, 100+i, 1)
		for _, ev := range pollUntil(e, c2, untilPolls(5)) {
			if ev.Msg != nil && first == nil {
				first = ev.Msg
			} else if ev.Msg == nil {
				e.Logf("event while waiting %s", ev)
			}
		}
	}
	if first == nil {
		e.Logf("no message after the reset")
		return
	}
	e.Logf("first message after the reset is a new one: %v", first.TP.Offset >= 3)
}

// eofAfterResetLatest: an offset past the end resets to the end
// (auto.offset.reset=latest), where the partition's EOF is raised; a
// message written after it is read and followed by another EOF.
func eofAfterResetLatest(e *Env) {
	topic := e.Topic(1)
	e.Seed(topic, 0, 0, 3)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true, "auto.offset.reset": "latest"}))
	e.Logf("assign @100 (latest) -> %s", e.Err(c.Assign([]TP{tp(topic, 0, 100)})))
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
	e.Seed(topic, 0, 3, 1)
	logEvents(e, pollUntil(e, c, untilKind("PartitionEOF", 1)))
}

// watermarks queries and reads cached watermarks.
func watermarks(e *Env) {
	topic := e.Topic(2)
	e.Seed(topic, 0, 0, 5)
	e.Seed(topic, 1, 0, 2)
	c := e.Consumer(baseConsumer(e, Config{"enable.partition.eof": true}))
	wm := func(what string, lo, hi int64, err error) { e.Logf("%s -> %d %d err=%s", what, lo, hi, e.Err(err)) }
	lo, hi, err := c.GetWatermarkOffsets(topic, 0)
	wm("cached p0 before fetching", lo, hi, err)
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, offBeginning), tp(topic, 1, offBeginning)})))
	logEvents(e, pollUntil(e, c, func(evs []Event) bool { return count(evs, "Message") >= 7 && count(evs, "PartitionEOF") >= 2 }))
	lo, hi, err = c.QueryWatermarkOffsets(topic, 0, 10_000)
	wm("query p0", lo, hi, err)
	lo, hi, err = c.QueryWatermarkOffsets(topic, 1, 10_000)
	wm("query p1", lo, hi, err)
	lo, hi, err = c.GetWatermarkOffsets(topic, 0)
	wm("cached p0", lo, hi, err)
	lo, hi, err = c.GetWatermarkOffsets(topic, 9)
	wm("cached p9", lo, hi, err)
	lo, hi, err = c.QueryWatermarkOffsets(topic, 9, 10_000)
	wm("query p9", lo, hi, err)
	missing := e.Name("T")
	lo, hi, err = c.GetWatermarkOffsets(missing, 0)
	wm("cached missing topic", lo, hi, err)
	lo, hi, err = c.QueryWatermarkOffsets(missing, 0, 10_000)
	wm("query missing topic", lo, hi, err)
	p := e.Producer(nil)
	lo, hi, err = p.QueryWatermarkOffsets(topic, 0, 10_000)
	wm("producer query p0", lo, hi, err)
}

var tsBase = time.Date(2022, 1, 2, 3, 4, 5, 0, time.UTC)

// offsetsForTimes looks offsets up by timestamp.
func offsetsForTimes(e *Env) {
	topic := e.Topic(2)
	var rs []*kgo.Record
	for i := range 5 {
		rs = append(rs, &kgo.Record{Topic: topic, Partition: 0, Value: []byte("v"), Timestamp: tsBase.Add(time.Duration(i) * time.Second)})
	}
	e.SeedRecords(rs...)
	ms := func(d time.Duration) int64 { return tsBase.Add(d).UnixMilli() }
	query := []TP{tp(topic, 0, ms(0)), tp(topic, 1, ms(0))}
	c := e.Consumer(baseConsumer(e, nil))
	for _, at := range []time.Duration{-time.Hour, 0, 1500 * time.Millisecond, 4 * time.Second, time.Hour} {
		query[0].Offset, query[1].Offset = ms(at), ms(at)
		tps, err := c.OffsetsForTimes(query, 10_000)
		logRet(e, "consumer offsets for "+at.String(), tps, err)
	}
	tps, err := c.OffsetsForTimes([]TP{tp(topic, 9, ms(0))}, 10_000)
	logRet(e, "consumer offsets for missing partition", tps, err)
	tps, err = c.OffsetsForTimes([]TP{tp(topic, 0, ms(0)), tp(topic, 9, ms(0))}, 10_000)
	logRet(e, "consumer offsets for p0 and missing partition", tps, err)
	tps, err = c.OffsetsForTimes([]TP{tp(e.Name("T"), 0, ms(0))}, 10_000)
	logRet(e, "consumer offsets for missing topic", tps, err)
	p := e.Producer(nil)
	query[0].Offset, query[1].Offset = ms(2*time.Second), ms(2*time.Second)
	tps, err = p.OffsetsForTimes(query, 10_000)
	logRet(e, "producer offsets for 2s", tps, err)
}

// afterClose calls methods on a closed consumer.
func afterClose(e *Env) {
	topic := e.Topic(1)
	c := e.Consumer(baseConsumer(e, nil))
	e.Logf("closed before -> %v", c.IsClosed())
	e.Logf("close -> %s", e.Err(c.Close()))
	e.Logf("closed after -> %v", c.IsClosed())
	e.Logf("assign -> %s", e.Err(c.Assign([]TP{tp(topic, 0, 0)})))
	e.Logf("subscribe -> %s", e.Err(c.SubscribeTopics([]string{topic}, nil)))
	tps, err := c.Commit()
	logRet(e, "commit", tps, err)
	tps, err = c.Assignment()
	logRet(e, "assignment", tps, err)
	subs, err := c.Subscription()
	e.Logf("subscription -> %v err=%s", subs, e.Err(err))
}
