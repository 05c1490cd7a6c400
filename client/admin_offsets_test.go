package client_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/internal/kafkatest"
)

// TestAdminListOffsetsDeleteRecords: earliest, latest, max-timestamp and
// by-timestamp lookups; deleting records below an offset moves the earliest
// offset; a missing partition fails on its own.
func TestAdminListOffsetsDeleteRecords(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		topic := c.CreateTopic(t, 2)
		base := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
		// Record 7 has the largest timestamp; the others increase by a second.
		stamp := func(i int) time.Time {
			if i == 7 {
				return base.Add(time.Minute)
			}
			return base.Add(time.Duration(i) * time.Second)
		}
		produceN(t, c, topic, 0, 10, stamp)

		p0 := client.TopicPartition{Topic: &topic, Partition: 0}
		p1 := client.TopicPartition{Topic: &topic, Partition: 1}
		missingTopic := topic + "-missing"
		missing := client.TopicPartition{Topic: &missingTopic, Partition: 0}
		list := func(specs map[client.TopicPartition]client.OffsetSpec, opts ...client.ListOffsetsAdminOption) map[client.TopicPartition]client.ListOffsetsResultInfo {
			t.Helper()
			res, err := a.ListOffsets(testCtx(t), specs, opts...)
			require.NoError(t, err)
			require.Len(t, res.ResultInfos, len(specs), "keyed by the request's TopicPartitions")
			return res.ResultInfos
		}

		for _, tc := range []struct {
			name   string
			spec   client.OffsetSpec
			offset client.Offset
		}{
			{"earliest", client.EarliestOffsetSpec, 0},
			{"latest", client.LatestOffsetSpec, 10},
			{"max timestamp", client.MaxTimestampOffsetSpec, 7},
			{"timestamp of record 3", client.NewOffsetSpecForTimestamp(stamp(3).UnixMilli()), 3},
			{"timestamp after record 3", client.NewOffsetSpecForTimestamp(stamp(3).UnixMilli() + 1), 4},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := list(map[client.TopicPartition]client.OffsetSpec{p0: tc.spec, p1: client.LatestOffsetSpec},
					client.SetAdminIsolationLevel(client.IsolationLevelReadCommitted))
				assert.Equal(t, client.ErrNoError, got[p0].Error.Code(), "%v", got[p0].Error)
				assert.Equal(t, tc.offset, got[p0].Offset)
				assert.Equal(t, client.Offset(0), got[p1].Offset, "empty partition")
				if tc.spec == client.MaxTimestampOffsetSpec {
					assert.Equal(t, stamp(7).UnixMilli(), got[p0].Timestamp)
				}
			})
		}

		got := list(map[client.TopicPartition]client.OffsetSpec{p0: client.LatestOffsetSpec, missing: client.LatestOffsetSpec})
		assert.Equal(t, client.Offset(10), got[p0].Offset)
		assert.Equal(t, client.ErrUnknownTopicOrPart, got[missing].Error.Code(), "%v", got[missing].Error)

		// Delete below 4 on p0; p1 and a missing partition fail on their own.
		dres, err := a.DeleteRecords(testCtx(t), []client.TopicPartition{
			{Topic: &topic, Partition: 0, Offset: 4},
			{Topic: &missingTopic, Partition: 0, Offset: 1},
			{Topic: &topic, Partition: 1, Offset: 5},
		}, client.SetAdminOperationTimeout(10*time.Second))
		require.NoError(t, err)
		require.Len(t, dres.DeleteRecordsResults, 3)
		r := dres.DeleteRecordsResults[0]
		require.NoError(t, r.TopicPartition.Error)
		require.NotNil(t, r.DeletedRecords)
		assert.Equal(t, client.Offset(4), r.DeletedRecords.LowWatermark)
		assert.Equal(t, topic, *r.TopicPartition.Topic)
		assert.Equal(t, client.ErrUnknownTopicOrPart, codeOf(t, dres.DeleteRecordsResults[1].TopicPartition.Error))
		assert.Nil(t, dres.DeleteRecordsResults[1].DeletedRecords)
		assert.Equal(t, client.ErrOffsetOutOfRange, codeOf(t, dres.DeleteRecordsResults[2].TopicPartition.Error),
			"beyond the end of the empty partition")
		assert.Equal(t, client.Offset(4), list(map[client.TopicPartition]client.OffsetSpec{p0: client.EarliestOffsetSpec})[p0].Offset)

		// OffsetEnd deletes everything.
		dres, err = a.DeleteRecords(testCtx(t), []client.TopicPartition{{Topic: &topic, Partition: 0, Offset: client.OffsetEnd}})
		require.NoError(t, err)
		require.NotNil(t, dres.DeleteRecordsResults[0].DeletedRecords, "%v", dres.DeleteRecordsResults[0].TopicPartition)
		assert.Equal(t, client.Offset(10), dres.DeleteRecordsResults[0].DeletedRecords.LowWatermark)
	})
}

// TestAdminElectLeaders: a preferred election on partitions whose preferred
// leader already leads reports ErrElectionNotNeeded per partition on Kafka;
// kfake rotates leaders on every election and reports success, in the
// order of the request either way.
func TestAdminElectLeaders(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		topic := c.CreateTopic(t, 2)
		parts := []client.TopicPartition{{Topic: &topic, Partition: 1}, {Topic: &topic, Partition: 0}}
		res, err := a.ElectLeaders(testCtx(t), client.NewElectLeadersRequest(client.ElectionTypePreferred, parts),
			client.SetAdminOperationTimeout(10*time.Second))
		require.NoError(t, err)
		require.Len(t, res.TopicPartitions, 2)

		// Duplicates are refused before anything is sent.
		_, err = a.ElectLeaders(testCtx(t), client.NewElectLeadersRequest(client.ElectionTypePreferred,
			append(parts, parts[0])))
		assert.Equal(t, client.ErrInvalidArg, codeOf(t, err))
		assert.EqualError(t, err, "Duplicate partitions specified")
		for i, tp := range res.TopicPartitions {
			assert.Equal(t, parts[i].Partition, tp.Partition, "request order")
			assert.Equal(t, topic, *tp.Topic)
			want := client.ErrElectionNotNeeded
			if !c.Real {
				want = client.ErrNoError
			}
			require.Error(t, tp.Error, "librdkafka sets an Error on every partition, Success included")
			assert.Equal(t, want, codeOf(t, tp.Error), "%v", tp.Error)
			assert.Equal(t, client.OffsetInvalid, tp.Offset)
		}
	})
}
