package compat

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pmezard/go-difflib/difflib"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/internal/kafkatest"
)

// A scenario is written once, against the neutral API, and run through
// both clients on the same cluster; each run records a trace of what the
// application observed, and the two traces must be identical after the
// allow-list (allowlist_test.go) is applied.
type scenario struct {
	name string
	run  func(e *Env)
	// noKfake, when set, says why the scenario runs on the real broker
	// only.
	noKfake string
	// skip, when set, skips the scenario everywhere (a known purekafka
	// bug, named in the text) unless COMPAT_RUN_SKIPPED is set.
	skip string
	// offline scenarios need no broker (constructors, ConfigMap, error
	// codes); they run once, as subtest "offline".
	offline bool
}

var scenarios []scenario

// register adds scenarios; each scenario file calls it from init.
func register(s ...scenario) { scenarios = append(scenarios, s...) }

// Env is what a scenario run gets: one client, one cluster, a trace.
type Env struct {
	T      *testing.T
	C      *kafkatest.Cluster
	Client Client
	lines  []string
	// names maps the unique names a run creates (topics, groups,
	// transactional ids) to placeholders, so traces of two runs compare.
	names   [][2]string
	closers []func()
	seed    *kgo.Client
}

// Logf appends a line to the trace, with real names replaced by
// placeholders.
func (e *Env) Logf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	// Longest names first, so that no name is replaced inside another.
	for _, n := range e.names {
		s = strings.ReplaceAll(s, n[0], n[1])
	}
	e.lines = append(e.lines, s)
}

// Name returns a unique name and registers it under "$<prefix><n>".
func (e *Env) Name(prefix string) string {
	e.T.Helper()
	return e.register(kafkatest.UniqueName(e.T, prefix), prefix)
}

// register makes real appear as "$<prefix><n>" in the trace.
func (e *Env) register(real, prefix string) string {
	n := 1
	for _, x := range e.names {
		if strings.HasPrefix(x[1], "$"+prefix) {
			n++
		}
	}
	e.names = append(e.names, [2]string{real, fmt.Sprintf("$%s%d", prefix, n)})
	sort.SliceStable(e.names, func(i, j int) bool { return len(e.names[i][0]) > len(e.names[j][0]) })
	return real
}

// Topic creates a topic with the given partitions and returns its name
// ("$T<n>" in traces).
func (e *Env) Topic(partitions int32) string {
	return e.TopicWithConfig(partitions, nil)
}

// TopicWithConfig is Topic with topic configs.
func (e *Env) TopicWithConfig(partitions int32, cfg map[string]*string) string {
	e.T.Helper()
	name := e.Name("T")
	e.createTopic(name, partitions, cfg)
	return name
}

// createTopic creates the topic name (deleted when the test ends) and
// waits for its partitions' leaders.
func (e *Env) createTopic(name string, partitions int32, cfg map[string]*string) {
	e.T.Helper()
	adm := e.C.Admin(e.T)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := adm.CreateTopic(ctx, partitions, 1, cfg, name)
	require.NoError(e.T, err)
	require.NoError(e.T, resp.Err)
	e.T.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = adm.DeleteTopics(ctx, name)
	})
	// Wait for leaders as kafkatest does: the scenario should not model
	// a topic that is still being created.
	for deadline := time.Now().Add(30 * time.Second); ; {
		md, err := adm.Metadata(ctx, name)
		if err == nil {
			if td, ok := md.Topics[name]; ok && td.Err == nil && int32(len(td.Partitions)) == partitions && led(td) {
				break
			}
		}
		require.False(e.T, time.Now().After(deadline), "topic %s without leaders", name)
		time.Sleep(50 * time.Millisecond)
	}
}

func led(td kadm.TopicDetail) bool {
	for _, p := range td.Partitions {
		if p.Leader < 0 || p.Err != nil {
			return false
		}
	}
	return true
}

