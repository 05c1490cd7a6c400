package client_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/internal/kafkatest"
)

// liveGroup starts a raw kgo group member of group on topic, consumes and
// commits every record, and returns a func that makes it leave the group.
func liveGroup(t *testing.T, c *kafkatest.Cluster, group, topic string, records int, nextGen bool) (leave func()) {
	t.Helper()
	opts := []kgo.Opt{
		kgo.SeedBrokers(c.Seeds()...), kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic),
		kgo.ClientID("admin-test-member"), kgo.DisableAutoCommit(),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.SessionTimeout(6 * time.Second), kgo.HeartbeatInterval(500 * time.Millisecond),
	}
	if nextGen {
		opts = append(opts, kgo.ServerSideBalancer(), kgo.Balancers(kgo.RangeBalancer()))
	}
	cl, err := kgo.NewClient(opts...)
	require.NoError(t, err)
	left := false
	leave = func() {
		if !left {
			left = true
			cl.Close()
		}
	}
	t.Cleanup(leave)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for got := 0; got < records; {
		fs := cl.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "consumed %d of %d", got, records)
		for _, e := range fs.Errors() {
			require.NoError(t, e.Err)
		}
		got += fs.NumRecords()
	}
	require.NoError(t, cl.CommitUncommittedOffsets(ctx))
	return leave
}

// TestAdminConsumerGroups: list and describe a live group (classic and
// KIP-848), list its committed offsets, see that altering them is refused
// while it is active, then after it left alter them, list again and delete
// the group.
func TestAdminConsumerGroups(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		nextGen  bool
		wantType client.ConsumerGroupType
	}{
		{"classic", false, client.ConsumerGroupTypeClassic},
		{"kip848", true, client.ConsumerGroupTypeConsumer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
				testConsumerGroup(t, c, tc.nextGen, tc.wantType)
			})
		})
	}
}

