package client_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/purekafka/purekafka/client"
)

// offlineAdmin is an AdminClient whose broker does not exist: every call
// here must fail validation before anything is sent.
func offlineAdmin(t *testing.T) *client.AdminClient {
	t.Helper()
	a, err := client.NewAdminClient(&client.ConfigMap{"bootstrap.servers": "127.0.0.1:1"})
	require.NoError(t, err)
	t.Cleanup(a.Close)
	return a
}

// TestAdminInvalidArguments: bad arguments fail with confluent's codes and
// texts, locally, without a panic; where the reference panics (empty
// slices it indexes, a nil topic it dereferences) ErrInvalidArg instead.
func TestAdminInvalidArguments(t *testing.T) {
	t.Parallel()
	a := offlineAdmin(t)
	ctx := context.Background()
	topic := "t"
	tp := func(p int32, o client.Offset) client.TopicPartition {
		return client.TopicPartition{Topic: &topic, Partition: p, Offset: o}
	}
	okBinding := client.ACLBinding{Type: client.ResourceTopic, Name: "t", ResourcePatternType: client.ResourcePatternTypeLiteral,
		Principal: "User:a", Host: "*", Operation: client.ACLOperationRead, PermissionType: client.ACLPermissionTypeAllow}
	anyFilter := client.ACLBindingFilter{Type: client.ResourceAny, ResourcePatternType: client.ResourcePatternTypeAny,
		Operation: client.ACLOperationAny, PermissionType: client.ACLPermissionTypeAny}
	withBinding := func(f func(*client.ACLBinding)) client.ACLBindings {
		b := okBinding
		f(&b)
		return client.ACLBindings{b}
	}
	upsert := func(f func(*client.UserScramCredentialUpsertion)) []client.UserScramCredentialUpsertion {
		u := client.UserScramCredentialUpsertion{User: "u", Password: []byte("p"),
			ScramCredentialInfo: client.ScramCredentialInfo{Mechanism: client.ScramMechanismSHA256, Iterations: 4096}}
		f(&u)
		return []client.UserScramCredentialUpsertion{u}
	}

	for _, tc := range []struct {
		name string
		call func() error
		code client.ErrorCode
		text string
	}{
		{"CreateTopics empty", func() error { _, err := a.CreateTopics(ctx, nil); return err },
			client.ErrInvalidArg, "Expected non-empty slice of TopicSpecification structs"},
		{"CreateTopics partitions", func() error {
			_, err := a.CreateTopics(ctx, []client.TopicSpecification{{Topic: "x", NumPartitions: -2}})
			return err
		}, client.ErrInvalidArg, "Topic x: num_partitions out of expected range 1..100000 or -1 for broker default"},
		{"CreateTopics replication factor", func() error {
			_, err := a.CreateTopics(ctx, []client.TopicSpecification{{Topic: "x", NumPartitions: 1, ReplicationFactor: -2}})
			return err
		}, client.ErrInvalidArg, "Topic x: replication_factor out of expected range -1..10000"},
		{"CreateTopics assignment and factor", func() error {
			_, err := a.CreateTopics(ctx, []client.TopicSpecification{{Topic: "x", NumPartitions: 1, ReplicationFactor: 1,
				ReplicaAssignment: [][]int32{{1}}}})
			return err
		}, client.ErrInvalidArg, "TopicSpecification.ReplicationFactor and TopicSpecification.ReplicaAssignment are mutually exclusive"},
		{"CreateTopics assignment length", func() error {
			_, err := a.CreateTopics(ctx, []client.TopicSpecification{{Topic: "x", NumPartitions: 2, ReplicaAssignment: [][]int32{{1}}}})
			return err
		}, client.ErrInvalidArg, "TopicSpecification.ReplicaAssignment must contain exactly TopicSpecification.NumPartitions partitions"},
		{"DeleteTopics empty", func() error { _, err := a.DeleteTopics(ctx, []string{}); return err },
			client.ErrInvalidArg, "Expected non-empty slice of topic names"},
		{"CreatePartitions empty", func() error { _, err := a.CreatePartitions(ctx, nil); return err },
			client.ErrInvalidArg, "Expected non-empty slice of PartitionsSpecification structs"},
		{"CreatePartitions count", func() error {
			_, err := a.CreatePartitions(ctx, []client.PartitionsSpecification{{Topic: "x", IncreaseTo: 0}})
			return err
		}, client.ErrInvalidArg, "Topic x: new_total_cnt out of expected range 1..100000"},
		{"DescribeTopics nil", func() error {
			_, err := a.DescribeTopics(ctx, client.NewTopicCollectionOfTopicNames(nil))
			return err
		}, client.ErrInvalidArg, "TopicCollection of topic names cannot be nil"},
		{"DescribeTopics duplicate", func() error {
			_, err := a.DescribeTopics(ctx, client.NewTopicCollectionOfTopicNames([]string{"a", "a"}))
			return err
		}, client.ErrInvalidArg, "Duplicate topics not allowed"},
		{"DescribeTopics empty name", func() error {
			_, err := a.DescribeTopics(ctx, client.NewTopicCollectionOfTopicNames([]string{"a", ""}))
			return err
		}, client.ErrInvalidArg, "Empty topic name at index 1 isn't allowed"},
		{"DescribeConfigs empty", func() error { _, err := a.DescribeConfigs(ctx, nil); return err },
			client.ErrInvalidArg, "Expected non-empty slice of ConfigResource structs"},
		{"DescribeConfigs no name", func() error {
			_, err := a.DescribeConfigs(ctx, []client.ConfigResource{{Type: client.ResourceTopic}})
			return err
		}, client.ErrInvalidArg, "Invalid arguments for resource Resource(TOPIC, )"},
		{"DescribeConfigs two brokers", func() error {
			_, err := a.DescribeConfigs(ctx, []client.ConfigResource{{Type: client.ResourceBroker, Name: "1"}, {Type: client.ResourceBroker, Name: "2"}})
			return err
		}, client.ErrConflict, "Only one ConfigResource of type BROKER is allowed per call"},
		{"DescribeConfigs broker name", func() error {
			_, err := a.DescribeConfigs(ctx, []client.ConfigResource{{Type: client.ResourceBroker, Name: "b1"}})
			return err
		}, client.ErrInvalidArg, "Expected an int32 broker_id for ConfigResource(type=BROKER, name=b1)"},
		{"AlterConfigs operation", func() error {
			_, err := a.AlterConfigs(ctx, []client.ConfigResource{{Type: client.ResourceTopic, Name: "t",
				Config: []client.ConfigEntry{{Name: "a", Value: "b", Operation: 1}}}})
			return err
		}, client.ErrInvalidArg, "Invalid ConfigEntry.Operation: Unknown1?"},
		{"AlterConfigs empty name", func() error {
			_, err := a.AlterConfigs(ctx, []client.ConfigResource{{Type: client.ResourceTopic, Name: "t",
				Config: []client.ConfigEntry{{Value: "b"}}}})
			return err
		}, client.ErrInvalidArg, `Failed to add configuration Set ="b": Local: Invalid argument or configuration`},
		{"IncrementalAlterConfigs op", func() error {
			_, err := a.IncrementalAlterConfigs(ctx, []client.ConfigResource{{Type: client.ResourceTopic, Name: "t",
				Config: []client.ConfigEntry{{Name: "a", IncrementalOperation: 4}}}})
			return err
		}, client.ErrInvalidArg, "Invalid alter config operation type"},
		{"IncrementalAlterConfigs empty name", func() error {
			_, err := a.IncrementalAlterConfigs(ctx, []client.ConfigResource{{Type: client.ResourceTopic, Name: "t",
				Config: []client.ConfigEntry{{Value: "x"}}}})
			return err
		}, client.ErrInvalidArg, "Config name mustn't be empty"},
		{"IncrementalAlterConfigs duplicate entry", func() error {
			_, err := a.IncrementalAlterConfigs(ctx, []client.ConfigResource{{Type: client.ResourceTopic, Name: "t",
				Config: []client.ConfigEntry{{Name: "a"}, {Name: "a"}}}})
			return err
		}, client.ErrInvalidArg, "Duplicate ConfigEntry found"},
		{"IncrementalAlterConfigs duplicate resource", func() error {
			_, err := a.IncrementalAlterConfigs(ctx, []client.ConfigResource{{Type: client.ResourceTopic, Name: "t"},
				{Type: client.ResourceTopic, Name: "t"}})
			return err
		}, client.ErrInvalidArg, "Duplicate ConfigResource found"},
		{"CreateACLs nil", func() error { _, err := a.CreateACLs(ctx, nil); return err },
			client.ErrInvalidArg, "Expected non-nil slice of ACLBinding structs"},
		{"CreateACLs empty", func() error { _, err := a.CreateACLs(ctx, client.ACLBindings{}); return err },
			client.ErrInvalidArg, "Expected non-empty slice of ACLBinding structs"},
		{"CreateACLs no name", func() error {
			_, err := a.CreateACLs(ctx, withBinding(func(b *client.ACLBinding) { b.Name = "" }))
			return err
		}, client.ErrInvalidArg, "Invalid arguments for ACL binding {TOPIC  LITERAL User:a * READ ALLOW}: Invalid resource name"},
		{"CreateACLs any type", func() error {
			_, err := a.CreateACLs(ctx, withBinding(func(b *client.ACLBinding) { b.Type = client.ResourceAny }))
			return err
		}, client.ErrInvalidArg, "Invalid arguments for ACL binding {ANY t LITERAL User:a * READ ALLOW}: Invalid resource type"},
		{"CreateACLs match pattern", func() error {
			_, err := a.CreateACLs(ctx, withBinding(func(b *client.ACLBinding) { b.ResourcePatternType = client.ResourcePatternTypeMatch }))
			return err
		}, client.ErrInvalidArg, "Invalid arguments for ACL binding {TOPIC t MATCH User:a * READ ALLOW}: Invalid resource pattern type"},
		{"CreateACLs any operation", func() error {
			_, err := a.CreateACLs(ctx, withBinding(func(b *client.ACLBinding) { b.Operation = client.ACLOperationAny }))
			return err
		}, client.ErrInvalidArg, "Invalid arguments for ACL binding {TOPIC t LITERAL User:a * ANY ALLOW}: Invalid operation"},
		{"CreateACLs unknown permission", func() error {
			_, err := a.CreateACLs(ctx, withBinding(func(b *client.ACLBinding) { b.PermissionType = client.ACLPermissionTypeUnknown }))
			return err
		}, client.ErrInvalidArg, "Invalid arguments for ACL binding {TOPIC t LITERAL User:a * READ UNKNOWN}: Invalid permission type"},
		{"DescribeACLs unknown type", func() error {
			f := anyFilter
			f.Type = client.ResourceUnknown
			_, err := a.DescribeACLs(ctx, f)
			return err
		}, client.ErrInvalidArg, "Invalid arguments for ACL binding filter {UNKNOWN  ANY   ANY ANY}: Invalid resource type"},
		{"DeleteACLs nil", func() error { _, err := a.DeleteACLs(ctx, nil); return err },
			client.ErrInvalidArg, "Expected non-nil slice of ACLBindingFilter structs"},
		{"DeleteACLs empty", func() error { _, err := a.DeleteACLs(ctx, client.ACLBindingFilters{}); return err },
			client.ErrInvalidArg, "Expected non-empty slice of ACLBindingFilter structs"},
		{"DescribeConsumerGroups empty", func() error { _, err := a.DescribeConsumerGroups(ctx, nil); return err },
			client.ErrInvalidArg, "No groups to describe"},
		{"DescribeConsumerGroups duplicate", func() error {
			_, err := a.DescribeConsumerGroups(ctx, []string{"g", "g"})
			return err
		}, client.ErrInvalidArg, "Duplicate groups not allowed"},
		{"DeleteConsumerGroups empty", func() error { _, err := a.DeleteConsumerGroups(ctx, []string{}); return err },
			client.ErrInvalidArg, "No groups to delete"},
		{"DeleteConsumerGroups duplicate", func() error {
			_, err := a.DeleteConsumerGroups(ctx, []string{"g", "g"})
			return err
		}, client.ErrInvalidArg, "Duplicate groups not allowed"},
		{"ListConsumerGroups bad state", func() error {
			_, err := a.ListConsumerGroups(ctx, client.SetAdminMatchConsumerGroupStates([]client.ConsumerGroupState{7}))
			return err
		}, client.ErrInvalidArg, "Invalid group state value"},
		{"ListConsumerGroups duplicate state", func() error {
			_, err := a.ListConsumerGroups(ctx, client.SetAdminMatchConsumerGroupStates(
				[]client.ConsumerGroupState{client.ConsumerGroupStateEmpty, client.ConsumerGroupStateEmpty}))
			return err
		}, client.ErrInvalidArg, "Duplicate states not allowed"},
		{"ListConsumerGroups unknown type", func() error {
			_, err := a.ListConsumerGroups(ctx, client.SetAdminMatchConsumerGroupTypes([]client.ConsumerGroupType{client.ConsumerGroupTypeUnknown}))
			return err
		}, client.ErrInvalidArg, "UNKNOWN type is not allowed"},
		{"ListConsumerGroupOffsets empty list", func() error {
			_, err := a.ListConsumerGroupOffsets(ctx, []client.ConsumerGroupTopicPartitions{{Group: "g", Partitions: []client.TopicPartition{}}})
			return err
		}, client.ErrInvalidArg, "NULL or non-empty topic partition list must be passed"},
		{"ListConsumerGroupOffsets duplicate", func() error {
			_, err := a.ListConsumerGroupOffsets(ctx, []client.ConsumerGroupTopicPartitions{{Group: "g",
				Partitions: []client.TopicPartition{tp(0, 0), tp(0, 0)}}})
			return err
		}, client.ErrInvalidArg, "Duplicate partitions not allowed"},
		{"ListConsumerGroupOffsets nil topic", func() error {
			_, err := a.ListConsumerGroupOffsets(ctx, []client.ConsumerGroupTopicPartitions{{Group: "g",
				Partitions: []client.TopicPartition{{Partition: 0}}}})
			return err
		}, client.ErrInvalidArg, "Partition at index 0 has no topic"},
		{"AlterConsumerGroupOffsets empty", func() error {
			_, err := a.AlterConsumerGroupOffsets(ctx, []client.ConsumerGroupTopicPartitions{{Group: "g"}})
			return err
		}, client.ErrInvalidArg, "Non-empty topic partition list must be present"},
		{"AlterConsumerGroupOffsets negative", func() error {
			_, err := a.AlterConsumerGroupOffsets(ctx, []client.ConsumerGroupTopicPartitions{{Group: "g",
				Partitions: []client.TopicPartition{tp(0, client.OffsetEnd)}}})
			return err
		}, client.ErrInvalidArg, "All topic-partition offsets must be >= 0"},
		{"ListOffsets nil", func() error { _, err := a.ListOffsets(ctx, nil); return err },
			client.ErrInvalidArg, "expected topicPartitionOffsets parameter."},
		{"ListOffsets negative partition", func() error {
			_, err := a.ListOffsets(ctx, map[client.TopicPartition]client.OffsetSpec{tp(-1, 0): client.LatestOffsetSpec})
			return err
		}, client.ErrInvalidArg, "Partition at index 0 cannot be negative"},
		{"ListOffsets empty topic", func() error {
			empty := ""
			_, err := a.ListOffsets(ctx, map[client.TopicPartition]client.OffsetSpec{{Topic: &empty}: client.LatestOffsetSpec})
			return err
		}, client.ErrInvalidArg, "Partition topic name at index 0 must be non-empty"},
		{"ListOffsets bad spec", func() error {
			_, err := a.ListOffsets(ctx, map[client.TopicPartition]client.OffsetSpec{tp(0, 0): -4})
			return err
		}, client.ErrInvalidArg, "Partition 0 has an invalid offset -4"},
		{"ListOffsets duplicate", func() error {
			other := "t"
			_, err := a.ListOffsets(ctx, map[client.TopicPartition]client.OffsetSpec{
				tp(0, 0): client.LatestOffsetSpec, {Topic: &other}: client.EarliestOffsetSpec})
			return err
		}, client.ErrInvalidArg, "Partitions must not contain duplicates"},
		{"DeleteRecords empty", func() error { _, err := a.DeleteRecords(ctx, nil); return err },
			client.ErrInvalidArg, "No records to delete"},
		{"DeleteRecords duplicate", func() error {
			_, err := a.DeleteRecords(ctx, []client.TopicPartition{tp(0, 1), tp(0, 2)})
			return err
		}, client.ErrInvalidArg, "Duplicate partitions not allowed"},
		{"DescribeUserScramCredentials empty user", func() error {
			_, err := a.DescribeUserScramCredentials(ctx, []string{"a", ""})
			return err
		}, client.ErrInvalidArg, "Empty users aren't allowed, index 1"},
		{"DescribeUserScramCredentials duplicate", func() error {
			_, err := a.DescribeUserScramCredentials(ctx, []string{"a", "a"})
			return err
		}, client.ErrInvalidArg, "Duplicate users aren't allowed in the same request"},
		{"AlterUserScramCredentials nothing", func() error {
			_, err := a.AlterUserScramCredentials(ctx, nil, nil)
			return err
		}, client.ErrInvalidArg, "At least one alteration is required"},
		{"AlterUserScramCredentials mechanism", func() error {
			_, err := a.AlterUserScramCredentials(ctx, upsert(func(u *client.UserScramCredentialUpsertion) {
				u.ScramCredentialInfo.Mechanism = client.ScramMechanismUnknown
			}), nil)
			return err
		}, client.ErrInvalidArg, "SCRAM mechanism must be specified at index 0"},
		{"AlterUserScramCredentials password", func() error {
			_, err := a.AlterUserScramCredentials(ctx, upsert(func(u *client.UserScramCredentialUpsertion) { u.Password = nil }), nil)
			return err
		}, client.ErrInvalidArg, "Empty password at index 0"},
		{"AlterUserScramCredentials iterations", func() error {
			_, err := a.AlterUserScramCredentials(ctx, upsert(func(u *client.UserScramCredentialUpsertion) {
				u.ScramCredentialInfo.Iterations = 0
			}), nil)
			return err
		}, client.ErrInvalidArg, "Non-positive iterations at index 0"},
		{"AlterUserScramCredentials deletion user", func() error {
			_, err := a.AlterUserScramCredentials(ctx, upsert(func(*client.UserScramCredentialUpsertion) {}),
				[]client.UserScramCredentialDeletion{{Mechanism: client.ScramMechanismSHA256}})
			return err
		}, client.ErrInvalidArg, "Empty user at index 1"},
		{"request timeout range", func() error {
			_, err := a.DescribeCluster(ctx, client.SetAdminRequestTimeout(2*time.Hour))
			return err
		}, client.ErrInvalidArg, "Invalid value for request_timeout: 7200000 (expected 0..3600000)"},
		{"operation timeout range", func() error {
			_, err := a.DeleteTopics(ctx, []string{"t"}, client.SetAdminOperationTimeout(-2*time.Millisecond))
			return err
		}, client.ErrInvalidArg, "Failed to set operation timeout: Invalid value for operation_timeout: -2000000 (expected -1..3600000)"},
		{"isolation level", func() error {
			_, err := a.ListOffsets(ctx, map[client.TopicPartition]client.OffsetSpec{}, client.SetAdminIsolationLevel(2))
			return err
		}, client.ErrInvalidArg, "Invalid value for isolation_level: 2 (expected 0..1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.Error(t, err)
			assert.Equal(t, tc.code, codeOf(t, err))
			assert.Equal(t, tc.text, err.Error())
		})
	}

	// The single-group offset calls fail with a plain error, not a
	// kafka.Error, exactly as the reference does.
	_, err := a.ListConsumerGroupOffsets(ctx, nil)
	require.EqualError(t, err, "expected length of groupsPartitions is 1, got 0")
	assert.False(t, errors.As(err, new(client.Error)))
	_, err = a.AlterConsumerGroupOffsets(ctx, make([]client.ConsumerGroupTopicPartitions, 2))
	require.EqualError(t, err, "expected length of groupsPartitions is 1, got 2")

	// Empty but valid inputs answer without a broker.
	lres, err := a.ListOffsets(ctx, map[client.TopicPartition]client.OffsetSpec{})
	require.NoError(t, err)
	assert.Empty(t, lres.ResultInfos)
	dres, err := a.DescribeTopics(ctx, client.NewTopicCollectionOfTopicNames([]string{}))
	require.NoError(t, err)
	assert.Empty(t, dres.TopicDescriptions)
}