// topicsExist reports which of names exist. On the real broker, which
// finishes an automatic creation in the background (about five seconds
// on the test machine), it first waits, within the budget, for the names
// in expect to appear, so that a topic being created is not reported
// missing; a scenario lists in names, before them, the topics it asked
// about earlier and expects to stay missing, which the broker would have
// created by then. kfake creates topics synchronously.
func (e *Env) topicsExist(names, expect []string) map[string]bool {
	e.T.Helper()
	adm := e.C.Admin(e.T)
	deadline := time.Now().Add(budget)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		tds, err := adm.ListTopics(ctx, append(append([]string(nil), names...), expect...)...)
		cancel()
		require.NoError(e.T, err)
		all := true
		for _, n := range expect {
			all = all && tds.Has(n)
		}
		if all || !e.C.Real || time.Now().After(deadline) {
			out := map[string]bool{}
			for _, n := range append(append([]string(nil), names...), expect...) {
				out[n] = tds.Has(n)
			}
			return out
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Seed writes n records to topic/partition with a neutral client (franz-go
// directly), keys "k<i>" and values "v<i>" from first on, so consumer
// scenarios compare only the consumer.
func (e *Env) Seed(topic string, partition int32, first, n int) {
	e.T.Helper()
	rs := make([]*kgo.Record, n)
	for i := range rs {
		rs[i] = &kgo.Record{Topic: topic, Partition: partition,
			Key: fmt.Appendf(nil, "k%d", first+i), Value: fmt.Appendf(nil, "v%d", first+i)}
	}
	e.SeedRecords(rs...)
}

// SeedRecords writes records with the neutral client, each to the
// partition it names.
func (e *Env) SeedRecords(rs ...*kgo.Record) {
	e.T.Helper()
	if e.seed == nil {
		cl, err := kgo.NewClient(kgo.SeedBrokers(e.C.Seeds()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
		require.NoError(e.T, err)
		e.seed = cl
		e.closers = append(e.closers, cl.Close)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(e.T, e.seed.ProduceSync(ctx, rs...).FirstErr())
}

// Committed returns a group's committed offsets as the broker has them,
// read with the neutral client. The read waits for offsets a transaction
// has committed but whose markers Kafka is still writing (it completes
// them after EndTxn has returned).
func (e *Env) Committed(group string) string {
	e.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	os, err := e.C.Admin(e.T).FetchOffsets(kadm.RequireStable(ctx), group)
	require.NoError(e.T, err)
	var parts []string
	os.Each(func(o kadm.OffsetResponse) {
		md := ""
		if o.Metadata != "" {
			md = fmt.Sprintf(" md=%q", o.Metadata)
		}
		parts = append(parts, fmt.Sprintf("%s[%d]@%d%s", o.Topic, o.Partition, o.At, md))
	})
	sort.Strings(parts)
	return "[" + strings.Join(parts, " ") + "]"
}

// withBootstrap adds bootstrap.servers to cfg unless it is there, and
// log_level 3 (errors only): librdkafka logs to stderr, and the
// informational and warning lines (telemetry, the offset resets and
// assignment changes scenarios cause on purpose) would bury the test
// output.
func (e *Env) withBootstrap(cfg Config) Config {
	out := Config{"bootstrap.servers": e.C.Bootstrap, "log_level": 3}
	for k, v := range cfg {
		out[k] = v
	}
	return out
}

// Producer creates a producer on the cluster, closed when the run ends.
func (e *Env) Producer(cfg Config) Producer {
	e.T.Helper()
	p, err := e.Client.NewProducer(e.withBootstrap(cfg))
	require.NoError(e.T, err)
	e.closers = append(e.closers, p.Close)
	return p
}

// Consumer creates a consumer on the cluster, closed when the run ends.
func (e *Env) Consumer(cfg Config) Consumer {
	e.T.Helper()
	c, err := e.Client.NewConsumer(e.withBootstrap(cfg))
	require.NoError(e.T, err)
	e.closers = append(e.closers, func() { _ = c.Close() })
	return c
}

// Admin creates an admin client on the cluster, closed when the run ends.
func (e *Env) Admin() Admin {
	e.T.Helper()
	a, err := e.Client.NewAdmin(e.withBootstrap(nil))
	require.NoError(e.T, err)
	e.closers = append(e.closers, a.Close)
	return a
}

// Err renders an error returned by a call.
func (e *Env) Err(err error) string {
	return e.ClientErr(err).String()
}

// ClientErr converts err with the run's client.
func (e *Env) ClientErr(err error) *Err {
	if err == nil {
		return nil
	}
	switch e.Client.(type) {
	case confluentClient:
		return confluentErr(err)
	case purekafkaClient:
		return purekafkaErr(err)
	}
	panic("unknown client")
}

// Ctx returns a context for one blocking call. The deadline is a
// safety net for a hung call, not part of what is compared.
func (e *Env) Ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	e.T.Cleanup(cancel)
	return ctx
}

func (e *Env) close() {
	for i := len(e.closers) - 1; i >= 0; i-- {
		e.closers[i]()
	}
	e.closers = nil
}

// runOne runs sc with one client and returns its trace.
func runOne(t *testing.T, c *kafkatest.Cluster, cl Client, sc scenario) []string {
	e := &Env{T: t, C: c, Client: cl}
	defer e.close()
	sc.run(e)
	return e.lines
}

// outcome is what one scenario did on one cluster.
type outcome int

const (
	identical outcome = iota + 1
	different
)

var (
	resultsMu sync.Mutex
	// results holds, per scenario, its outcome per cluster.
	results = map[string]map[string]outcome{}
	skipped = map[string]string{}
)

func record(name, cluster string, o outcome) {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if results[name] == nil {
		results[name] = map[string]outcome{}
	}
	results[name][cluster] = o
}

// TestCompat runs every scenario through both clients on kfake and on the
// real broker and compares the traces.
func TestCompat(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			// COMPAT_RUN_SKIPPED=1 runs them anyway, to check a fix.
			if sc.skip != "" && os.Getenv("COMPAT_RUN_SKIPPED") == "" {
				resultsMu.Lock()
				skipped[sc.name] = sc.skip
				resultsMu.Unlock()
				t.Skip(sc.skip)
			}
			body := func(t *testing.T, c *kafkatest.Cluster) {
				if !c.Real && sc.noKfake != "" {
					t.Skip("real broker only: " + sc.noKfake)
				}
				theirs := runOne(t, c, confluentClient{}, sc)
				ours := runOne(t, c, purekafkaClient{}, sc)
				if d := compareTraces(sc.name, theirs, ours); d != "" {
					record(sc.name, c.Name, different)
					t.Errorf("traces differ (after the allow-list):\n%s", d)
					return
				}
				record(sc.name, c.Name, identical)
				if os.Getenv("COMPAT_TRACE") != "" {
					t.Logf("trace:\n%s", strings.Join(ours, "\n"))
				}
			}
			if sc.offline {
				t.Run("offline", func(t *testing.T) { body(t, &kafkatest.Cluster{Name: "offline"}) })
				return
			}
			kafkatest.Run(t, body)
		})
	}
}

// compareTraces returns a unified diff of the traces after the
// allow-list, or "" when they are identical.
func compareTraces(name string, theirs, ours []string) string {
	a, b := applyAllowList(name, theirs), applyAllowList(name, ours)
	if strings.Join(a, "\n") == strings.Join(b, "\n") {
		return ""
	}
	for i := range a {
		a[i] += "\n"
	}
	for i := range b {
		b[i] += "\n"
	}
	d, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{A: a, B: b,
		FromFile: "confluent-kafka-go", ToFile: "purekafka", Context: 3})
	return d
}

// summary renders the lines TestMain prints after the tests: the last one
// is "compat: N scenarios, N identical, 0 different".
func summary() []string {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	var out []string
	perCluster := map[string][2]int{}
	same, diff := 0, 0
	var differing []string
	for name, rs := range results {
		worst := identical
		for cl, o := range rs {
			c := perCluster[cl]
			c[0]++
			if o == identical {
				c[1]++
			} else {
				worst = different
			}
			perCluster[cl] = c
		}
		if worst == identical {
			same++
		} else {
			diff++
			differing = append(differing, name)
		}
	}
	var names []string
	for n := range skipped {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out = append(out, fmt.Sprintf("compat: skipped %s: %s", n, skipped[n]))
	}
	sort.Strings(differing)
	for _, n := range differing {
		out = append(out, "compat: different: "+n)
	}
	var cls []string
	for cl, c := range perCluster {
		cls = append(cls, fmt.Sprintf("%s %d/%d identical", cl, c[1], c[0]))
	}
	sort.Strings(cls)
	if len(cls) > 0 {
		out = append(out, "compat: per cluster: "+strings.Join(cls, ", "))
	}
	out = append(out, fmt.Sprintf("compat: %d scenarios, %d identical, %d different", same+diff, same, diff))
	return out
}

func TestMain(m *testing.M) {
	code := m.Run()
	resultsMu.Lock()
	ran := len(results) > 0
	resultsMu.Unlock()
	if ran {
		for _, l := range summary() {
			fmt.Println(l)
		}
	}
	os.Exit(code)
}
