package client_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/internal/kafkatest"
)

// TestAdminTopicLifecycle: validate-only creates nothing; create a topic
// with configs and 12 partitions, describe it and its configs, alter a
// config incrementally, add partitions, delete it. Per-topic failures come
// back in the results, not as the call's error.
func TestAdminTopicLifecycle(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		topic := kafkatest.UniqueName(t, "t")
		spec := client.TopicSpecification{
			Topic: topic, NumPartitions: 12, ReplicationFactor: 1,
			Config: map[string]string{"retention.ms": "3600000", "cleanup.policy": "compact"},
		}

		// Validate only: a result without error, and no topic.
		res, err := a.CreateTopics(testCtx(t), []client.TopicSpecification{spec}, client.SetAdminValidateOnly(true))
		require.NoError(t, err)
		require.Len(t, res, 1)
		assert.Equal(t, topic, res[0].Topic)
		assert.Equal(t, client.ErrNoError, res[0].Error.Code(), "%v", res[0].Error)
		desc, err := a.DescribeTopics(testCtx(t), client.NewTopicCollectionOfTopicNames([]string{topic}))
		require.NoError(t, err)
		require.Len(t, desc.TopicDescriptions, 1)
		assert.Equal(t, client.ErrUnknownTopicOrPart, desc.TopicDescriptions[0].Error.Code(), "validate-only created the topic")
		assert.Equal(t, "", desc.TopicDescriptions[0].TopicID.String(), "no id with an error")
		assert.Equal(t, "Broker: Unknown topic or partition", desc.TopicDescriptions[0].Error.String())

		// Create for real, next to an invalid spec whose failure is its own.
		bad := client.TopicSpecification{Topic: topic + "-bad", NumPartitions: 1, ReplicationFactor: 1,
			Config: map[string]string{"cleanup.policy": "no-such-policy"}}
		res, err = a.CreateTopics(testCtx(t), []client.TopicSpecification{bad, spec},
			client.SetAdminOperationTimeout(30*time.Second))
		require.NoError(t, err)
		require.Len(t, res, 2)
		assert.Equal(t, bad.Topic, res[0].Topic, "results in request order")
		if c.Real {
			assert.Equal(t, client.ErrInvalidConfig, res[0].Error.Code(), "%v", res[0])
		}
		assert.Equal(t, topic, res[1].Topic)
		require.Equal(t, client.ErrNoError, res[1].Error.Code(), "%v", res[1])
		t.Cleanup(func() { _, _ = a.DeleteTopics(testCtx(t), []string{topic, bad.Topic}) })

		// Creating it again fails for that topic only.
		res, err = a.CreateTopics(testCtx(t), []client.TopicSpecification{spec})
		require.NoError(t, err)
		assert.Equal(t, client.ErrTopicAlreadyExists, res[0].Error.Code())
		assert.Contains(t, res[0].String(), topic+" (", "TopicResult.String shows the error text")

		// Describe: 12 partitions with leaders, a topic id.
		eventually(t, "describe 12 partitions", func() error {
			desc, err = a.DescribeTopics(testCtx(t), client.NewTopicCollectionOfTopicNames([]string{topic}),
				client.SetAdminOptionIncludeAuthorizedOperations(true))
			if err != nil {
				return err
			}
			if d := desc.TopicDescriptions[0]; d.Error.Code() != client.ErrNoError || len(d.Partitions) != 12 {
				return fmt.Errorf("%v, %d partitions", d.Error, len(d.Partitions))
			}
			return nil
		})
		d := desc.TopicDescriptions[0]
		assert.Equal(t, topic, d.Name)
		assert.False(t, d.IsInternal)
		assert.Len(t, d.TopicID.String(), 22, "base64 without padding")
		assert.NotZero(t, d.TopicID.GetMostSignificantBits()|d.TopicID.GetLeastSignificantBits())
		for i, p := range d.Partitions {
			assert.Equal(t, i, p.Partition)
			require.NotNil(t, p.Leader, "partition %d", i)
			assert.NotEmpty(t, p.Leader.Host)
			assert.Len(t, p.Replicas, 1)
			assert.Len(t, p.Isr, 1)
		}

		// Configs as created.
		cfg := describeTopicConfig(t, a, topic)
		assert.Equal(t, "3600000", cfg["retention.ms"].Value)
		assert.Equal(t, client.ConfigSourceDynamicTopic, cfg["retention.ms"].Source)
		assert.False(t, cfg["retention.ms"].IsDefault)
		assert.Equal(t, "compact", cfg["cleanup.policy"].Value)

		// Incremental alter: set one, delete another.
		ares, err := a.IncrementalAlterConfigs(testCtx(t), []client.ConfigResource{{
			Type: client.ResourceTopic, Name: topic,
			Config: []client.ConfigEntry{
				{Name: "retention.ms", Value: "7200000", IncrementalOperation: client.AlterConfigOpTypeSet},
				{Name: "cleanup.policy", IncrementalOperation: client.AlterConfigOpTypeDelete},
			},
		}})
		require.NoError(t, err)
		require.Len(t, ares, 1)
		assert.Equal(t, client.ErrNoError, ares[0].Error.Code(), "%v", ares[0])
		assert.Equal(t, client.ResourceTopic, ares[0].Type)
		eventually(t, "altered config visible", func() error {
			cfg = describeTopicConfig(t, a, topic)
			if cfg["retention.ms"].Value != "7200000" || cfg["cleanup.policy"].Value != "delete" {
				return fmt.Errorf("retention.ms=%q cleanup.policy=%q", cfg["retention.ms"].Value, cfg["cleanup.policy"].Value)
			}
			return nil
		})
		assert.NotEqual(t, client.ConfigSourceDynamicTopic, cfg["cleanup.policy"].Source, "deleted: back to the default")

		// Add partitions; shrinking fails for the topic, not the call.
		pres, err := a.CreatePartitions(testCtx(t), []client.PartitionsSpecification{{Topic: topic, IncreaseTo: 16}})
		require.NoError(t, err)
		assert.Equal(t, client.ErrNoError, pres[0].Error.Code(), "%v", pres[0])
		eventually(t, "16 partitions", func() error {
			desc, err = a.DescribeTopics(testCtx(t), client.NewTopicCollectionOfTopicNames([]string{topic}))
			if err != nil {
				return err
			}
			if n := len(desc.TopicDescriptions[0].Partitions); n != 16 {
				return fmt.Errorf("%d partitions", n)
			}
			return nil
		})
		pres, err = a.CreatePartitions(testCtx(t), []client.PartitionsSpecification{{Topic: topic, IncreaseTo: 10}})
		require.NoError(t, err)
		assert.Equal(t, client.ErrInvalidPartitions, pres[0].Error.Code(), "%v", pres[0])

		// Delete it, next to one that does not exist.
		missing := topic + "-missing"
		dres, err := a.DeleteTopics(testCtx(t), []string{missing, topic}, client.SetAdminOperationTimeout(30*time.Second))
		require.NoError(t, err)
		require.Len(t, dres, 2)
		assert.Equal(t, missing, dres[0].Topic)
		assert.Equal(t, client.ErrUnknownTopicOrPart, dres[0].Error.Code())
		assert.Equal(t, topic, dres[1].Topic)
		assert.Equal(t, client.ErrNoError, dres[1].Error.Code(), "%v", dres[1])
		eventually(t, "topic gone", func() error {
			desc, err = a.DescribeTopics(testCtx(t), client.NewTopicCollectionOfTopicNames([]string{topic}))
			if err != nil {
				return err
			}
			if code := desc.TopicDescriptions[0].Error.Code(); code != client.ErrUnknownTopicOrPart {
				return fmt.Errorf("still there: %v", code)
			}
			return nil
		})
	})
}

