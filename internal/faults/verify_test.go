package faults

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// readAll returns every data record of topic, per partition in offset order,
// read with franz-go rather than with the client under test so that a bug
// in purekafka's consumer cannot hide a bug in its producer. With committed
// set it reads at read_committed, after waiting until no transaction is
// open (last stable offset = high watermark), so aborted data is excluded.
//
// It reads up to the high watermark of each partition: control records are
// kept (and dropped here) because they too advance the offset, so reaching
// the end is known exactly rather than guessed from a quiet period.
func readAll(t *testing.T, cl *cluster, topic string, committed bool) []*kgo.Record {
	t.Helper()
	ends := endOffsets(t, cl, topic, committed)
	parts := map[int32]kgo.Offset{}
	next := map[int32]int64{}
	for p := range ends {
		parts[p] = kgo.NewOffset().AtStart()
	}
	opts := []kgo.Opt{
		kgo.SeedBrokers(cl.Seeds()...),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: parts}),
		kgo.KeepControlRecords(),
		kgo.FetchMaxWait(500 * time.Millisecond),
	}
	if committed {
		opts = append(opts, kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	}
	c, err := kgo.NewClient(opts...)
	require.NoError(t, err)
	defer c.Close()

	done := func() bool {
		for p, end := range ends {
			if next[p] < end {
				return false
			}
		}
		return true
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out []*kgo.Record
	for !done() {
		fs := c.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "reading %s: at %v of %v", topic, next, ends)
		fs.EachError(func(_ string, p int32, err error) { t.Logf("reading %s[%d]: %v", topic, p, err) })
		fs.EachRecord(func(r *kgo.Record) {
			next[r.Partition] = r.Offset + 1
			if !r.Attrs.IsControl() {
				out = append(out, r)
			}
		})
	}
	return out
}

// endOffsets returns each partition's high watermark; with committed set it
// first waits until the last stable offset has caught up with it, which is
// when every transaction on the topic has ended.
func endOffsets(t *testing.T, cl *cluster, topic string, committed bool) map[int32]int64 {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		hwm, err := cl.adm.ListEndOffsets(ctx, topic)
		var lso kadm.ListedOffsets
		if err == nil && committed {
			lso, err = cl.adm.ListCommittedOffsets(ctx, topic)
		}
		cancel()
		if err == nil {
			ends, stable := map[int32]int64{}, true
			hwm.Each(func(o kadm.ListedOffset) {
				ends[o.Partition] = o.Offset
				if o.Err != nil {
					stable = false
				}
				if committed {
					l, ok := lso.Lookup(topic, o.Partition)
					stable = stable && ok && l.Err == nil && l.Offset == o.Offset
				}
			})
			if stable && len(ends) > 0 {
				return ends
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: end offsets not stable after 2 minutes (last error %v)", topic, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// tally is what a fault test found, in the words of Jepsen's anomaly list.
type tally struct {
	produced   int // messages handed to Produce
	acked      int // delivery reports without error
	consumed   int // data records read back
	lost       int // acknowledged but never read
	duplicated int // extra copies read
	reordered  int // first copies read after a later message of the same key
}

func (s tally) String() string {
	return fmt.Sprintf("produced %d, acked %d, consumed %d, lost %d, duplicated %d, reordered %d",
		s.produced, s.acked, s.consumed, s.lost, s.duplicated, s.reordered)
}

// seqValue is the value of message i: its sequence number, the fact that
// every check here is built on.
func seqValue(i int) []byte { return strconv.AppendInt(nil, int64(i), 10) }

// seqKey spreads sequence numbers over keys round-robin, so that within a
// key the sequence numbers increase: reading them back out of order is a
// reordering.
func seqKey(i, keys int) []byte { return []byte("k" + strconv.Itoa(i%keys)) }

// check counts what readAll found against what was produced. acked(i)
// tells whether message i was acknowledged: only acknowledged messages can
// be lost; one that failed its delivery may still have been written, in
// which case reading it once is fine. Per-key order is judged on first
// copies only, so a duplicate is counted once, as a duplicate.
func check(t *testing.T, recs []*kgo.Record, produced int, acked func(i int) bool) tally {
	t.Helper()
	seen := make([]int, produced)
	maxPerKey := map[string]int{}
	s := tally{produced: produced, consumed: len(recs)}
	var reorders []string
	for _, r := range recs {
		i, err := strconv.Atoi(string(r.Value))
		require.NoError(t, err, "record %s[%d]@%d", r.Topic, r.Partition, r.Offset)
		require.True(t, i >= 0 && i < produced, "record value %d out of range", i)
		seen[i]++
		if seen[i] > 1 {
			s.duplicated++
			continue
		}
		k := string(r.Key)
		if last, ok := maxPerKey[k]; ok && i < last {
			s.reordered++
			if len(reorders) < 5 {
				reorders = append(reorders, fmt.Sprintf("%d after %d (key %s, %s[%d]@%d)", i, last, k, r.Topic, r.Partition, r.Offset))
			}
		}
		maxPerKey[k] = max(maxPerKey[k], i)
	}
	var lost []int
	for i, n := range seen {
		if acked(i) {
			s.acked++
			if n == 0 {
				s.lost++
				lost = append(lost, i)
			}
		}
	}
	if len(lost) > 0 {
		sort.Ints(lost)
		t.Logf("lost (first of %d): %v", len(lost), lost[:min(len(lost), 20)])
	}
	if len(reorders) > 0 {
		t.Logf("reordered (first of %d): %s", s.reordered, strings.Join(reorders, "; "))
	}
	return s
}