func testConsumerGroup(t *testing.T, c *kafkatest.Cluster, nextGen bool, wantType client.ConsumerGroupType) {
	a := newAdmin(t, c)
	topic := c.CreateTopic(t, 3)
	for p := range int32(3) {
		produceN(t, c, topic, p, 5, nil)
	}
	group := kafkatest.UniqueName(t, "g")
	leave := liveGroup(t, c, group, topic, 15, nextGen)

	// Listed, with a state filter that matches and one that does not.
	listed := func(opts ...client.ListConsumerGroupsAdminOption) (client.ConsumerGroupListing, bool) {
		t.Helper()
		res, err := a.ListConsumerGroups(testCtx(t), opts...)
		require.NoError(t, err)
		assert.Empty(t, res.Errors)
		for _, g := range res.Valid {
			if g.GroupID == group {
				return g, true
			}
		}
		return client.ConsumerGroupListing{}, false
	}
	eventually(t, "group listed as Stable", func() error {
		g, ok := listed()
		if !ok || g.State != client.ConsumerGroupStateStable {
			return fmt.Errorf("listed=%v state=%v", ok, g.State)
		}
		return nil
	})
	g, _ := listed(client.SetAdminMatchConsumerGroupStates([]client.ConsumerGroupState{client.ConsumerGroupStateStable}),
		client.SetAdminMatchConsumerGroupTypes([]client.ConsumerGroupType{wantType}))
	assert.Equal(t, group, g.GroupID, "state and type filters match")
	if c.Real || !nextGen {
		// kfake lists KIP-848 groups with an empty protocol type, which
		// reads as a simple group; Kafka says "consumer".
		assert.False(t, g.IsSimpleConsumerGroup)
	}
	assert.Equal(t, wantType, g.Type)
	_, ok := listed(client.SetAdminMatchConsumerGroupStates([]client.ConsumerGroupState{client.ConsumerGroupStateDead}))
	assert.False(t, ok, "state filter excludes it")

	// Described, next to a group that does not exist.
	missing := group + "-missing"
	dres, err := a.DescribeConsumerGroups(testCtx(t), []string{group, missing},
		client.SetAdminOptionIncludeAuthorizedOperations(true))
	require.NoError(t, err)
	require.Len(t, dres.ConsumerGroupDescriptions, 2)
	d := dres.ConsumerGroupDescriptions[0]
	require.Equal(t, client.ErrNoError, d.Error.Code(), "%v", d.Error)
	assert.Equal(t, group, d.GroupID)
	assert.Equal(t, client.ConsumerGroupStateStable, d.State)
	assert.Equal(t, wantType, d.Type)
	assert.False(t, d.IsSimpleConsumerGroup)
	assert.NotEmpty(t, d.PartitionAssignor)
	assert.GreaterOrEqual(t, d.Coordinator.ID, 0)
	assert.NotEmpty(t, d.Coordinator.Host)
	require.Len(t, d.Members, 1)
	m := d.Members[0]
	assert.Equal(t, "admin-test-member", m.ClientID)
	assert.NotEmpty(t, m.ConsumerID)
	assert.Len(t, m.Assignment.TopicPartitions, 3)
	for _, tp := range m.Assignment.TopicPartitions {
		assert.Equal(t, topic, *tp.Topic)
	}
	if nextGen {
		require.NotNil(t, m.TargetAssignment, "KIP-848 members have a target assignment")
	} else {
		assert.Nil(t, m.TargetAssignment)
	}
	// A group that does not exist is Dead, not an error, as librdkafka's
	// DescribeGroups version sees it.
	other := dres.ConsumerGroupDescriptions[1]
	assert.Equal(t, missing, other.GroupID)
	assert.Equal(t, client.ErrNoError, other.Error.Code(), "%v", other.Error)
	assert.Equal(t, client.ConsumerGroupStateDead, other.State)
	assert.Equal(t, client.ConsumerGroupTypeClassic, other.Type)
	assert.Empty(t, other.Members)

	// Committed offsets: all of them, then a chosen few, one never committed.
	offsets := listOffsets(t, a, group, nil)
	require.Len(t, offsets, 3)
	for i, tp := range offsets {
		assert.Equal(t, topic, *tp.Topic)
		assert.Equal(t, int32(i), tp.Partition)
		assert.Equal(t, client.Offset(5), tp.Offset)
		assert.NoError(t, tp.Error)
	}
	otherTopic := c.CreateTopic(t, 1)
	offsets = listOffsets(t, a, group, []client.TopicPartition{
		{Topic: &otherTopic, Partition: 0}, {Topic: &topic, Partition: 2}})
	require.Len(t, offsets, 2)
	assert.Equal(t, otherTopic, *offsets[0].Topic, "in request order")
	assert.Equal(t, client.OffsetInvalid, offsets[0].Offset, "never committed")
	assert.Equal(t, client.Offset(5), offsets[1].Offset)

	// Altering the offsets of an active group fails per partition.
	alter := []client.ConsumerGroupTopicPartitions{{Group: group, Partitions: []client.TopicPartition{
		{Topic: &topic, Partition: 0, Offset: 1}, {Topic: &topic, Partition: 1, Offset: 2, Metadata: strPtr("md")}}}}
	ares, err := a.AlterConsumerGroupOffsets(testCtx(t), alter)
	require.NoError(t, err)
	require.Len(t, ares.ConsumerGroupsTopicPartitions, 1)
	for _, tp := range ares.ConsumerGroupsTopicPartitions[0].Partitions {
		assert.Error(t, tp.Error, "active group: %v", tp)
	}

	// Once it is empty, they can be altered.
	leave()
	eventually(t, "group empty", func() error {
		if g, _ := listed(); g.State != client.ConsumerGroupStateEmpty {
			return fmt.Errorf("state %v", g.State)
		}
		return nil
	})
	ares, err = a.AlterConsumerGroupOffsets(testCtx(t), alter)
	require.NoError(t, err)
	got := ares.ConsumerGroupsTopicPartitions[0]
	assert.Equal(t, group, got.Group)
	require.Len(t, got.Partitions, 2)
	for _, tp := range got.Partitions {
		assert.NoError(t, tp.Error)
	}
	assert.Equal(t, client.Offset(1), got.Partitions[0].Offset)
	offsets = listOffsets(t, a, group, nil)
	assert.Equal(t, []client.Offset{1, 2, 5}, []client.Offset{offsets[0].Offset, offsets[1].Offset, offsets[2].Offset})
	require.NotNil(t, offsets[1].Metadata)
	assert.Equal(t, "md", *offsets[1].Metadata)

	// Stable offsets only: same answer, no transactions pending.
	lres, err := a.ListConsumerGroupOffsets(testCtx(t),
		[]client.ConsumerGroupTopicPartitions{{Group: group}}, client.SetAdminRequireStableOffsets(true))
	require.NoError(t, err)
	assert.Len(t, lres.ConsumerGroupsTopicPartitions[0].Partitions, 3)

	// Delete it, next to one that does not exist.
	del, err := a.DeleteConsumerGroups(testCtx(t), []string{missing, group})
	require.NoError(t, err)
	require.Len(t, del.ConsumerGroupResults, 2)
	assert.Equal(t, missing, del.ConsumerGroupResults[0].Group)
	assert.Equal(t, client.ErrGroupIDNotFound, del.ConsumerGroupResults[0].Error.Code())
	assert.Equal(t, missing+" (Broker: The group id does not exist)", del.ConsumerGroupResults[0].String())
	assert.Equal(t, group, del.ConsumerGroupResults[1].Group)
	assert.Equal(t, client.ErrNoError, del.ConsumerGroupResults[1].Error.Code(), "%v", del.ConsumerGroupResults[1])
	assert.Equal(t, group, del.ConsumerGroupResults[1].String())
	_, ok = listed()
	assert.False(t, ok, "deleted group still listed")
}

func listOffsets(t *testing.T, a *client.AdminClient, group string, parts []client.TopicPartition) []client.TopicPartition {
	t.Helper()
	res, err := a.ListConsumerGroupOffsets(testCtx(t), []client.ConsumerGroupTopicPartitions{{Group: group, Partitions: parts}})
	require.NoError(t, err)
	require.Len(t, res.ConsumerGroupsTopicPartitions, 1)
	assert.Equal(t, group, res.ConsumerGroupsTopicPartitions[0].Group)
	out := res.ConsumerGroupsTopicPartitions[0].Partitions
	if parts == nil {
		assert.True(t, slices.IsSortedFunc(out, func(x, y client.TopicPartition) int {
			return int(x.Partition - y.Partition)
		}))
	}
	return out
}
