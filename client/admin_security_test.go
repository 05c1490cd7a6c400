package client_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/internal/kafkatest"
)

// TestAdminScram: describe a user without credentials, upsert two, describe
// them, delete one, then the other.
func TestAdminScram(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		user := kafkatest.UniqueName(t, "u")
		describe := func() client.UserScramCredentialsDescription {
			t.Helper()
			res, err := a.DescribeUserScramCredentials(testCtx(t), []string{user})
			require.NoError(t, err)
			require.Contains(t, res.Descriptions, user)
			return res.Descriptions[user]
		}
		// The broker applies alterations asynchronously: wait until a
		// describe shows the expected credentials (nil: none).
		expect := func(want []client.ScramCredentialInfo) {
			t.Helper()
			eventually(t, "credentials described", func() error {
				d := describe()
				if want == nil {
					if d.Error.Code() != client.ErrResourceNotFound {
						return fmt.Errorf("want ErrResourceNotFound, got %v %v", d.Error, d.ScramCredentialInfos)
					}
					return nil
				}
				if d.Error.Code() != client.ErrNoError {
					return d.Error
				}
				got := d.ScramCredentialInfos
				sort.Slice(got, func(i, j int) bool { return got[i].Mechanism < got[j].Mechanism })
				if !reflect.DeepEqual(got, want) {
					return fmt.Errorf("got %v, want %v", got, want)
				}
				return nil
			})
		}
		alter := func(up []client.UserScramCredentialUpsertion, del []client.UserScramCredentialDeletion) {
			t.Helper()
			res, err := a.AlterUserScramCredentials(testCtx(t), up, del)
			require.NoError(t, err)
			require.Contains(t, res.Errors, user)
			require.Equal(t, client.ErrNoError, res.Errors[user].Code(), "%v", res.Errors[user])
		}

		d := describe()
		assert.Equal(t, client.ErrResourceNotFound, d.Error.Code(), "%v", d.Error)
		assert.Empty(t, d.ScramCredentialInfos)

		sha256 := client.UserScramCredentialUpsertion{User: user, Password: []byte("secret"),
			ScramCredentialInfo: client.ScramCredentialInfo{Mechanism: client.ScramMechanismSHA256, Iterations: 8192}}
		sha512 := client.UserScramCredentialUpsertion{User: user, Password: []byte("secret"), Salt: []byte("pepper"),
			ScramCredentialInfo: client.ScramCredentialInfo{Mechanism: client.ScramMechanismSHA512, Iterations: 4096}}

		// Two alterations of one user in one request: the broker refuses
		// them, as a per-user error.
		res, err := a.AlterUserScramCredentials(testCtx(t), []client.UserScramCredentialUpsertion{sha256, sha512}, nil)
		require.NoError(t, err)
		assert.Equal(t, client.ErrDuplicateResource, res.Errors[user].Code(), "%v", res.Errors[user])

		alter([]client.UserScramCredentialUpsertion{sha256}, nil)
		alter([]client.UserScramCredentialUpsertion{sha512}, nil)
		t.Cleanup(func() {
			_, _ = a.AlterUserScramCredentials(testCtx(t), nil, []client.UserScramCredentialDeletion{
				{User: user, Mechanism: client.ScramMechanismSHA256}, {User: user, Mechanism: client.ScramMechanismSHA512}})
		})
		expect([]client.ScramCredentialInfo{
			{Iterations: 8192, Mechanism: client.ScramMechanismSHA256},
			{Iterations: 4096, Mechanism: client.ScramMechanismSHA512},
		})

		alter(nil, []client.UserScramCredentialDeletion{{User: user, Mechanism: client.ScramMechanismSHA256}})
		expect([]client.ScramCredentialInfo{{Iterations: 4096, Mechanism: client.ScramMechanismSHA512}})

		alter(nil, []client.UserScramCredentialDeletion{{User: user, Mechanism: client.ScramMechanismSHA512}})
		expect(nil)

		// Deleting what is not there fails for that user only.
		res, err = a.AlterUserScramCredentials(testCtx(t), nil,
			[]client.UserScramCredentialDeletion{{User: user, Mechanism: client.ScramMechanismSHA512}})
		require.NoError(t, err)
		assert.Equal(t, client.ErrResourceNotFound, res.Errors[user].Code(), "%v", res.Errors[user])
	})
}

// TestAdminCluster: ClusterID, ControllerID, DescribeCluster and
// GetMetadata agree with each other.
func TestAdminCluster(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		id, err := a.ClusterID(testCtx(t))
		require.NoError(t, err)
		assert.NotEmpty(t, id)
		controller, err := a.ControllerID(testCtx(t))
		require.NoError(t, err)
		assert.GreaterOrEqual(t, controller, int32(0))

		for _, authOps := range []bool{false, true} {
			t.Run(fmt.Sprint("authorized operations ", authOps), func(t *testing.T) {
				d, err := a.DescribeCluster(testCtx(t), client.SetAdminOptionIncludeAuthorizedOperations(authOps))
				require.NoError(t, err)
				require.NotNil(t, d.ClusterID)
				assert.Equal(t, id, *d.ClusterID)
				require.NotNil(t, d.Controller)
				assert.Equal(t, int(controller), d.Controller.ID)
				require.NotEmpty(t, d.Nodes)
				for _, n := range d.Nodes {
					assert.NotEmpty(t, n.Host)
					assert.Positive(t, n.Port)
				}
				if authOps {
					assert.NotNil(t, d.AuthorizedOperations, "asked for")
				} else {
					assert.Nil(t, d.AuthorizedOperations, "not asked for")
				}
			})
		}

		// A nil context means no deadline, as the reference documents.
		var noCtx context.Context
		nd, err := a.DescribeCluster(noCtx, client.SetAdminRequestTimeout(30*time.Second))
		require.NoError(t, err)
		assert.Equal(t, id, *nd.ClusterID)
		nid, err := a.ClusterID(noCtx)
		require.NoError(t, err)
		assert.Equal(t, id, nid)

		md, err := a.GetMetadata(nil, false, 10000)
		require.NoError(t, err)
		d, err := a.DescribeCluster(testCtx(t))
		require.NoError(t, err)
		assert.Len(t, md.Brokers, len(d.Nodes))
		assert.Regexp(t, `^admin-rdkafka#producer-\d+$`, a.String())
	})
}
