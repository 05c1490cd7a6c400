package producer

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/twmb/franz-go/pkg/kgo"
)

// partitions wraps the configured librdkafka partitioner so that a message
// with an explicit TopicPartition.Partition goes exactly there, and remembers
// each topic's partition count so Produce can reject an out-of-range
// partition synchronously once metadata is known, as librdkafka does.
type partitions struct {
	inner  kgo.Partitioner
	counts sync.Map // topic -> *atomic.Int32, -1 until metadata is known
	// lastNoted is the topic note saw last: Produce notes every message's
	// topic, and a producer mostly writes to one, which this check makes
	// cheaper than a map lookup.
	lastNoted atomic.Pointer[string]
}

func newPartitions(inner kgo.Partitioner) *partitions {
	return &partitions{inner: inner}
}

// ForTopic implements kgo.Partitioner.
func (ps *partitions) ForTopic(topic string) kgo.TopicPartitioner {
	n := new(atomic.Int32)
	n.Store(-1)
	if prev, loaded := ps.counts.LoadOrStore(topic, n); loaded {
		n = prev.(*atomic.Int32)
	}
	return &topicPartitions{inner: ps.inner.ForTopic(topic), n: n}
}

// note records a topic the application named (in Produce or GetMetadata),
// which makes it one of the topics GetMetadata without a topic reports, as
// librdkafka reports every topic it holds a handle for. The count stays
// unknown until a message to the topic is partitioned.
func (ps *partitions) note(topic string) {
	if last := ps.lastNoted.Load(); last != nil && *last == topic {
		return
	}
	// A copy made only here: taking topic's own address would move the
	// parameter to the heap on every call.
	noted := topic
	ps.lastNoted.Store(&noted)
	if _, ok := ps.counts.Load(topic); ok {
		return
	}
	n := new(atomic.Int32)
	n.Store(-1)
	ps.counts.LoadOrStore(topic, n)
}

// topics returns the topics noted or partitioned for, sorted.
func (ps *partitions) topics() []string {
	var out []string
	ps.counts.Range(func(k, _ any) bool {
		out = append(out, k.(string))
		return true
	})
	sort.Strings(out)
	return out
}

// count returns topic's partition count if a message to it was partitioned.
func (ps *partitions) count(topic string) (int32, bool) {
	v, ok := ps.counts.Load(topic)
	if !ok {
		return 0, false
	}
	n := v.(*atomic.Int32).Load()
	return n, n >= 0
}

type topicPartitions struct {
	inner kgo.TopicPartitioner
	n     *atomic.Int32
}

// RequiresConsistency makes franz-go offer every partition, not only those
// with a writable leader, for explicit partitions (an index must be the
// partition id) as for keyed hashing (librdkafka hashes over all partitions).
func (tp *topicPartitions) RequiresConsistency(r *kgo.Record) bool {
	return r.Partition >= 0 || tp.inner.RequiresConsistency(r)
}

// Partition implements kgo.TopicPartitioner.
func (tp *topicPartitions) Partition(r *kgo.Record, n int) int {
	if r.Partition >= 0 {
		tp.n.Store(int32(n))
		return int(r.Partition)
	}
	return tp.inner.Partition(r, n)
}

// isBadPartitionChoice recognises franz-go's failure for a partitioner that
// picked a partition the topic does not have (its error has no sentinel).
func isBadPartitionChoice(err error) bool {
	return strings.Contains(err.Error(), "invalid record partitioning choice")
}
