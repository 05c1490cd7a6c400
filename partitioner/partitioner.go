package partitioner

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

const (
	// DefaultLinger is librdkafka's default linger.ms (alias
	// queue.buffering.max.ms).
	DefaultLinger = 5 * time.Millisecond

	// DefaultStickyLinger is librdkafka's default
	// sticky.partitioning.linger.ms, derived from [DefaultLinger]; it is what
	// [New] uses unless [WithStickyLinger] says otherwise.
	DefaultStickyLinger = 2 * DefaultLinger

	// MaxStickyLinger is the largest sticky.partitioning.linger.ms librdkafka
	// accepts (900000 ms).
	MaxStickyLinger = 900 * time.Second
)

// StickyLingerFor returns the sticky.partitioning.linger.ms librdkafka
// derives when only linger.ms is configured: twice linger.ms, truncated to
// whole milliseconds, capped at [MaxStickyLinger]. The truncation matters: a
// linger.ms below 0.5 (including 0) yields 0, which disables stickiness.
func StickyLingerFor(linger time.Duration) time.Duration {
	if linger <= 0 {
		return 0
	}
	if linger >= MaxStickyLinger/2 {
		return MaxStickyLinger
	}
	return (2 * linger).Truncate(time.Millisecond)
}

// Option configures [New].
type Option func(*config)

type config struct {
	stickyLinger time.Duration
	now          func() time.Time // nil: the real clock
	newSource    func() rand.Source
}

// WithStickyLinger sets sticky.partitioning.linger.ms: how long records that
// take the sticky branch (NULL keys, and empty keys under consistent_random)
// stay on one randomly chosen partition before a new one is drawn. 0 disables
// stickiness, so each such record gets its own random partition, as in
// librdkafka. [New] rejects values outside 0..[MaxStickyLinger]. The default
// is [DefaultStickyLinger]; use [StickyLingerFor] to derive it from a
// configured linger.ms as librdkafka does.
func WithStickyLinger(d time.Duration) Option {
	return func(c *config) { c.stickyLinger = d }
}

// WithClock replaces time.Now as the clock that times sticky partition
// switches, so tests can step time. It is shared by every topic's
// partitioner, which kgo may call from different goroutines, so it must be
// safe for concurrent use. Only differences between its readings are used,
// so any fixed starting point works. nil selects the real clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithRand supplies the randomness for random and sticky picks. newSource is
// called once per topic, so each topic's partitioner owns its source and
// needs no locking (kgo never calls one topic's partitioner concurrently).
// Without this option (or with nil) each topic gets a PCG source seeded from
// math/rand/v2's global generator.
func WithRand(newSource func() rand.Source) Option {
	return func(c *config) { c.newSource = newSource }
}

// New returns a kgo.Partitioner that behaves like librdkafka's producer
// with partitioner=name, for records produced with PartitionAny. name is one
// of random, consistent, consistent_random (the default, also selected by
// ""), murmur2, murmur2_random, fnv1a and fnv1a_random.
//
// Keys that librdkafka hashes land exactly where it puts them, counting
// partitions over all of the topic's partitions. Records it does not hash
// (see the package documentation and [ByName]) get a random partition, or,
// while sticky partitioning is on, the topic's current sticky partition, which
// is redrawn at random once it is older than the sticky linger. Random and
// sticky picks are only made among partitions that currently have a leader:
// kgo hides the others from such picks, which is stricter than librdkafka
// (whose random pick retries an unavailable partition only once) and cannot
// change any hashed placement.
func New(name string, opts ...Option) (kgo.Partitioner, error) {
	k, ok := parseKind(name)
	if !ok {
		return nil, unknownNameError(name)
	}
	c := config{stickyLinger: DefaultStickyLinger}
	for _, o := range opts {
		o(&c)
	}
	if c.stickyLinger < 0 || c.stickyLinger > MaxStickyLinger {
		return nil, fmt.Errorf("partitioner: sticky linger %v is outside librdkafka's range 0..%v", c.stickyLinger, MaxStickyLinger)
	}
	if !k.stickyCapable() {
		// librdkafka ignores the sticky setting for the hashing-only
		// partitioners; dropping it here keeps the hot path from even
		// looking at it.
		c.stickyLinger = 0
	}
	return &partitioner{kind: k, cfg: c}, nil
}

