package client_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/consumer"
	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/producer"
)

// The option matrix is the API: an option a call does not take must not
// compile as its argument. These hold at compile time; TestAdminOptionMatrix
// checks the negative side.
var (
	_ client.CreateTopicsAdminOption       = client.SetAdminValidateOnly(true)
	_ client.ElectLeadersAdminOption       = client.SetAdminOperationTimeout(0)
	_ client.ListOffsetsAdminOption        = client.SetAdminIsolationLevel(0)
	_ client.DescribeClusterAdminOption    = client.SetAdminOptionIncludeAuthorizedOperations(true)
	_ client.Handle                        = (*client.AdminClient)(nil)
	_ client.AlterConfigsAdminOption       = client.SetAdminRequestTimeout(0)
	_ client.ListConsumerGroupsAdminOption = client.SetAdminMatchConsumerGroupTypes(nil)
)

// TestAdminOptionMatrix: which option implements which per-call interface,
// exactly as in confluent-kafka-go v2.11.1.
func TestAdminOptionMatrix(t *testing.T) {
	t.Parallel()
	iface := func(p any) reflect.Type { return reflect.TypeOf(p).Elem() }
	calls := map[string]reflect.Type{
		"CreateTopics":                 iface((*client.CreateTopicsAdminOption)(nil)),
		"DeleteTopics":                 iface((*client.DeleteTopicsAdminOption)(nil)),
		"CreatePartitions":             iface((*client.CreatePartitionsAdminOption)(nil)),
		"AlterConfigs":                 iface((*client.AlterConfigsAdminOption)(nil)),
		"DescribeConfigs":              iface((*client.DescribeConfigsAdminOption)(nil)),
		"CreateACLs":                   iface((*client.CreateACLsAdminOption)(nil)),
		"DescribeACLs":                 iface((*client.DescribeACLsAdminOption)(nil)),
		"DeleteACLs":                   iface((*client.DeleteACLsAdminOption)(nil)),
		"ListConsumerGroups":           iface((*client.ListConsumerGroupsAdminOption)(nil)),
		"DescribeConsumerGroups":       iface((*client.DescribeConsumerGroupsAdminOption)(nil)),
		"DescribeTopics":               iface((*client.DescribeTopicsAdminOption)(nil)),
		"DescribeCluster":              iface((*client.DescribeClusterAdminOption)(nil)),
		"DeleteConsumerGroups":         iface((*client.DeleteConsumerGroupsAdminOption)(nil)),
		"ListConsumerGroupOffsets":     iface((*client.ListConsumerGroupOffsetsAdminOption)(nil)),
		"AlterConsumerGroupOffsets":    iface((*client.AlterConsumerGroupOffsetsAdminOption)(nil)),
		"DescribeUserScramCredentials": iface((*client.DescribeUserScramCredentialsAdminOption)(nil)),
		"AlterUserScramCredentials":    iface((*client.AlterUserScramCredentialsAdminOption)(nil)),
		"ListOffsets":                  iface((*client.ListOffsetsAdminOption)(nil)),
		"DeleteRecords":                iface((*client.DeleteRecordsAdminOption)(nil)),
		"ElectLeaders":                 iface((*client.ElectLeadersAdminOption)(nil)),
	}
	require.Len(t, calls, 20)
	all := make([]string, 0, len(calls))
	for name := range calls {
		all = append(all, name)
	}
	adminOption := iface((*client.AdminOption)(nil))
	for _, tc := range []struct {
		option     any
		comparable bool
		calls      []string
	}{
		{client.SetAdminOperationTimeout(0), true,
			[]string{"CreateTopics", "DeleteTopics", "CreatePartitions", "DeleteRecords", "ElectLeaders"}},
		{client.SetAdminRequestTimeout(0), true, all},
		{client.SetAdminIsolationLevel(0), true, []string{"ListOffsets"}},
		{client.SetAdminValidateOnly(true), true, []string{"CreateTopics", "CreatePartitions", "AlterConfigs"}},
		{client.SetAdminRequireStableOffsets(true), true, []string{"ListConsumerGroupOffsets"}},
		{client.SetAdminMatchConsumerGroupStates(nil), false, []string{"ListConsumerGroups"}},
		{client.SetAdminMatchConsumerGroupTypes(nil), false, []string{"ListConsumerGroups"}},
		{client.SetAdminOptionIncludeAuthorizedOperations(true), true,
			[]string{"DescribeConsumerGroups", "DescribeTopics", "DescribeCluster"}},
	} {
		typ := reflect.TypeOf(tc.option)
		t.Run(typ.Name(), func(t *testing.T) {
			assert.True(t, typ.Implements(adminOption))
			assert.Equal(t, tc.comparable, typ.Comparable())
			for name, it := range calls {
				assert.Equal(t, contains(tc.calls, name), typ.Implements(it), "%s as %sAdminOption", typ.Name(), name)
			}
		})
	}
	assert.True(t, reflect.TypeOf(client.AdminClient{}).Comparable(), "AdminClient must stay comparable")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestAdminFromProducerConsumer: an AdminClient made from a Producer or a
// Consumer shares its connections and name, leaves it open on Close, and
// stops working once the parent is closed; a closed parent cannot make one.
func TestAdminFromProducerConsumer(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		p, err := producer.New(&client.ConfigMap{"bootstrap.servers": c.Bootstrap})
		require.NoError(t, err)
		defer p.Close()
		a, err := client.NewAdminClientFromHandle(p)
		require.NoError(t, err)
		assert.Equal(t, "admin-"+p.String(), a.String())
		_, err = a.ClusterID(testCtx(t))
		require.NoError(t, err)
		res, err := a.DescribeCluster(testCtx(t))
		require.NoError(t, err)
		assert.NotEmpty(t, res.Nodes)

		a.Close()
		assert.True(t, a.IsClosed())
		assert.False(t, p.IsClosed(), "closing the derived admin leaves the producer open")
		_, err = p.GetMetadata(nil, false, 10000)
		require.NoError(t, err)
		_, err = a.DescribeCluster(testCtx(t))
		assert.Equal(t, client.NewClosedClientError(), err)

		a2, err := client.NewAdminClientFromHandle(p)
		require.NoError(t, err)
		p.Close()
		_, err = a2.ClusterID(testCtx(t))
		assert.Equal(t, client.NewClosedClientError(), err, "parent closed")
		_, err = client.NewAdminClientFromHandle(p)
		require.Error(t, err)
		assert.Equal(t, client.ErrInvalidArg, codeOf(t, err))
		assert.EqualError(t, err, "Can't derive AdminClient from closed producer")

		cons, err := consumer.New(&client.ConfigMap{"bootstrap.servers": c.Bootstrap, "group.id": kafkatest.UniqueName(t, "g")})
		require.NoError(t, err)
		ca, err := client.NewAdminClientFromHandle(cons)
		require.NoError(t, err)
		assert.Regexp(t, `^admin-rdkafka#consumer-\d+$`, ca.String())
		_, err = ca.DescribeCluster(testCtx(t))
		require.NoError(t, err)
		ca.Close()
		require.NoError(t, cons.Close())
		_, err = client.NewAdminClientFromHandle(cons)
		assert.EqualError(t, err, "Can't derive AdminClient from closed consumer")
	})
}
