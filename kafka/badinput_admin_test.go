package kafka_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/purekafka/purekafka/kafka"
)

// adminCalls are AdminClient calls with nil, empty, zero and huge
// arguments, and what confluent answers. Calls that pass validation reach
// the broker, whose answer the rows do not pin (noPanic): librdkafka's mock
// cluster implements few admin requests, so it has no answer to compare.
func adminCalls(t *testing.T, a *kafka.AdminClient) []badCase {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	invalid := kafka.ErrInvalidArg
	return []badCase{
		{"ClusterID", func() error { _, err := a.ClusterID(ctx); return err }, noPanic()},
		{"ControllerID", func() error { _, err := a.ControllerID(ctx); return err }, noPanic()},
		{"GetMetadata nil, infinite timeout", func() error { _, err := a.GetMetadata(nil, false, -1); return err }, noPanic()},
		// confluent panics indexing the empty slice in every "nil" row
		// marked (index); purekafka returns librdkafka's own error for it.
		{"CreateTopics nil (index)", func() error { _, err := a.CreateTopics(ctx, nil); return err },
			failsText(invalid, "Expected non-empty slice of TopicSpecification structs")},
		{"CreateTopics empty name", func() error {
			_, err := a.CreateTopics(ctx, []kafka.TopicSpecification{{NumPartitions: 1}})
			return err
		}, noPanic()},
		{"CreateTopics huge partitions", func() error {
			_, err := a.CreateTopics(ctx, []kafka.TopicSpecification{{Topic: "x", NumPartitions: math.MaxInt32}})
			return err
		}, failsText(invalid, "Topic x: num_partitions out of expected range 1..100000 or -1 for broker default")},
		{"DeleteTopics nil (index)", func() error { _, err := a.DeleteTopics(ctx, nil); return err },
			failsText(invalid, "Expected non-empty slice of topic names")},
		{"DeleteTopics empty name", func() error { _, err := a.DeleteTopics(ctx, []string{""}); return err }, noPanic()},
		{"CreatePartitions nil (index)", func() error { _, err := a.CreatePartitions(ctx, nil); return err },
			failsText(invalid, "Expected non-empty slice of PartitionsSpecification structs")},
		{"CreatePartitions negative", func() error {
			_, err := a.CreatePartitions(ctx, []kafka.PartitionsSpecification{{Topic: "t", IncreaseTo: -1}})
			return err
		}, failsText(invalid, "Topic t: new_total_cnt out of expected range 1..100000")},
		{"AlterConfigs nil (index)", func() error { _, err := a.AlterConfigs(ctx, nil); return err }, //nolint:staticcheck // deprecated, still public
			failsText(invalid, "Expected non-empty slice of ConfigResource structs")},
		{"IncrementalAlterConfigs nil (index)", func() error { _, err := a.IncrementalAlterConfigs(ctx, nil); return err },
			failsText(invalid, "Expected non-empty slice of ConfigResource structs")},
		{"DescribeConfigs nil (index)", func() error { _, err := a.DescribeConfigs(ctx, nil); return err },
			failsText(invalid, "Expected non-empty slice of ConfigResource structs")},
		{"DescribeConfigs zero resource", func() error { _, err := a.DescribeConfigs(ctx, []kafka.ConfigResource{{}}); return err },
			failsText(invalid, "Invalid arguments for resource Resource(UNKNOWN, )")},
		{"CreateACLs nil", func() error { _, err := a.CreateACLs(ctx, nil); return err },
			failsText(invalid, "Expected non-nil slice of ACLBinding structs")},
		// confluent prints the filter through a pointer ("&{...}"); the code
		// and the reason match.
		{"DescribeACLs zero filter", func() error { _, err := a.DescribeACLs(ctx, kafka.ACLBindingFilter{}); return err }, fails(invalid)},
		{"DeleteACLs nil", func() error { _, err := a.DeleteACLs(ctx, nil); return err },
			failsText(invalid, "Expected non-nil slice of ACLBindingFilter structs")},
		{"ListConsumerGroups", func() error { _, err := a.ListConsumerGroups(ctx); return err }, noPanic()},
		{"DescribeConsumerGroups nil", func() error { _, err := a.DescribeConsumerGroups(ctx, nil); return err }, fails(invalid)},
		{"DescribeConsumerGroups empty name", func() error { _, err := a.DescribeConsumerGroups(ctx, []string{""}); return err }, noPanic()},
		{"DescribeTopics nil", func() error { _, err := a.DescribeTopics(ctx, kafka.NewTopicCollectionOfTopicNames(nil)); return err },
			fails(invalid)},
		{"DescribeTopics empty name", func() error {
			_, err := a.DescribeTopics(ctx, kafka.NewTopicCollectionOfTopicNames([]string{""}))
			return err
		}, noPanic()},
		{"DescribeCluster", func() error { _, err := a.DescribeCluster(ctx); return err }, noPanic()},
		{"DeleteConsumerGroups nil (index)", func() error { _, err := a.DeleteConsumerGroups(ctx, nil); return err }, fails(invalid)},
		// confluent returns these two as plain errors, not kafka.Error.
		{"ListConsumerGroupOffsets nil", func() error { _, err := a.ListConsumerGroupOffsets(ctx, nil); return err },
			plainError("expected length of groupsPartitions is 1, got 0")},
		{"AlterConsumerGroupOffsets nil", func() error { _, err := a.AlterConsumerGroupOffsets(ctx, nil); return err },
			plainError("expected length of groupsPartitions is 1, got 0")},
		{"DescribeUserScramCredentials nil", func() error { _, err := a.DescribeUserScramCredentials(ctx, nil); return err }, noPanic()},
		{"AlterUserScramCredentials nil", func() error { _, err := a.AlterUserScramCredentials(ctx, nil, nil); return err }, fails(invalid)},
		{"ListOffsets nil", func() error { _, err := a.ListOffsets(ctx, nil); return err },
			failsText(invalid, "expected topicPartitionOffsets parameter.")},
		{"DeleteRecords nil", func() error { _, err := a.DeleteRecords(ctx, nil); return err }, fails(invalid)},
		{"ElectLeaders zero request", func() error { _, err := a.ElectLeaders(ctx, kafka.ElectLeadersRequest{}); return err }, noPanic()},
		{"SetOAuthBearerToken zero, not configured", func() error { return a.SetOAuthBearerToken(kafka.OAuthBearerToken{}) }, fails(kafka.ErrState)},
		{"SetOAuthBearerTokenFailure empty, not configured", func() error { return a.SetOAuthBearerTokenFailure("") }, fails(kafka.ErrState)},
		{"SetSaslCredentials empty", func() error { return a.SetSaslCredentials("", "") }, ok()},
		{"IsClosed, String", func() error {
			assert.False(t, a.IsClosed())
			assert.True(t, strings.Contains(a.String(), "#producer-"), "an AdminClient is a producer instance in librdkafka")
			return nil
		}, ok()},
	}
}

