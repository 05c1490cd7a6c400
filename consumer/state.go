package consumer

import (
	"cmp"
	"slices"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// tpKey names one partition in the consumer's maps.
type tpKey struct {
	topic     string
	partition int32
}

// unset is librdkafka's OffsetInvalid as a raw int64, used for positions,
// stored and committed offsets that are not known.
const unset = int64(client.OffsetInvalid)

// partState is what the consumer knows about one assigned partition. A new
// one is made on every assignment, so state of a previous assignment (a
// stale fetch, an old position) can never leak into the next one. All fields
// are guarded by Consumer.mu.
type partState struct {
	topic     *string // shared by every Message of the partition: no per-message allocation
	partition int32

	assignedAt  int64 // the offset given to Assign, for Assignment()
	position    int64 // next offset the application will see; unset until known
	posEpoch    int32 // leader epoch of the message before position, or -1
	stored      int64 // offset to commit; unset when nothing is stored
	storedEpoch int32
	storedMeta  *string
	committed   int64 // last offset this consumer committed or saw committed

	// epoch caches a pointer to the current leader epoch so that messages
	// share it instead of allocating one each.
	epoch *int32

	low, high int64 // cached watermarks from fetch responses
	eofAt     int64 // end offset at which PartitionEOF was last emitted, or -1

	// changedAt is the Consumer.epoch at which this partition was last
	// (re)assigned or seeked; fetches that began before it are stale.
	changedAt uint64
	paused    bool
	removed   bool
}

func newPartState(topic *string, partition int32, changedAt uint64) *partState {
	return &partState{
		topic: topic, partition: partition,
		assignedAt: unset, position: unset, posEpoch: -1, stored: unset, storedEpoch: -1, committed: unset,
		low: unset, high: unset, eofAt: -1,
		changedAt: changedAt,
	}
}

// epochPtr returns a pointer to epoch (nil when unknown), reusing the
// cached one while the leader epoch does not change.
func (ps *partState) epochPtr(epoch int32) *int32 {
	if epoch < 0 {
		return nil
	}
	if ps.epoch == nil || *ps.epoch != epoch {
		e := epoch
		ps.epoch = &e
	}
	return ps.epoch
}

// tp renders the partition with the given offset.
func (ps *partState) tp(offset int64) client.TopicPartition {
	return client.TopicPartition{Topic: ps.topic, Partition: ps.partition, Offset: client.Offset(offset)}
}

// chunk is the part of one fetched partition not yet handed to the
// application. Poll walks chunks in fetch order, so per-partition order is
// kept, and a paused partition's chunks wait in place until it resumes.
type chunk struct {
	ps   *partState
	recs []*kgo.Record
	hdrs []client.Header // headers not yet handed out, one slab per chunk (allocHeaders)
	i    int
	end  int64 // where the partition ended when fetched, for PartitionEOF
	// last is the offset of the chunk's last record. It is a control
	// record (a transaction marker) when a transaction ends the
	// partition: then the application's position stays below end, but
	// the fetch has reached it, which is when librdkafka reports the end.
	last int64
}

// watermarks are remembered per partition beyond its assignment, as
// librdkafka keeps them on its partition objects.
type watermarks struct{ low, high int64 }

// topicPtr interns topic names so that every Message and TopicPartition of
// a topic shares one *string. Guarded by Consumer.mu.
func (c *Consumer) topicPtr(topic string) *string {
	if p, ok := c.topicNames[topic]; ok {
		return p
	}
	p := &topic
	c.topicNames[topic] = p
	return p
}

// sortTPs orders partitions by topic then partition; nil topics first.
func sortTPs(tps []client.TopicPartition) {
	slices.SortFunc(tps, func(a, b client.TopicPartition) int {
		var ta, tb string
		if a.Topic != nil {
			ta = *a.Topic
		}
		if b.Topic != nil {
			tb = *b.Topic
		}
		return cmp.Or(cmp.Compare(ta, tb), cmp.Compare(a.Partition, b.Partition))
	})
}

// addPartitionLocked makes (or replaces) the state of an assigned
// partition.
func (c *Consumer) addPartitionLocked(topic string, partition int32) *partState {
	key := tpKey{topic, partition}
	if old := c.assigned[key]; old != nil {
		c.retirePartitionLocked(key, old)
	}
	c.epoch++
	ps := newPartState(c.topicPtr(topic), partition, c.epoch)
	if wm, ok := c.wm[key]; ok {
		ps.low, ps.high = wm.low, wm.high
	}
	c.assigned[key] = ps
	return ps
}

// removePartitionLocked drops a partition from the assignment and its
// buffered records.
func (c *Consumer) removePartitionLocked(key tpKey) *partState {
	ps := c.assigned[key]
	if ps == nil {
		return nil
	}
	c.retirePartitionLocked(key, ps)
	delete(c.assigned, key)
	return ps
}

func (c *Consumer) retirePartitionLocked(key tpKey, ps *partState) {
	ps.removed = true
	c.wm[key] = watermarks{ps.low, ps.high}
	c.purgeChunksLocked(ps)
}

// purgeChunksLocked forgets buffered records of ps (after a seek or when
// the partition goes away).
func (c *Consumer) purgeChunksLocked(ps *partState) {
	for i := c.head; i < len(c.chunks); i++ {
		if c.chunks[i].ps == ps {
			c.chunks[i] = chunk{ps: ps}
		}
	}
}

// groupByTopic converts keys to the map shape kgo's pause/remove calls take.
func groupByTopic(keys []tpKey) map[string][]int32 {
	m := make(map[string][]int32)
	for _, k := range keys {
		m[k.topic] = append(m[k.topic], k.partition)
	}
	return m
}

// keysOf returns the keys of tps, skipping entries without a topic.
func keysOf(tps []client.TopicPartition) []tpKey {
	keys := make([]tpKey, 0, len(tps))
	for _, tp := range tps {
		if tp.Topic != nil {
			keys = append(keys, tpKey{*tp.Topic, tp.Partition})
		}
	}
	return keys
}
