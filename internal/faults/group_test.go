package faults

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/kafka"
)

// The consumer group test's shape: groupMessages keyed messages on
// groupPartitions partitions, consumed by groupMembers processes that each
// take about groupPace per message, so that the run lasts long enough for
// every fault to land while work is in progress.
const (
	groupMessages   = 24_000
	groupPartitions = 6
	groupMembers    = 3
	groupPace       = 3 * time.Millisecond
	groupCommitEach = 50              // messages between commits
	groupWait       = 3 * time.Minute // the longest wait for the group to reach each step
	groupMemberRole = "group-member"
)

// TestConsumerGroupUnderKills runs a consumer group of three member
// processes with manual commits (enable.auto.commit=false, Commit every 50
// messages and on revoke) and, while they work, kill -9's one member and
// restarts it, kills and restarts the group coordinator's broker, and kills
// and restarts another member.
//
// Members journal each message before processing it and each successful
// commit after it returns. In journal order, a message processed again is a
// duplicate from uncommitted work if no commit had yet covered it, and an
// inconsistent-offsets anomaly if one had; a produced message never
// processed is lost. Only uncommitted duplicates are allowed.
func TestConsumerGroupUnderKills(t *testing.T) {
	cl := threeNodes(t)
	topic := cl.CreateTopicRF(t, groupPartitions, nodes)
	group := "g-" + topic
	produceSeq(t, cl, topic, groupMessages)

	dir := t.TempDir()
	path := filepath.Join(dir, "journal")
	env := []string{"FAULTS_BOOTSTRAP=" + cl.bootstrapList(), "FAULTS_TOPIC=" + topic, "FAULTS_GROUP=" + group, "FAULTS_JOURNAL=" + path}
	members := make([]*child, groupMembers)
	generation := make([]int, groupMembers)
	start := func(m int) {
		generation[m]++
		name := fmt.Sprintf("m%d.%d", m, generation[m])
		members[m] = startChild(t, dir, name, "TestGroupMemberProcess", groupMemberRole, append(env, "FAULTS_MEMBER="+name)...)
	}
	for m := range members {
		start(m)
	}
	j := &groupJournal{r: journalReader{path: path}, processed: map[int]int{}}
	// reach waits until fraction of the messages has been processed, for at
	// most groupWait; it returns why it gave up, or "" on success.
	reach := func(fraction float64) string {
		t.Helper()
		want := int(fraction * groupMessages)
		deadline := time.Now().Add(groupWait)
		for {
			require.NoError(t, j.update())
			if j.distinct >= want {
				return ""
			}
			for _, m := range members {
				if done, err := m.exited(); done {
					return fmt.Sprintf("member %s exited (%v):\n%s", m.name, err, m.tail())
				}
			}
			if time.Now().After(deadline) {
				return fmt.Sprintf("%d of %d messages processed after %v", j.distinct, want, groupWait)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitFor := func(fraction float64) {
		t.Helper()
		if why := reach(fraction); why != "" {
			t.Fatal(why)
		}
	}
	kill := func(m int) {
		waitFor(float64(m+1) * 0.2)
		logf("%d distinct processed; kill -9 member %s", j.distinct, members[m].name)
		members[m].kill()
		start(m)
	}

	kill(0) // at 20%
	waitFor(0.4)
	coordinator := cl.groupCoordinator(t, group)
	logf("%d distinct processed; crashing broker %d, the group coordinator", j.distinct, coordinator)
	cl.crash(t, coordinator, 3*time.Second)
	kill(2) // at 60%
	// The end is not a t.Fatal on a timeout: what was lost is counted and
	// printed either way, and the assertions below say what went wrong.
	if why := reach(1); why != "" {
		logf("gave up waiting: %s", why)
	} else {
		logf("all %d processed; stopping the members", groupMessages)
	}
	for _, m := range members {
		if done, err := m.exited(); done {
			assert.Fail(t, "member exited before it was stopped", "member %s (%v):\n%s", m.name, err, m.tail())
			continue
		}
		assert.NoError(t, m.stop(time.Minute), "member %s:\n%s", m.name, m.tail())
	}
	require.NoError(t, j.update())

	lost := 0
	for i := range groupMessages {
		if j.processed[i] == 0 {
			lost++
		}
	}
	fmt.Printf("consumer group of %d, 2 member kills + coordinator broker %d killed: produced %d, processed %d (distinct %d), "+
		"lost %d, duplicated %d (uncommitted work %d, after a commit %d), inconsistent offsets %d, commits %d, failed commits %d\n",
		groupMembers, coordinator, groupMessages, j.total, j.distinct, lost, j.dupUncommitted+j.dupCommitted,
		j.dupUncommitted, j.dupCommitted, j.inconsistent, j.commits, j.failedCommits)
	assert.Zero(t, lost, "lost messages")
	assert.Zero(t, j.dupCommitted, "messages redelivered after their offset was committed")
	assert.Zero(t, j.inconsistent, "offsets holding different messages")
	assert.Equal(t, groupMessages, j.distinct)
}

// groupJournal folds the members' journal, in order:
//
//	P <member> <partition> <offset> <value>   about to process a message
//	C <member> <partition>:<offset> ...       Commit returned these offsets
//	F <member> <error>                        Commit failed
//	I <member> <text>                         informational (rebalances)
type groupJournal struct {
	r         journalReader
	processed map[int]int       // value -> times processed
	at        map[[2]int64]int  // (partition, offset) -> value
	committed map[int32]int64   // partition -> highest committed offset so far
	seenAt    map[[2]int64]bool // (partition, offset) processed before

	total, distinct              int
	dupUncommitted, dupCommitted int
	inconsistent                 int
	commits, failedCommits       int
	firstAnomalies               []string
}

func (g *groupJournal) update() error {
	if g.at == nil {
		g.at, g.committed, g.seenAt = map[[2]int64]int{}, map[int32]int64{}, map[[2]int64]bool{}
	}
	lines, err := g.r.next()
	if err != nil {
		return err
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 2 {
			return fmt.Errorf("journal line %q", l)
		}
		switch f[0] {
		case "P":
			if len(f) != 5 {
				return fmt.Errorf("journal line %q", l)
			}
			p, _ := strconv.ParseInt(f[2], 10, 32)
			o, _ := strconv.ParseInt(f[3], 10, 64)
			v, err := strconv.Atoi(f[4])
			if err != nil {
				return fmt.Errorf("journal line %q: %w", l, err)
			}
			key := [2]int64{p, o}
			g.total++
			if g.processed[v]++; g.processed[v] == 1 {
				g.distinct++
			}
			if prev, ok := g.at[key]; ok && prev != v {
				g.inconsistent++
			}
			g.at[key] = v
			if g.seenAt[key] {
				if c, ok := g.committed[int32(p)]; ok && c > o {
					g.dupCommitted++
					if len(g.firstAnomalies) < 5 {
						g.firstAnomalies = append(g.firstAnomalies, fmt.Sprintf("%s: p%d@%d after commit %d", f[1], p, o, c))
						fmt.Printf("    anomaly: %s\n", g.firstAnomalies[len(g.firstAnomalies)-1])
					}
				} else {
					g.dupUncommitted++
				}
			}
			g.seenAt[key] = true
		case "C":
			g.commits++
			for _, po := range f[2:] {
				ps, offs, ok := strings.Cut(po, ":")
				p, err1 := strconv.ParseInt(ps, 10, 32)
				o, err2 := strconv.ParseInt(offs, 10, 64)
				if !ok || err1 != nil || err2 != nil {
					return fmt.Errorf("journal line %q", l)
				}
				g.committed[int32(p)] = max(g.committed[int32(p)], o)
			}
		case "F":
			g.failedCommits++
		}
	}
	return nil
}

// produceSeq writes messages 0..n-1 (seqKey, seqValue) with an idempotent
// producer and requires every one acknowledged.
func produceSeq(t *testing.T, cl *cluster, topic string, n int) {
	t.Helper()
	p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": cl.bootstrapList(), "enable.idempotence": true, "linger.ms": 5})
	require.NoError(t, err)
	defer p.Close()
	dc := make(chan kafka.Event, n)
	for i := range n {
		require.NoError(t, p.Produce(&kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Key:            seqKey(i, 1000),
			Value:          seqValue(i),
		}, dc))
	}
	require.Equal(t, 0, p.Flush(120_000), "messages left after Flush")
	for range n {
		m := (<-dc).(*kafka.Message)
		require.NoError(t, m.TopicPartition.Error)
	}
}

// TestGroupMemberProcess is one member of TestConsumerGroupUnderKills' group,
// run as a child process; it skips when run directly.
func TestGroupMemberProcess(t *testing.T) {
	if !isChild(groupMemberRole) {
		t.Skip("helper process of TestConsumerGroupUnderKills")
	}
	name, topic := os.Getenv("FAULTS_MEMBER"), os.Getenv("FAULTS_TOPIC")
	j, err := openJournal(os.Getenv("FAULTS_JOURNAL"))
	require.NoError(t, err)
	defer j.close()
	c, err := kafka.NewConsumer(&kafka.ConfigMap{
		"bootstrap.servers":     os.Getenv("FAULTS_BOOTSTRAP"),
		"group.id":              os.Getenv("FAULTS_GROUP"),
		"auto.offset.reset":     "earliest",
		"enable.auto.commit":    false,
		"session.timeout.ms":    6000,
		"heartbeat.interval.ms": 1000,
	})
	require.NoError(t, err)
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)

	commit := func(why string) {
		offsets, err := c.Commit()
		var ke kafka.Error
		switch {
		case errors.As(err, &ke) && ke.Code() == kafka.ErrNoOffset:
		case err != nil:
			j.line("F %s %s: %v", name, why, err)
		default:
			var b strings.Builder
			for _, tp := range offsets {
				if tp.Error == nil && tp.Offset >= 0 {
					fmt.Fprintf(&b, " %d:%d", tp.Partition, tp.Offset)
				}
			}
			j.line("C %s%s", name, b.String())
		}
	}
	// The usual at-least-once pattern: commit what was processed before
	// giving partitions up, so that only a crash leaves work uncommitted.
	rebalance := func(c *kafka.Consumer, ev kafka.Event) error {
		switch e := ev.(type) {
		case kafka.AssignedPartitions:
			j.line("I %s assigned %v", name, e.Partitions)
		case kafka.RevokedPartitions:
			commit("revoke")
			j.line("I %s revoked %v", name, e.Partitions)
		}
		return nil
	}
	require.NoError(t, c.SubscribeTopics([]string{topic}, rebalance))
	pending := 0
	for {
		select {
		case <-term:
			commit("stop")
			require.NoError(t, c.Close())
			return
		default:
		}
		switch e := c.Poll(100).(type) {
		case *kafka.Message:
			j.line("P %s %d %d %s", name, e.TopicPartition.Partition, e.TopicPartition.Offset, e.Value)
			time.Sleep(groupPace) // the work
			if pending++; pending >= groupCommitEach {
				commit("batch")
				pending = 0
			}
		case kafka.Error:
			j.line("I %s error %v", name, e)
		case nil:
			if pending > 0 {
				commit("idle")
				pending = 0
			}
		}
	}
}
