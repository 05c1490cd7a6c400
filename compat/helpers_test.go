package compat

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// budget bounds every wait for something a scenario expects (a delivery
// report, an event). It is a safety net so that a missing event shows up
// in the trace as "gave up" instead of hanging the test; no scenario
// compares durations.
const budget = 30 * time.Second

// pollMs is the Poll timeout of scenario poll loops.
const pollMs = 100

// byPartition sorts events stably by topic and partition: the order of
// reports and messages within a partition is part of both APIs' contract,
// the interleaving of partitions is timing. Events of no one partition
// come first.
func byPartition(evs []Event) []Event {
	out := append([]Event(nil), evs...)
	sort.SliceStable(out, func(i, j int) bool {
		ti, pi := partitionOf(out[i])
		tj, pj := partitionOf(out[j])
		if ti != tj {
			return ti < tj
		}
		return pi < pj
	})
	return out
}

// partitionOf is the partition ev is about, or ("", -1) for none.
func partitionOf(ev Event) (string, int32) {
	switch {
	case ev.Msg != nil:
		return ev.Msg.TP.Topic, ev.Msg.TP.Partition
	case len(ev.Parts) == 1:
		return ev.Parts[0].Topic, ev.Parts[0].Partition
	}
	return "", -1
}

// readDRs reads n reports from the private delivery channel (own) or
// from Events().
func readDRs(e *Env, p Producer, n int, own bool) []Event {
	var evs []Event
	deadline := time.Now().Add(budget)
	for len(evs) < n {
		left := time.Until(deadline)
		if left <= 0 {
			e.Logf("gave up waiting: %d of %d reports", len(evs), n)
			break
		}
		var ev Event
		var ok bool
		if own {
			ev, ok = p.NextDR(left)
		} else {
			ev, ok = p.NextEvent(left)
		}
		if ok {
			evs = append(evs, ev)
		}
	}
	return evs
}

// logDRs reads n reports and logs them in partition order, and by offset
// within a partition: neither client keeps a partition's reports in offset
// order when its first message waited for the topic's metadata and the
// batch after it was acknowledged first (seen with librdkafka and with
// franz-go, once each in about 30 full runs).
func logDRs(e *Env, p Producer, n int, own bool) []Event {
	evs := readDRs(e, p, n, own)
	sorted := append([]Event(nil), evs...)
	offset := func(ev Event) int64 {
		if ev.Msg == nil {
			return math.MinInt64
		}
		return int64(ev.Msg.TP.Offset)
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		ti, pi := partitionOf(sorted[i])
		tj, pj := partitionOf(sorted[j])
		if ti != tj {
			return ti < tj
		}
		if pi != pj {
			return pi < pj
		}
		return offset(sorted[i]) < offset(sorted[j])
	})
	for _, ev := range sorted {
		e.Logf("report %s", ev)
	}
	return evs
}

// produceLog calls Produce and logs the call's error.
func produceLog(e *Env, p Producer, m *Msg, own bool) {
	err := p.Produce(m, own)
	e.Logf("produce %s[%d] opaque=%v: %s", m.TP.Topic, m.TP.Partition, m.Opaque, e.Err(err))
}

// msgTo is a message for topic/partition with string key and value.
func msgTo(topic string, partition int32, key, value string, opaque any) *Msg {
	return &Msg{TP: TP{Topic: topic, Partition: partition}, Key: []byte(key), Value: []byte(value), Opaque: opaque}
}

// pollUntil polls c until done reports true for the events so far, or the
// budget runs out (logged). Every event is returned; nothing is logged.
func pollUntil(e *Env, c Consumer, done func(evs []Event) bool) []Event {
	var evs []Event
	deadline := time.Now().Add(budget)
	for !done(evs) {
		if time.Now().After(deadline) {
			e.Logf("gave up polling after %d events", len(evs))
			break
		}
		if ev, ok := c.Poll(pollMs); ok {
			evs = append(evs, ev)
		}
	}
	return evs
}

// count returns how many events of kind evs holds.
func count(evs []Event, kind string) int {
	n := 0
	for _, ev := range evs {
		if ev.Kind == kind {
			n++
		}
	}
	return n
}

// untilMessages is a pollUntil condition: n messages seen.
func untilMessages(n int) func([]Event) bool {
	return func(evs []Event) bool { return count(evs, "Message") >= n }
}

// untilKind is a pollUntil condition: n events of kind seen.
func untilKind(kind string, n int) func([]Event) bool {
	return func(evs []Event) bool { return count(evs, kind) >= n }
}

// logEvents logs events in partition order, skipping kinds in skip.
func logEvents(e *Env, evs []Event, skip ...string) {
	for _, ev := range byPartition(evs) {
		if !contains(skip, ev.Kind) {
			e.Logf("event %s", ev)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// tp is a TP literal.
func tp(topic string, partition int32, offset int64) TP {
	return TP{Topic: topic, Partition: partition, Offset: offset}
}

// Logical offsets (librdkafka's values).
const (
	offBeginning = -2
	offEnd       = -1
	offStored    = -1000
	offInvalid   = -1001
)

// offsetTail is kafka.OffsetTail(n).
func offsetTail(n int64) int64 { return -2000 - n }

// logRet logs a call's result list and error.
func logRet(e *Env, what string, tps []TP, err error) {
	e.Logf("%s -> %s err=%s", what, TPs(tps), e.Err(err))
}

// strp returns a pointer to s.
func strp(s string) *string { return &s }

// keysN returns n distinct keys.
func keysN(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = fmt.Appendf(nil, "key-%03d", i*7919)
	}
	return out
}
