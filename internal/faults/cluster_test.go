package faults

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/purekafka/purekafka/internal/kafkatest"
)

// nodes is the size of the cluster these tests need: three, so that any one
// broker can die while acks=all writes still reach min.insync.replicas 2.
const nodes = 3

// faultsEnv must be 1 for the suite to run. Being pointed at a three-node
// cluster is not enough: `make kafka-up NODES=3` makes one that the other
// packages' tests share, and killing its brokers under them would fail them.
const faultsEnv = "PUREKAFKA_FAULT_TESTS"

// skipHint tells a developer how to run the suite.
const skipHint = "fault tests kill brokers, so they need a three-node cluster of their own and " + faultsEnv + "=1: " +
	"run `make test-faults`, or `KAFKA_DIR=<dir> internal/testenv/kafka.sh up 3`, " +
	"`eval \"$(KAFKA_DIR=<dir> internal/testenv/kafka.sh env)\"` and " + faultsEnv + "=1 go test ./internal/faults/"

// skipUnlessFaults skips the test unless the suite was asked for
// (PUREKAFKA_FAULT_TESTS=1). Asked for but not given a three-node cluster
// with its kafka.sh, it fails instead: a CI run whose environment went
// wrong must not pass by skipping every test.
func skipUnlessFaults(t *testing.T) {
	t.Helper()
	if os.Getenv(faultsEnv) != "1" {
		t.Skip(skipHint)
	}
	if os.Getenv("KAFKA_NODES") != strconv.Itoa(nodes) || os.Getenv("KAFKA_SCRIPT") == "" || os.Getenv(kafkatest.BootstrapEnv) == "" {
		t.Fatalf("%s=1 but KAFKA_NODES=%q (want %d), KAFKA_SCRIPT=%q, %s=%q: %s", faultsEnv,
			os.Getenv("KAFKA_NODES"), nodes, os.Getenv("KAFKA_SCRIPT"), kafkatest.BootstrapEnv, os.Getenv(kafkatest.BootstrapEnv), skipHint)
	}
}

// cluster is the three-node cluster a fault test runs against, with the
// script that kills and restarts its brokers.
type cluster struct {
	*kafkatest.Cluster
	script string
	adm    *kadm.Client
}

// threeNodes returns the three-node cluster, or skips the test (see
// skipUnlessFaults). It first makes sure every broker is up and every partition
// fully replicated, so that one test's failure does not cascade into the
// next; and it does the same when the test ends.
func threeNodes(t *testing.T) *cluster {
	t.Helper()
	skipUnlessFaults(t)
	c, _ := kafkatest.Real()
	cl := &cluster{Cluster: c, script: os.Getenv("KAFKA_SCRIPT"), adm: c.Admin(t)}
	cl.healthy(t)
	t.Cleanup(func() { cl.healthy(t) })
	return cl
}

// healthy starts any broker that is down and waits until every partition
// of every topic has its full replica set in sync.
func (cl *cluster) healthy(t *testing.T) {
	t.Helper()
	for n := 1; n <= nodes; n++ {
		cl.broker(t, "start", n) // a no-op for a running broker
	}
	cl.waitInSync(t)
}

// broker runs `kafka.sh <action> <n>`: kill (SIGKILL), start (and wait until
// it listens) or stop (SIGTERM).
func (cl *cluster) broker(t *testing.T, action string, n int) {
	t.Helper()
	out, err := exec.Command("bash", cl.script, action, strconv.Itoa(n)).CombinedOutput()
	require.NoError(t, err, "kafka.sh %s %d: %s", action, n, out)
}

// logf prints a progress line: fault tests take minutes, and a reader of the
// CI log should see which fault was injected when.
func logf(format string, args ...any) {
	fmt.Printf("    %s "+format+"\n", append([]any{time.Now().Format("15:04:05.000")}, args...)...)
}

// waitInSync blocks until every partition of every topic, the internal ones
// included, has a leader and all its replicas in the ISR: a broker that was
// restarted is then caught up, so another can be killed without dropping
// below min.insync.replicas.
func (cl *cluster) waitInSync(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		lagging, err := cl.outOfSync()
		if err == nil && lagging == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster not in sync after 2 minutes: %s (last error %v)", lagging, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// outOfSync describes the first partition that is not fully replicated, or
// returns "" when there is none.
func (cl *cluster) outOfSync() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	md, err := cl.adm.Metadata(ctx)
	if err != nil {
		return "metadata", err
	}
	if len(md.Brokers) < nodes {
		return fmt.Sprintf("%d brokers registered", len(md.Brokers)), nil
	}
	for _, td := range md.Topics {
		if td.Err != nil {
			continue // a topic being deleted by another test's cleanup
		}
		for _, p := range td.Partitions {
			if p.Err != nil || p.Leader < 0 || len(p.ISR) < len(p.Replicas) {
				return fmt.Sprintf("%s[%d] leader %d isr %v replicas %v", td.Topic, p.Partition, p.Leader, p.ISR, p.Replicas), nil
			}
		}
	}
	return "", nil
}