// TestAdminClosed: every call on a closed AdminClient fails with confluent's
// ErrState "Operation not allowed on closed client"; Close is idempotent.
func TestAdminClosed(t *testing.T) {
	t.Parallel()
	a := offlineAdmin(t)
	assert.False(t, a.IsClosed())
	a.Close()
	a.Close()
	assert.True(t, a.IsClosed())
	ctx := context.Background()
	topic := "t"
	calls := map[string]func() error{
		"CreateTopics": func() error { _, err := a.CreateTopics(ctx, []client.TopicSpecification{{Topic: "t"}}); return err },
		"DeleteTopics": func() error { _, err := a.DeleteTopics(ctx, []string{"t"}); return err },
		"CreatePartitions": func() error {
			_, err := a.CreatePartitions(ctx, []client.PartitionsSpecification{{Topic: "t"}})
			return err
		},
		"DescribeTopics": func() error {
			_, err := a.DescribeTopics(ctx, client.NewTopicCollectionOfTopicNames([]string{"t"}))
			return err
		},
		"DescribeConfigs": func() error { _, err := a.DescribeConfigs(ctx, nil); return err },
		"AlterConfigs":    func() error { _, err := a.AlterConfigs(ctx, nil); return err },
		"IncrementalAlterConfigs": func() error {
			_, err := a.IncrementalAlterConfigs(ctx, nil)
			return err
		},
		"CreateACLs":             func() error { _, err := a.CreateACLs(ctx, nil); return err },
		"DescribeACLs":           func() error { _, err := a.DescribeACLs(ctx, client.ACLBindingFilter{}); return err },
		"DeleteACLs":             func() error { _, err := a.DeleteACLs(ctx, nil); return err },
		"ListConsumerGroups":     func() error { _, err := a.ListConsumerGroups(ctx); return err },
		"DescribeConsumerGroups": func() error { _, err := a.DescribeConsumerGroups(ctx, []string{"g"}); return err },
		"DeleteConsumerGroups":   func() error { _, err := a.DeleteConsumerGroups(ctx, []string{"g"}); return err },
		"ListConsumerGroupOffsets": func() error {
			_, err := a.ListConsumerGroupOffsets(ctx, []client.ConsumerGroupTopicPartitions{{Group: "g"}})
			return err
		},
		"AlterConsumerGroupOffsets": func() error {
			_, err := a.AlterConsumerGroupOffsets(ctx, []client.ConsumerGroupTopicPartitions{{Group: "g"}})
			return err
		},
		"DescribeCluster": func() error { _, err := a.DescribeCluster(ctx); return err },
		"ClusterID":       func() error { _, err := a.ClusterID(ctx); return err },
		"ControllerID":    func() error { _, err := a.ControllerID(ctx); return err },
		"GetMetadata":     func() error { _, err := a.GetMetadata(nil, true, 100); return err },
		"ListOffsets": func() error {
			_, err := a.ListOffsets(ctx, map[client.TopicPartition]client.OffsetSpec{{Topic: &topic}: client.LatestOffsetSpec})
			return err
		},
		"DeleteRecords": func() error { _, err := a.DeleteRecords(ctx, []client.TopicPartition{{Topic: &topic}}); return err },
		"ElectLeaders": func() error {
			_, err := a.ElectLeaders(ctx, client.NewElectLeadersRequest(client.ElectionTypePreferred, nil))
			return err
		},
		"DescribeUserScramCredentials": func() error { _, err := a.DescribeUserScramCredentials(ctx, nil); return err },
		"AlterUserScramCredentials": func() error {
			_, err := a.AlterUserScramCredentials(ctx, nil, nil)
			return err
		},
		"SetSaslCredentials":         func() error { return a.SetSaslCredentials("u", "p") },
		"SetOAuthBearerToken":        func() error { return a.SetOAuthBearerToken(client.OAuthBearerToken{}) },
		"SetOAuthBearerTokenFailure": func() error { return a.SetOAuthBearerTokenFailure("x") },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			err := call()
			assert.Equal(t, client.NewClosedClientError(), err)
		})
	}
}

