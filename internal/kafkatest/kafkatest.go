// Package kafkatest gives integration tests the brokers they run against: the
// embedded in-process kfake cluster and, when KAFKA_BOOTSTRAP is set, a real
// Apache Kafka broker started by internal/testenv/kafka.sh.
//
// A test that only passes against the fake is not done, so integration tests
// call Run, which runs the test body once per cluster as named subtests
// ("kfake" and "kafka"). Every test creates its own uniquely named topics and
// groups, so tests can run in parallel and re-run against a long-lived broker.
package kafkatest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// BootstrapEnv names the environment variable holding the real broker's
// bootstrap servers. The Makefile sets it after starting the broker.
const BootstrapEnv = "KAFKA_BOOTSTRAP"

// startHint tells a developer how to get the real-broker subtests to run.
const startHint = "real Kafka broker not configured (" + BootstrapEnv + " unset): " +
	"run `make test`, or `make kafka-up` then `eval \"$(internal/testenv/kafka.sh env)\"`"

// Cluster is one broker setup a test runs against.
type Cluster struct {
	// Name is the subtest name: "kfake" or "kafka".
	Name string
	// Bootstrap is the comma-separated bootstrap.servers value.
	Bootstrap string
	// Real reports whether this is a real Apache Kafka broker.
	Real bool
	// Fake is the embedded cluster, nil for the real broker.
	Fake *kfake.Cluster
}

// Seeds returns the bootstrap servers as a list, for kgo.SeedBrokers.
func (c *Cluster) Seeds() []string { return strings.Split(c.Bootstrap, ",") }

// Run runs body once against every available cluster, each as a named subtest.
// The real-broker subtest skips, saying how to start a broker, when
// KAFKA_BOOTSTRAP is unset.
func Run(t *testing.T, body func(t *testing.T, c *Cluster)) {
	t.Helper()
	t.Run("kfake", func(t *testing.T) { body(t, NewFake(t)) })
	t.Run("kafka", func(t *testing.T) {
		c, ok := Real()
		if !ok {
			t.Skip(startHint)
		}
		body(t, c)
	})
}

// NewFake starts an embedded kfake cluster with three brokers, closed when
// the test ends. Topics are auto-created like on a default Kafka broker.
func NewFake(t testing.TB) *Cluster {
	t.Helper()
	fake, err := kfake.NewCluster(
		kfake.NumBrokers(3),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(1),
	)
	require.NoError(t, err, "starting kfake")
	t.Cleanup(fake.Close)
	return &Cluster{Name: "kfake", Bootstrap: strings.Join(fake.ListenAddrs(), ","), Fake: fake}
}

// Real returns the real broker named by KAFKA_BOOTSTRAP, if any.
func Real() (*Cluster, bool) {
	addr := strings.TrimSpace(os.Getenv(BootstrapEnv))
	if addr == "" {
		return nil, false
	}
	return &Cluster{Name: "kafka", Bootstrap: addr, Real: true}, true
}

// UniqueName returns prefix followed by the test name and a random suffix, in
// the character set Kafka allows for topic and group names.
func UniqueName(t testing.TB, prefix string) string {
	t.Helper()
	var b [4]byte
	_, err := rand.Read(b[:])
	require.NoError(t, err)
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '-'
	}, t.Name())
	// Kafka caps topic names at 249 characters; keep room for prefix and suffix.
	if len(name) > 180 {
		name = name[len(name)-180:]
	}
	return fmt.Sprintf("%s-%s-%s", prefix, name, hex.EncodeToString(b[:]))
}

// Admin returns a kadm client for c, closed when the test ends.
func (c *Cluster) Admin(t testing.TB) *kadm.Client {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Seeds()...))
	require.NoError(t, err)
	t.Cleanup(cl.Close)
	return kadm.NewClient(cl)
}

// CreateTopic creates a uniquely named topic with the given partition count
// and returns its name. It is deleted when the test ends so that a long-lived
// broker does not fill up. Its replication factor is 1, which is all a
// single-node broker allows; fault tests use CreateTopicRF.
func (c *Cluster) CreateTopic(t testing.TB, partitions int32) string {
	t.Helper()
	return c.CreateTopicRF(t, partitions, 1)
}

// CreateTopicRF is CreateTopic with replication factor rf. The fault tests
// need rf 3 on the three-node cluster: with min.insync.replicas 2 an acks=all
// write then survives the loss of any one broker, which is the property they
// check.
func (c *Cluster) CreateTopicRF(t testing.TB, partitions int32, rf int16) string {
	t.Helper()
	name := UniqueName(t, "t")
	adm := c.Admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := adm.CreateTopic(ctx, partitions, rf, nil, name)
	require.NoError(t, err, "creating topic %s on %s", name, c.Name)
	require.NoError(t, resp.Err, "creating topic %s on %s", name, c.Name)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = adm.DeleteTopics(ctx, name)
	})
	c.waitForLeaders(t, adm, name, partitions)
	return name
}

// waitForLeaders blocks until every partition of topic has a leader: a real
// broker answers CreateTopics before the leaders are elected, and a produce in
// that window fails with a retriable error that tests should not have to model.
func (c *Cluster) waitForLeaders(t testing.TB, adm *kadm.Client, topic string, partitions int32) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		md, err := adm.Metadata(ctx, topic)
		cancel()
		if err == nil {
			td, ok := md.Topics[topic]
			if ok && td.Err == nil && int32(len(td.Partitions)) == partitions && allLed(td) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("topic %s on %s: partitions without a leader after 30s (last error: %v)", topic, c.Name, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func allLed(td kadm.TopicDetail) bool {
	for _, p := range td.Partitions {
		if p.Leader < 0 || p.Err != nil {
			return false
		}
	}
	return true
}
