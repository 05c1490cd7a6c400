package partitioner

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"
)

// fakeClock is stepped by hand so sticky switching can be tested at exact
// boundaries.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

// countingSource tells a test whether the partitioner drew a random number,
// which is how a sticky hit is told apart from a redraw that happened to land
// on the same partition.
type countingSource struct {
	src   rand.Source
	calls int
}

func (c *countingSource) Uint64() uint64 { c.calls++; return c.src.Uint64() }

// harness is one topic partitioner with its clock and randomness exposed.
type harness struct {
	tp    kgo.TopicPartitioner
	clock *fakeClock
	src   *countingSource
}

func newHarness(t *testing.T, name string, opts ...Option) *harness {
	t.Helper()
	h := &harness{clock: &fakeClock{t: time.Unix(1_700_000_000, 0)}}
	opts = append([]Option{
		WithClock(h.clock.Now),
		WithRand(func() rand.Source {
			h.src = &countingSource{src: rand.NewPCG(7, 8)}
			return h.src
		}),
	}, opts...)
	h.tp = mustNew(t, name, opts...).ForTopic("t")
	return h
}

// partition partitions r among n and reports whether that drew randomness.
func (h *harness) partition(t *testing.T, r *kgo.Record, n int) (p int, drew bool) {
	t.Helper()
	before := h.src.calls
	p = h.tp.Partition(r, n)
	require.GreaterOrEqual(t, p, 0)
	require.Less(t, p, n)
	return p, h.src.calls > before
}

type route string

const (
	routeHash   route = "hash"
	routeSticky route = "sticky"
	routeRandom route = "random"
)

// TestNewRoutes is the spec's summary table, spelled out independently of
// the code: for each partitioner and key class, whether librdkafka's producer
// hashes, goes sticky, or picks randomly per message.
func TestNewRoutes(t *testing.T) {
	type keys struct{ keyed, empty, null route }
	for _, tc := range []struct {
		name      string
		stickyOn  keys
		stickyOff keys
	}{
		{"random", keys{routeRandom, routeRandom, routeSticky}, keys{routeRandom, routeRandom, routeRandom}},
		{"consistent", keys{routeHash, routeHash, routeHash}, keys{routeHash, routeHash, routeHash}},
		{"consistent_random", keys{routeHash, routeSticky, routeSticky}, keys{routeHash, routeRandom, routeRandom}},
		{"", keys{routeHash, routeSticky, routeSticky}, keys{routeHash, routeRandom, routeRandom}},
		{"murmur2", keys{routeHash, routeHash, routeHash}, keys{routeHash, routeHash, routeHash}},
		{"murmur2_random", keys{routeHash, routeHash, routeSticky}, keys{routeHash, routeHash, routeRandom}},
		{"fnv1a", keys{routeHash, routeHash, routeHash}, keys{routeHash, routeHash, routeHash}},
		{"fnv1a_random", keys{routeHash, routeHash, routeSticky}, keys{routeHash, routeHash, routeRandom}},
	} {
		for _, sticky := range []string{"on", "off"} {
			want, linger := tc.stickyOn, DefaultStickyLinger
			if sticky == "off" {
				want, linger = tc.stickyOff, 0
			}
			for _, key := range []struct {
				desc string
				key  []byte
				want route
			}{
				{"keyed", []byte("k5"), want.keyed},
				{"empty", []byte{}, want.empty},
				{"nil", nil, want.null},
			} {
				t.Run(tc.name+"/sticky="+sticky+"/"+key.desc, func(t *testing.T) {
					h := newHarness(t, tc.name, WithStickyLinger(linger))
					r := &kgo.Record{Key: key.key}
					assert.Equal(t, key.want == routeHash, h.tp.RequiresConsistency(r), "RequiresConsistency")
					const n = 1000
					p1, drew1 := h.partition(t, r, n)
					p2, drew2 := h.partition(t, r, n)
					switch key.want {
					case routeHash:
						k, _ := parseKind(tc.name)
						want, ok := hashPartition(k.hashed(), key.key, n)
						require.True(t, ok)
						assert.Equal(t, int(want), p1)
						assert.Equal(t, p1, p2)
						assert.False(t, drew1 || drew2, "hashing must not draw")
					case routeSticky:
						assert.True(t, drew1, "first sticky record draws")
						assert.False(t, drew2, "second sticky record within the linger reuses")
						assert.Equal(t, p1, p2)
					case routeRandom:
						assert.True(t, drew1 && drew2, "every random record draws")
					}
				})
			}
		}
	}
}