// TestAdminTimeouts: the request timeout ends a call with ErrTimedOut; the
// caller's context ending first gives its own error, as the reference
// returns ctx.Err().
func TestAdminTimeouts(t *testing.T) {
	t.Parallel()
	a := offlineAdmin(t)
	start := time.Now()
	_, err := a.DescribeCluster(context.Background(), client.SetAdminRequestTimeout(300*time.Millisecond))
	require.Error(t, err)
	assert.Equal(t, client.ErrTimedOut, codeOf(t, err), "%v", err)
	assert.True(t, err.(client.Error).IsTimeout())
	assert.Less(t, time.Since(start), 10*time.Second)

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = a.CreateTopics(ctx, []client.TopicSpecification{{Topic: "t", NumPartitions: 1}})
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = a.ListConsumerGroups(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	_, err = a.ClusterID(ctx)
	assert.ErrorIs(t, err, context.Canceled)

	// Calls that fan out per item (one request per group coordinator)
	// report the request timeout per item, as librdkafka does.
	res, err := a.DeleteConsumerGroups(context.Background(), []string{"g"}, client.SetAdminRequestTimeout(300*time.Millisecond))
	require.NoError(t, err)
	require.Len(t, res.ConsumerGroupResults, 1)
	assert.Equal(t, client.ErrTimedOut, res.ConsumerGroupResults[0].Error.Code(), "%v", res.ConsumerGroupResults[0])
}

// TestAdminScramAuthenticates: credentials made by AlterUserScramCredentials
// (salted and hashed here) let a client log in; needs a SASL listener, which
// only kfake provides in these tests.
func TestAdminScramAuthenticates(t *testing.T) {
	t.Parallel()
	fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-256", "admin", "admin"))
	require.NoError(t, err)
	t.Cleanup(fake.Close)
	conf := func(mech, user, pass string) *client.ConfigMap {
		return &client.ConfigMap{"bootstrap.servers": fake.ListenAddrs()[0], "security.protocol": "SASL_PLAINTEXT",
			"sasl.mechanisms": mech, "sasl.username": user, "sasl.password": pass}
	}
	a, err := client.NewAdminClient(conf("SCRAM-SHA-256", "admin", "admin"))
	require.NoError(t, err)
	defer a.Close()
	for _, m := range []client.ScramMechanism{client.ScramMechanismSHA256, client.ScramMechanismSHA512} {
		t.Run(m.String(), func(t *testing.T) {
			user := "alice-" + m.String()
			res, err := a.AlterUserScramCredentials(testCtx(t), []client.UserScramCredentialUpsertion{{User: user,
				ScramCredentialInfo: client.ScramCredentialInfo{Mechanism: m, Iterations: 4096}, Password: []byte("wonderland")}}, nil)
			require.NoError(t, err)
			require.Equal(t, client.ErrNoError, res.Errors[user].Code(), "%v", res.Errors[user])

			alice, err := client.NewAdminClient(conf(m.String(), user, "wonderland"))
			require.NoError(t, err)
			defer alice.Close()
			id, err := alice.ClusterID(testCtx(t))
			require.NoError(t, err)
			assert.NotEmpty(t, id)

			// A wrong password does not log in; SetSaslCredentials fixes it
			// for new connections.
			bad, err := client.NewAdminClient(conf(m.String(), user, "looking-glass"))
			require.NoError(t, err)
			defer bad.Close()
			_, err = bad.DescribeCluster(testCtx(t), client.SetAdminRequestTimeout(2*time.Second))
			require.Error(t, err)
			require.NoError(t, bad.SetSaslCredentials(user, "wonderland"))
			_, err = bad.DescribeCluster(testCtx(t))
			assert.NoError(t, err)
		})
	}
}