// topicLedBy creates a uniquely named topic with replication factor 3 whose
// partitions all prefer broker leader: "the partition leaders' broker" is
// then one process that a test can kill, and a preferred-leader election
// after its restart gives it every partition back.
func (cl *cluster) topicLedBy(t *testing.T, partitions int32, leader int32) string {
	t.Helper()
	name := kafkatest.UniqueName(t, "t")
	req := kmsg.NewPtrCreateTopicsRequest()
	req.TimeoutMillis = 30_000
	rt := kmsg.NewCreateTopicsRequestTopic()
	rt.Topic = name
	rt.NumPartitions, rt.ReplicationFactor = -1, -1 // given by the assignment
	for p := range partitions {
		a := kmsg.NewCreateTopicsRequestTopicReplicaAssignment()
		a.Partition = p
		a.Replicas = []int32{leader}
		for b := int32(1); b <= nodes; b++ {
			if b != leader {
				a.Replicas = append(a.Replicas, b)
			}
		}
		rt.ReplicaAssignment = append(rt.ReplicaAssignment, a)
	}
	req.Topics = append(req.Topics, rt)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := req.RequestWith(ctx, cl.kgo(t))
	require.NoError(t, err)
	require.Len(t, resp.Topics, 1)
	require.NoError(t, kerr.ErrorForCode(resp.Topics[0].ErrorCode), "creating %s", name)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = cl.adm.DeleteTopics(ctx, name)
	})
	cl.waitLeaders(t, name, partitions, leader)
	return name
}

// kgo returns a plain franz-go client for requests kadm does not wrap.
func (cl *cluster) kgo(t *testing.T) *kgo.Client {
	t.Helper()
	c, err := kgo.NewClient(kgo.SeedBrokers(cl.Seeds()...))
	require.NoError(t, err)
	t.Cleanup(c.Close)
	return c
}

// waitLeaders blocks until topic has all its partitions and, when leader is
// positive, every one of them is led by that broker.
func (cl *cluster) waitLeaders(t *testing.T, topic string, partitions int32, leader int32) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		leaders, err := cl.leaders(topic)
		if err == nil && int32(len(leaders)) == partitions && !slices.Contains(leaders, -1) &&
			(leader <= 0 || allEqual(leaders, leader)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: leaders %v, want %d partitions led by %d (last error %v)", topic, leaders, partitions, leader, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// leaders returns the leader of each partition of topic, -1 for none.
func (cl *cluster) leaders(topic string) ([]int32, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	md, err := cl.adm.Metadata(ctx, topic)
	if err != nil {
		return nil, err
	}
	td := md.Topics[topic]
	if td.Err != nil {
		return nil, td.Err
	}
	out := make([]int32, len(td.Partitions))
	for _, p := range td.Partitions.Sorted() {
		out[p.Partition] = p.Leader
		if p.Err != nil {
			out[p.Partition] = -1
		}
	}
	return out, nil
}

func allEqual(xs []int32, v int32) bool {
	for _, x := range xs {
		if x != v {
			return false
		}
	}
	return true
}

// electPreferred gives topic's partitions back to their preferred leader
// (the first replica), waiting until the election shows in metadata. The
// controller may refuse while it has not yet seen the restarted broker
// catch up, so a refusal is retried for a while.
func (cl *cluster) electPreferred(t *testing.T, topic string, partitions int32, leader int32) {
	t.Helper()
	set := kadm.TopicsSet{}
	for p := range partitions {
		set.Add(topic, p)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		err := cl.elect(set)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("electing the preferred leaders of %s: %v", topic, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	cl.waitLeaders(t, topic, partitions, leader)
}

// elect asks for a preferred-leader election of set; a partition whose
// preferred leader already leads (ELECTION_NOT_NEEDED) is a success.
func (cl *cluster) elect(set kadm.TopicsSet) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := cl.adm.ElectLeaders(ctx, kadm.ElectPreferredReplica, set)
	if err != nil {
		return err
	}
	for _, ps := range res {
		for _, r := range ps {
			if r.Err != nil && !errors.Is(r.Err, kerr.ElectionNotNeeded) {
				return fmt.Errorf("%s[%d]: %w", r.Topic, r.Partition, r.Err)
			}
		}
	}
	return nil
}

// groupCoordinator returns the broker coordinating group.
func (cl *cluster) groupCoordinator(t *testing.T, group string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp := cl.adm.FindGroupCoordinators(ctx, group)
	r, ok := resp[group]
	require.True(t, ok, "no coordinator answer for %s", group)
	require.NoError(t, r.Err)
	return int(r.NodeID)
}

// txnCoordinator returns the broker coordinating transactional id txnID.
func (cl *cluster) txnCoordinator(t *testing.T, txnID string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp := cl.adm.FindTxnCoordinators(ctx, txnID)
	r, ok := resp[txnID]
	require.True(t, ok, "no coordinator answer for %s", txnID)
	require.NoError(t, r.Err)
	return int(r.NodeID)
}

// crash kills broker n with SIGKILL, waits pause (so that clients notice
// and requests fail over), restarts it and waits until it is back in every
// ISR. It is what every broker fault in this suite does.
func (cl *cluster) crash(t *testing.T, n int, pause time.Duration) {
	t.Helper()
	logf("kill -9 broker %d", n)
	cl.broker(t, "kill", n)
	time.Sleep(pause)
	logf("restart broker %d", n)
	cl.broker(t, "start", n)
	cl.waitInSync(t)
	logf("broker %d back in sync", n)
}

// bootstrapList is the cluster's bootstrap.servers as one string.
func (cl *cluster) bootstrapList() string { return strings.Join(cl.Seeds(), ",") }