func TestNewUnknownName(t *testing.T) {
	for _, name := range []string{"Murmur2", "crc32", "consistent-random", " murmur2"} {
		p, err := New(name)
		assert.Nil(t, p)
		assert.EqualError(t, err, `partitioner: unknown partitioner "`+name+`": valid names are random, consistent, `+
			`consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random ("" means consistent_random)`)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, tc := range []struct {
		desc string
		opt  Option
		want string
	}{
		{"negative linger", WithStickyLinger(-time.Millisecond), "partitioner: sticky linger -1ms is outside librdkafka's range 0..15m0s"},
		{"linger above max", WithStickyLinger(MaxStickyLinger + time.Millisecond), "partitioner: sticky linger 15m0.001s is outside librdkafka's range 0..15m0s"},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			p, err := New("murmur2_random", tc.opt)
			assert.Nil(t, p)
			assert.EqualError(t, err, tc.want)
		})
	}
	_, err := New("random", WithStickyLinger(MaxStickyLinger))
	assert.NoError(t, err, "the maximum itself is allowed")
}

// TestStickySwitchesOnlyAfterLinger walks the clock across the linger
// boundary: librdkafka switches only when strictly more than the linger has
// passed since the last switch, and only when a sticky record arrives.
func TestStickySwitchesOnlyAfterLinger(t *testing.T) {
	const linger = 10 * time.Millisecond
	h := newHarness(t, "consistent_random", WithStickyLinger(linger))
	null := &kgo.Record{}
	const n = 12

	first, drew := h.partition(t, null, n)
	require.True(t, drew, "the first sticky record draws instead of defaulting to partition 0")

	h.clock.Advance(linger)
	p, drew := h.partition(t, null, n)
	assert.False(t, drew, "exactly the linger is not yet more than the linger")
	assert.Equal(t, first, p)

	// Keyed and hashed records in between leave the sticky state alone.
	_, drew = h.partition(t, &kgo.Record{Key: []byte("k")}, n)
	assert.False(t, drew)

	h.clock.Advance(time.Nanosecond)
	_, drew = h.partition(t, null, n)
	assert.True(t, drew, "past the linger the next sticky record redraws")

	// The timer restarts at the switch, not at the previous deadline.
	h.clock.Advance(linger)
	_, drew = h.partition(t, null, n)
	assert.False(t, drew)

	// Switching is lazy: a long quiet period causes one redraw, not many.
	h.clock.Advance(time.Hour)
	before := h.src.calls
	for range 100 {
		h.partition(t, null, n)
	}
	assert.LessOrEqual(t, h.src.calls-before, 2, "one draw (rarely two Uint64 calls for rejection sampling)")
}

// TestStickyEmptyKeyUnderConsistentRandom checks that NULL and empty keys
// share one sticky partition, since librdkafka sends both down the same
// sticky branch for consistent_random.
func TestStickyEmptyKeyUnderConsistentRandom(t *testing.T) {
	h := newHarness(t, "consistent_random", WithStickyLinger(time.Minute))
	p1, _ := h.partition(t, &kgo.Record{}, 100)
	p2, drew := h.partition(t, &kgo.Record{Key: []byte{}}, 100)
	assert.False(t, drew)
	assert.Equal(t, p1, p2)
}

// TestStickySpreadsOverTime checks that redraws are random: over many
// lingers the sticky partition visits many partitions, and (as in
// librdkafka) a redraw is allowed to land on the same partition again.
func TestStickySpreadsOverTime(t *testing.T) {
	h := newHarness(t, "random", WithStickyLinger(DefaultStickyLinger))
	const n = 12
	seen := map[int]int{}
	repeats := 0
	last := -1
	for range 2000 {
		h.clock.Advance(DefaultStickyLinger + time.Millisecond)
		p, drew := h.partition(t, &kgo.Record{}, n)
		require.True(t, drew)
		seen[p]++
		if p == last {
			repeats++
		}
		last = p
	}
	assert.Len(t, seen, n, "every partition is eventually chosen")
	assert.Positive(t, repeats, "nothing steers a redraw away from the previous partition")
}

// TestStickyRedrawsWhenPartitionCountChanges covers kgo offering a different
// number of partitions for sticky picks (a leader appeared or vanished): the
// old index no longer names the same partition, so the next record redraws
// at once, as librdkafka does when its sticky partition becomes unavailable.
func TestStickyRedrawsWhenPartitionCountChanges(t *testing.T) {
	h := newHarness(t, "murmur2_random", WithStickyLinger(time.Minute))
	null := &kgo.Record{}
	_, drew := h.partition(t, null, 12)
	require.True(t, drew)
	_, drew = h.partition(t, null, 12)
	require.False(t, drew)
	_, drew = h.partition(t, null, 11)
	assert.True(t, drew, "fewer partitions on offer")
	_, drew = h.partition(t, null, 11)
	assert.False(t, drew)
	_, drew = h.partition(t, null, 12)
	assert.True(t, drew, "more partitions on offer")
}

func TestStickyLingerZeroDisablesStickiness(t *testing.T) {
	h := newHarness(t, "consistent_random", WithStickyLinger(0))
	const n = 12
	seen := map[int]bool{}
	for range 500 {
		p, drew := h.partition(t, &kgo.Record{}, n)
		require.True(t, drew, "every NULL-key record gets its own random partition")
		seen[p] = true
	}
	assert.Len(t, seen, n)
}