func describeTopicConfig(t *testing.T, a *client.AdminClient, topic string) map[string]client.ConfigEntryResult {
	t.Helper()
	res, err := a.DescribeConfigs(testCtx(t), []client.ConfigResource{{Type: client.ResourceTopic, Name: topic}})
	require.NoError(t, err)
	require.Len(t, res, 1)
	require.Equal(t, client.ErrNoError, res[0].Error.Code(), "%v", res[0])
	assert.Equal(t, topic, res[0].Name)
	assert.Equal(t, client.ResourceTopic, res[0].Type)
	return res[0].Config
}

// TestAdminBrokerConfigs: describe one broker's configuration (with
// synonyms), and the AlterConfigs (full replace) path on a topic.
func TestAdminBrokerConfigs(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		cluster, err := a.DescribeCluster(testCtx(t))
		require.NoError(t, err)
		broker := fmt.Sprint(cluster.Nodes[0].ID)
		res, err := a.DescribeConfigs(testCtx(t), []client.ConfigResource{{Type: client.ResourceBroker, Name: broker}})
		require.NoError(t, err)
		require.Len(t, res, 1)
		require.Equal(t, client.ErrNoError, res[0].Error.Code(), "%v", res[0])
		assert.Equal(t, client.ResourceBroker, res[0].Type)
		assert.Equal(t, broker, res[0].Name)
		assert.NotEmpty(t, res[0].Config)
		assert.Contains(t, res[0].String(), "ResourceResult(BROKER, "+broker+", ")
		if c.Real {
			e, ok := res[0].Config["log.retention.hours"]
			require.True(t, ok)
			assert.NotEmpty(t, e.Synonyms, "synonyms requested")
			for _, s := range e.Synonyms {
				assert.True(t, s.IsSynonym)
			}
		}

		topic := c.CreateTopic(t, 1)
		ares, err := a.AlterConfigs(testCtx(t), []client.ConfigResource{{
			Type: client.ResourceTopic, Name: topic,
			Config: client.StringMapToConfigEntries(map[string]string{"retention.ms": "1234567"}, client.AlterOperationSet),
		}})
		require.NoError(t, err)
		assert.Equal(t, client.ErrNoError, ares[0].Error.Code(), "%v", ares[0])
		eventually(t, "AlterConfigs visible", func() error {
			if v := describeTopicConfig(t, a, topic)["retention.ms"].Value; v != "1234567" {
				return fmt.Errorf("retention.ms=%q", v)
			}
			return nil
		})

		// Group configuration (KIP-848): the group resource type is 32 on
		// the wire and ConfigSourceGroup once set.
		t.Run("group config", func(t *testing.T) {
			group := kafkatest.UniqueName(t, "g")
			gres, err := a.IncrementalAlterConfigs(testCtx(t), []client.ConfigResource{{Type: client.ResourceGroup, Name: group,
				Config: []client.ConfigEntry{{Name: "consumer.session.timeout.ms", Value: "50000"}}}})
			require.NoError(t, err)
			require.Equal(t, client.ErrNoError, gres[0].Error.Code(), "%v", gres[0])
			assert.Equal(t, client.ResourceGroup, gres[0].Type)
			t.Cleanup(func() {
				_, _ = a.IncrementalAlterConfigs(testCtx(t), []client.ConfigResource{{Type: client.ResourceGroup, Name: group,
					Config: []client.ConfigEntry{{Name: "consumer.session.timeout.ms", IncrementalOperation: client.AlterConfigOpTypeDelete}}}})
			})
			// The broker applies the change asynchronously.
			eventually(t, "group config visible", func() error {
				dres, err := a.DescribeConfigs(testCtx(t), []client.ConfigResource{{Type: client.ResourceGroup, Name: group}})
				if err != nil {
					return err
				}
				if dres[0].Error.Code() != client.ErrNoError || dres[0].Type != client.ResourceGroup {
					return fmt.Errorf("%v", dres[0])
				}
				if e := dres[0].Config["consumer.session.timeout.ms"]; e.Value != "50000" || e.Source != client.ConfigSourceGroup {
					return fmt.Errorf("%v from %v", e, e.Source)
				}
				return nil
			})
		})

		// A missing topic is a per-resource error.
		res, err = a.DescribeConfigs(testCtx(t), []client.ConfigResource{
			{Type: client.ResourceTopic, Name: topic}, {Type: client.ResourceTopic, Name: topic + "-missing"}})
		require.NoError(t, err)
		require.Len(t, res, 2)
		assert.Equal(t, client.ErrNoError, res[0].Error.Code())
		assert.Equal(t, topic+"-missing", res[1].Name)
		assert.Equal(t, client.ErrUnknownTopicOrPart, res[1].Error.Code(), "%v", res[1])
	})
}