// partitioner is immutable after New; all mutable state lives in the
// per-topic partitioners, matching librdkafka, which keeps sticky state per
// topic handle.
type partitioner struct {
	kind kind
	cfg  config
}

// ForTopic implements kgo.Partitioner.
func (p *partitioner) ForTopic(string) kgo.TopicPartitioner {
	tp := &topicPartitioner{
		kind:   p.kind,
		linger: p.cfg.stickyLinger,
		sticky: -1,
	}
	if tp.linger > 0 {
		tp.elapsed = elapsedSince(p.cfg.now)
	}
	if p.cfg.newSource != nil {
		tp.rng = rand.New(p.cfg.newSource())
	} else {
		// A private PCG draws in a few nanoseconds, several times faster
		// than the global generator, and kgo's per-topic serialization
		// makes it safe without a lock.
		tp.rng = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	return tp
}

// elapsedSince returns a monotonic stopwatch started now. For the real clock
// it uses time.Since, which reads only the monotonic clock and costs about
// half of time.Now, which also reads the wall clock; this is paid on every
// sticky record.
func elapsedSince(now func() time.Time) func() time.Duration {
	if now == nil {
		start := time.Now()
		return func() time.Duration { return time.Since(start) }
	}
	start := now()
	return func() time.Duration { return now().Sub(start) }
}

// topicPartitioner is one topic's partitioner. kgo serializes calls per
// topic, so its sticky state needs no lock.
type topicPartitioner struct {
	kind    kind
	linger  time.Duration        // 0: sticky partitioning off
	elapsed func() time.Duration // monotonic time since ForTopic; nil when linger is 0
	rng     *rand.Rand           // this topic's own generator

	// sticky is an index into the n partitions kgo offered when it was
	// drawn, or -1 before the first draw. Starting with a draw, rather than
	// librdkafka's partition 0, avoids reproducing its quirk that the first
	// switch depends on host uptime.
	sticky     int32
	stickyN    int32
	lastSwitch time.Duration // elapsed() at the last draw
}

// RequiresConsistency implements kgo.TopicPartitioner. It is true exactly for
// records that librdkafka hashes, which makes kgo pass the count of all
// partitions (a hash must not move when a leader is missing) and only the
// available ones for random and sticky picks.
func (tp *topicPartitioner) RequiresConsistency(r *kgo.Record) bool {
	return tp.kind.hashes(r.Key)
}

// Partition implements kgo.TopicPartitioner. n is the number of partitions
// kgo offers for r, as decided by RequiresConsistency.
func (tp *topicPartitioner) Partition(r *kgo.Record, n int) int {
	// kgo counts partitions of one topic, whose IDs are int32, so n fits.
	cnt := int32(n)
	if cnt < 1 {
		return int(noPartition)
	}
	// Hashing first keeps keyed records, the common case, to one switch.
	if p, ok := hashPartition(tp.kind, r.Key, cnt); ok {
		return int(p)
	}
	if tp.linger > 0 && tp.kind.sticky(r.Key) {
		return int(tp.stickyPartition(cnt))
	}
	return int(tp.random(cnt))
}

// stickyPartition follows librdkafka's time-based sticky partitioner: keep
// the current partition until strictly more than the linger has passed since
// it was drawn, checked lazily when a record arrives; the redraw may pick the
// same partition again. It also redraws when the number of partitions on
// offer changes, because the index then no longer names the partition it was
// drawn for; this stands in for librdkafka's immediate switch away from a
// partition that lost its leader.
func (tp *topicPartitioner) stickyPartition(n int32) int32 {
	now := tp.elapsed()
	if tp.sticky < 0 || tp.stickyN != n || now-tp.lastSwitch > tp.linger {
		tp.sticky = tp.random(n)
		tp.stickyN = n
		tp.lastSwitch = now
	}
	return tp.sticky
}

func (tp *topicPartitioner) random(n int32) int32 {
	return tp.rng.Int32N(n)
}