// TestHashingPartitionersIgnoreSticky reproduces the spec's end-to-end
// observation: under murmur2 a NULL key always goes to partition 9 of 12,
// whatever the sticky setting.
func TestHashingPartitionersIgnoreSticky(t *testing.T) {
	for _, linger := range []time.Duration{0, DefaultStickyLinger, MaxStickyLinger} {
		h := newHarness(t, "murmur2", WithStickyLinger(linger))
		for range 10 {
			h.clock.Advance(time.Hour)
			p, drew := h.partition(t, &kgo.Record{}, 12)
			assert.Equal(t, 9, p)
			assert.False(t, drew)
		}
	}
}

func TestDefaultStickyLingerIsTenMilliseconds(t *testing.T) {
	assert.Equal(t, 10*time.Millisecond, DefaultStickyLinger)
	h := newHarness(t, "consistent_random")
	h.partition(t, &kgo.Record{}, 50)
	h.clock.Advance(10 * time.Millisecond)
	_, drew := h.partition(t, &kgo.Record{}, 50)
	assert.False(t, drew)
	h.clock.Advance(time.Nanosecond)
	_, drew = h.partition(t, &kgo.Record{}, 50)
	assert.True(t, drew)
}

func TestStickyLingerFor(t *testing.T) {
	for _, tc := range []struct {
		linger, want time.Duration
	}{
		{0, 0},
		{-time.Second, 0},
		{DefaultLinger, 10 * time.Millisecond},
		{300 * time.Microsecond, 0}, // int(0.6) = 0: stickiness off
		{500 * time.Microsecond, time.Millisecond},
		{700 * time.Microsecond, time.Millisecond}, // int(1.4) = 1
		{time.Second, 2 * time.Second},
		{450 * time.Second, MaxStickyLinger},
		{449999500 * time.Microsecond, 899999 * time.Millisecond},
		{time.Hour, MaxStickyLinger},
		{time.Duration(1<<63 - 1), MaxStickyLinger},
	} {
		assert.Equal(t, tc.want, StickyLingerFor(tc.linger), "linger %v", tc.linger)
	}
}

// TestTopicsAreIndependent checks that each topic gets its own sticky state
// and its own random source, as librdkafka keeps sticky state per topic.
func TestTopicsAreIndependent(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	var sources []*countingSource
	p := mustNew(t, "consistent_random", WithClock(clock.Now), WithStickyLinger(time.Minute),
		WithRand(func() rand.Source {
			s := &countingSource{src: rand.NewPCG(uint64(len(sources)), 0)}
			sources = append(sources, s)
			return s
		}))
	a, b := p.ForTopic("a"), p.ForTopic("b")
	require.Len(t, sources, 2)
	a.Partition(&kgo.Record{}, 1000)
	assert.Equal(t, 0, sources[1].calls, "topic a's draw must not touch topic b")
	b.Partition(&kgo.Record{}, 1000)
	assert.Positive(t, sources[1].calls, "topic b draws for itself")
}

// TestDefaultsAreSafeConcurrentlyAcrossTopics runs topics in parallel with
// the default clock and randomness; under -race it proves that nothing is
// shared unsafely between topics.
func TestDefaultsAreSafeConcurrentlyAcrossTopics(t *testing.T) {
	p := mustNew(t, "")
	var wg sync.WaitGroup
	for i := range 8 {
		tp := p.ForTopic(string(rune('a' + i)))
		wg.Go(func() {
			for j := range 2000 {
				var key []byte
				if j%2 == 0 {
					key = []byte{byte(j)}
				}
				got := tp.Partition(&kgo.Record{Key: key}, 7)
				if got < 0 || got >= 7 {
					t.Errorf("partition %d out of range", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestNoAllocations guards the per-record hot path with the default clock
// and randomness.
func TestNoAllocations(t *testing.T) {
	key := []byte("a-key-of-some-length-0123456789")
	for _, tc := range []struct {
		name string
		key  []byte
	}{
		{"consistent_random", key},
		{"murmur2_random", key},
		{"fnv1a_random", key},
		{"consistent", nil},
		{"consistent_random", nil}, // sticky, reads the clock
		{"random", key},            // random draw
	} {
		tp := mustNew(t, tc.name).ForTopic("t")
		r := &kgo.Record{Key: tc.key}
		allocs := testing.AllocsPerRun(1000, func() {
			_ = tp.RequiresConsistency(r)
			_ = tp.Partition(r, 64)
		})
		assert.Zero(t, allocs, "%s key=%q", tc.name, tc.key)
	}
}

func TestPartitionWithNoPartitions(t *testing.T) {
	for _, name := range []string{"random", "murmur2", "consistent_random"} {
		tp := mustNew(t, name).ForTopic("t")
		assert.Equal(t, -1, tp.Partition(&kgo.Record{}, 0), name)
		assert.Equal(t, -1, tp.Partition(&kgo.Record{Key: []byte("k")}, 0), name)
	}
}