// TestBadInputAdmin runs adminCalls on an open AdminClient, then every call
// on a closed one, where each must fail with confluent's closed-client
// error.
func TestBadInputAdmin(t *testing.T) {
	t.Parallel()
	mc := mockCluster(t)
	a := must[*kafka.AdminClient](t)(kafka.NewAdminClient(&kafka.ConfigMap{"bootstrap.servers": mc.BootstrapServers()}))
	defer a.Close()
	runBad(t, adminCalls(t, a))

	closed := must[*kafka.AdminClient](t)(kafka.NewAdminClient(&kafka.ConfigMap{"bootstrap.servers": mc.BootstrapServers()}))
	closed.Close()
	closed.Close() // twice: no panic, as in confluent
	var onClosed []badCase
	for _, c := range adminCalls(t, closed) {
		if c.name == "IsClosed, String" {
			c.call = func() error {
				assert.True(t, closed.IsClosed())
				assert.True(t, strings.Contains(closed.String(), "#producer-"))
				return nil
			}
		} else {
			// Every call fails as closed before it looks at its arguments.
			// One deviation: confluent validates ListOffsets' argument
			// before it checks for Close.
			c.want = closedErr
		}
		onClosed = append(onClosed, c)
	}
	t.Run("closed", func(t *testing.T) { runBad(t, onClosed) })
}
