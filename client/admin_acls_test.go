package client_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/purekafka/purekafka/client"
	"github.com/purekafka/purekafka/internal/kafkatest"
)

// resourceTransactionalID is librdkafka's RD_KAFKA_RESOURCE_TRANSACTIONAL_ID,
// which has no Go constant in the reference either.
const resourceTransactionalID client.ResourceType = 5

// aclFixture is the set of bindings TestAdminACLs creates: every name and
// principal is unique to the test run, so that the test can share a
// long-lived broker with others and filter away everything it did not make.
type aclFixture struct {
	prefix     string // every resource name starts with it
	topic      string // a topic name that the prefixed topic ACL covers
	alice, bob string // principals
	bindings   client.ACLBindings
	bad        client.ACLBinding // valid for the client, refused by the broker
}

func newACLFixture(t *testing.T) aclFixture {
	f := aclFixture{prefix: kafkatest.UniqueName(t, "acl")}
	f.topic = f.prefix + "-orders"
	f.alice = "User:" + kafkatest.UniqueName(t, "alice")
	f.bob = "User:" + kafkatest.UniqueName(t, "bob")
	b := func(rt client.ResourceType, name string, pt client.ResourcePatternType, who, host string,
		op client.ACLOperation, perm client.ACLPermissionType) client.ACLBinding {
		return client.ACLBinding{Type: rt, Name: name, ResourcePatternType: pt, Principal: who, Host: host,
			Operation: op, PermissionType: perm}
	}
	lit, pre := client.ResourcePatternTypeLiteral, client.ResourcePatternTypePrefixed
	allow, deny := client.ACLPermissionTypeAllow, client.ACLPermissionTypeDeny
	f.bindings = client.ACLBindings{
		0: b(client.ResourceTopic, f.topic, lit, f.alice, "*", client.ACLOperationWrite, allow),
		1: b(client.ResourceTopic, f.topic, lit, f.alice, "*", client.ACLOperationRead, allow),
		2: b(client.ResourceTopic, f.prefix+"-", pre, f.bob, "*", client.ACLOperationRead, allow),
		3: b(client.ResourceGroup, f.prefix, pre, f.alice, "*", client.ACLOperationRead, deny),
		4: b(resourceTransactionalID, f.prefix, lit, f.bob, "127.0.0.1", client.ACLOperationWrite, allow),
	}
	// The cluster resource has exactly one valid name, which the broker (not
	// the client) checks.
	f.bad = b(client.ResourceBroker, "not-"+f.prefix, lit, f.alice, "*", client.ACLOperationAlter, allow)
	return f
}

// pick returns the fixture's bindings at the given indexes, sorted.
func (f aclFixture) pick(idx ...int) client.ACLBindings {
	out := client.ACLBindings{}
	for _, i := range idx {
		out = append(out, f.bindings[i])
	}
	sort.Sort(out)
	return out
}

// ours keeps the bindings of the fixture's principals, sorted: a MATCH or
// type-wide filter also returns what other tests created.
func (f aclFixture) ours(in client.ACLBindings) client.ACLBindings {
	out := client.ACLBindings{}
	for _, b := range in {
		if b.Principal == f.alice || b.Principal == f.bob {
			out = append(out, b)
		}
	}
	sort.Sort(out)
	return out
}

// filterOf returns a filter matching everything of principal.
func filterOf(principal string) client.ACLBindingFilter {
	return client.ACLBindingFilter{Type: client.ResourceAny, ResourcePatternType: client.ResourcePatternTypeAny,
		Principal: principal, Operation: client.ACLOperationAny, PermissionType: client.ACLPermissionTypeAny}
}

// TestAdminACLs creates ACLs (one refused by the broker, reported for that
// binding only), describes them through filters on each field, deletes them
// through filters and checks that each filter reports what it deleted. The
// real broker runs with StandardAuthorizer (internal/testenv/kafka.sh).
func TestAdminACLs(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		f := newACLFixture(t)
		if c.Fake != nil {
			// kfake keeps ACLs but checks only the enums of a creation:
			// answer the bad binding as the real broker does.
			c.Fake.Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.CreateACLs}, Resource: f.bad.Name, Err: kerr.InvalidRequest})
		}
		t.Cleanup(func() {
			_, _ = a.DeleteACLs(testCtx(t), client.ACLBindingFilters{filterOf(f.alice), filterOf(f.bob)})
		})

		created, err := a.CreateACLs(testCtx(t), append(slices.Clone(f.bindings[:3]), append(client.ACLBindings{f.bad}, f.bindings[3:]...)...))
		require.NoError(t, err)
		require.Len(t, created, len(f.bindings)+1, "one result per binding, in order")
		if c.Real && created[0].Error.Code() == client.ErrSecurityDisabled {
			requireNoAuthorizer(t, a, created, f)
		}
		for i, r := range created {
			if i == 3 {
				assert.Equal(t, client.ErrInvalidRequest, r.Error.Code(), "the bad binding: %v", r.Error)
				assert.NotEmpty(t, r.Error.Error())
				continue
			}
			assert.Equal(t, client.ErrNoError, r.Error.Code(), "binding %d: %v", i, r.Error)
		}

		// The broker applies ACL changes through its metadata log: wait for
		// the creations to show before testing the filters.
		eventually(t, "ACLs described", func() error {
			got := describeACLs(t, a, client.ACLBindingFilter{Type: client.ResourceAny,
				ResourcePatternType: client.ResourcePatternTypeAny, Operation: client.ACLOperationAny,
				PermissionType: client.ACLPermissionTypeAny})
			if want := f.pick(0, 1, 2, 3, 4); !assert.ObjectsAreEqual(want, f.ours(got)) {
				return fmt.Errorf("got %v, want %v", f.ours(got), want)
			}
			return nil
		})

		lit, pre := client.ResourcePatternTypeLiteral, client.ResourcePatternTypePrefixed
		anyPattern, match := client.ResourcePatternTypeAny, client.ResourcePatternTypeMatch
		anyOp, anyPerm := client.ACLOperationAny, client.ACLPermissionTypeAny
		for _, tc := range []struct {
			name     string
			filter   client.ACLBindingFilter
			want     []int
			realOnly string // why kfake answers differently, if it does
		}{
			{"principal", filterOf(f.alice), []int{0, 1, 3}, ""},
			{"other principal", filterOf(f.bob), []int{2, 4}, ""},
			{"unknown principal", filterOf("User:" + f.prefix), nil, ""},
			{"type", client.ACLBindingFilter{Type: client.ResourceGroup, ResourcePatternType: anyPattern,
				Operation: anyOp, PermissionType: anyPerm}, []int{3}, ""},
			{"any pattern compares names", client.ACLBindingFilter{Type: client.ResourceAny, Name: f.topic,
				ResourcePatternType: anyPattern, Operation: anyOp, PermissionType: anyPerm}, []int{0, 1}, ""},
			{"literal", client.ACLBindingFilter{Type: client.ResourceAny, ResourcePatternType: lit,
				Principal: f.bob, Operation: anyOp, PermissionType: anyPerm}, []int{4}, ""},
			{"prefixed", client.ACLBindingFilter{Type: client.ResourceAny, ResourcePatternType: pre,
				Operation: anyOp, PermissionType: anyPerm}, []int{2, 3}, ""},
			{"match applies prefixes", client.ACLBindingFilter{Type: client.ResourceTopic, Name: f.topic,
				ResourcePatternType: match, Operation: anyOp, PermissionType: anyPerm}, []int{0, 1, 2},
				"kfake's MATCH filter compares resource names literally"},
			{"host", client.ACLBindingFilter{Type: client.ResourceAny, ResourcePatternType: anyPattern,
				Host: "127.0.0.1", Operation: anyOp, PermissionType: anyPerm}, []int{4}, ""},
			{"operation and permission", client.ACLBindingFilter{Type: client.ResourceAny, ResourcePatternType: anyPattern,
				Principal: f.alice, Operation: client.ACLOperationRead, PermissionType: client.ACLPermissionTypeDeny}, []int{3}, ""},
		} {
			t.Run("describe "+tc.name, func(t *testing.T) {
				if tc.realOnly != "" && !c.Real {
					t.Skip(tc.realOnly)
				}
				assert.Equal(t, f.pick(tc.want...), f.ours(describeACLs(t, a, tc.filter)))
			})
		}

		// Each filter reports what it deleted, in the order of the filters;
		// one that matches nothing reports an empty list.
		deleted, err := a.DeleteACLs(testCtx(t), client.ACLBindingFilters{
			{Type: client.ResourceTopic, Name: f.topic, ResourcePatternType: lit, Principal: f.alice,
				Operation: client.ACLOperationRead, PermissionType: anyPerm},
			filterOf(f.bob),
			filterOf("User:" + f.prefix),
		})
		require.NoError(t, err)
		require.Len(t, deleted, 3)
		for i, want := range []client.ACLBindings{f.pick(1), f.pick(2, 4), {}} {
			assert.Equal(t, client.ErrNoError, deleted[i].Error.Code(), "filter %d: %v", i, deleted[i].Error)
			got := deleted[i].ACLBindings
			require.NotNil(t, got, "filter %d: empty, not nil, as in the reference", i)
			sort.Sort(got)
			assert.Equal(t, want, got, "filter %d", i)
		}
		eventually(t, "deletions described", func() error {
			if got, want := f.ours(describeACLs(t, a, filterOf(""))), f.pick(0, 3); !assert.ObjectsAreEqual(want, got) {
				return fmt.Errorf("got %v, want %v", got, want)
			}
			return nil
		})

		deleted, err = a.DeleteACLs(testCtx(t), client.ACLBindingFilters{filterOf(f.alice)})
		require.NoError(t, err)
		require.Len(t, deleted, 1)
		sort.Sort(deleted[0].ACLBindings)
		assert.Equal(t, f.pick(0, 3), deleted[0].ACLBindings)
		eventually(t, "all deleted", func() error {
			if got := f.ours(describeACLs(t, a, filterOf(""))); len(got) != 0 {
				return fmt.Errorf("still described: %v", got)
			}
			return nil
		})
	})
}

// describeACLs runs DescribeACLs and requires a result without error.
func describeACLs(t *testing.T, a *client.AdminClient, filter client.ACLBindingFilter) client.ACLBindings {
	t.Helper()
	res, err := a.DescribeACLs(testCtx(t), filter)
	require.NoError(t, err)
	require.NotNil(t, res)
	require.Equal(t, client.ErrNoError, res.Error.Code(), "%v", res.Error)
	require.NotNil(t, res.ACLBindings, "empty, not nil, as in the reference")
	return res.ACLBindings
}

// requireNoAuthorizer handles a real broker started without an authorizer
// (by an older kafka.sh): every ACL call must then report
// ErrSecurityDisabled, after which the test skips, since nothing else can be
// checked there.
func requireNoAuthorizer(t *testing.T, a *client.AdminClient, created []client.CreateACLResult, f aclFixture) {
	t.Helper()
	for _, r := range created {
		assert.Equal(t, client.ErrSecurityDisabled, r.Error.Code(), "%v", r.Error)
	}
	res, err := a.DescribeACLs(testCtx(t), filterOf(f.alice))
	require.NoError(t, err)
	assert.Equal(t, client.ErrSecurityDisabled, res.Error.Code(), "%v", res.Error)
	assert.Empty(t, res.ACLBindings)
	deleted, err := a.DeleteACLs(testCtx(t), client.ACLBindingFilters{filterOf(f.alice)})
	require.NoError(t, err)
	require.Len(t, deleted, 1)
	assert.Equal(t, client.ErrSecurityDisabled, deleted[0].Error.Code(), "%v", deleted[0].Error)
	t.Skip("broker without an authorizer (ErrSecurityDisabled checked); restart it with internal/testenv/kafka.sh for the ACL round trip")
}

// TestAdminACLsBadInput: what librdkafka refuses before sending (empty
// lists, wildcards or values outside its enums where a binding needs a
// concrete value, empty strings in a binding) fails the whole call with
// ErrInvalidArg, and nothing of the call reaches the broker: the valid
// binding or filter next to the bad one has no effect.
func TestAdminACLsBadInput(t *testing.T) {
	t.Parallel()
	kafkatest.Run(t, func(t *testing.T, c *kafkatest.Cluster) {
		a := newAdmin(t, c)
		f := newACLFixture(t)
		keep, probe := f.bindings[0], f.bindings[2] // probe is never created
		t.Cleanup(func() { _, _ = a.DeleteACLs(testCtx(t), client.ACLBindingFilters{filterOf(f.alice), filterOf(f.bob)}) })
		created, err := a.CreateACLs(testCtx(t), client.ACLBindings{keep})
		require.NoError(t, err)
		require.Len(t, created, 1)
		if c.Real && created[0].Error.Code() == client.ErrSecurityDisabled {
			t.Skip("broker without an authorizer; restart it with internal/testenv/kafka.sh")
		}
		require.Equal(t, client.ErrNoError, created[0].Error.Code(), "%v", created[0].Error)

		requireInvalid := func(t *testing.T, err error, reason string) {
			t.Helper()
			require.Error(t, err)
			assert.Equal(t, client.ErrInvalidArg, codeOf(t, err), "%v", err)
			assert.True(t, strings.HasSuffix(err.Error(), reason), "%q does not end in %q", err, reason)
		}
		binding := func(change func(*client.ACLBinding)) client.ACLBinding {
			b := probe
			change(&b)
			return b
		}
		for _, tc := range []struct {
			name   string
			bad    client.ACLBinding
			reason string
		}{
			{"no name", binding(func(b *client.ACLBinding) { b.Name = "" }), "Invalid resource name"},
			{"no principal", binding(func(b *client.ACLBinding) { b.Principal = "" }), "Invalid principal"},
			{"no host", binding(func(b *client.ACLBinding) { b.Host = "" }), "Invalid host"},
			{"any type", binding(func(b *client.ACLBinding) { b.Type = client.ResourceAny }), "Invalid resource type"},
			{"unknown type", binding(func(b *client.ACLBinding) { b.Type = client.ResourceUnknown }), "Invalid resource type"},
			{"type past the enum", binding(func(b *client.ACLBinding) { b.Type = resourceTransactionalID + 1 }), "Invalid resource type"},
			{"any pattern", binding(func(b *client.ACLBinding) { b.ResourcePatternType = client.ResourcePatternTypeAny }), "Invalid resource pattern type"},
			{"match pattern", binding(func(b *client.ACLBinding) { b.ResourcePatternType = client.ResourcePatternTypeMatch }), "Invalid resource pattern type"},
			{"pattern past the enum", binding(func(b *client.ACLBinding) { b.ResourcePatternType = client.ResourcePatternTypePrefixed + 1 }), "Invalid resource pattern type"},
			{"any operation", binding(func(b *client.ACLBinding) { b.Operation = client.ACLOperationAny }), "Invalid operation"},
			{"operation past the enum", binding(func(b *client.ACLBinding) { b.Operation = client.ACLOperationIdempotentWrite + 1 }), "Invalid operation"},
			{"any permission", binding(func(b *client.ACLBinding) { b.PermissionType = client.ACLPermissionTypeAny }), "Invalid permission type"},
			{"unknown permission", binding(func(b *client.ACLBinding) { b.PermissionType = client.ACLPermissionTypeUnknown }), "Invalid permission type"},
		} {
			t.Run("create "+tc.name, func(t *testing.T) {
				res, err := a.CreateACLs(testCtx(t), client.ACLBindings{probe, tc.bad})
				requireInvalid(t, err, tc.reason)
				assert.Nil(t, res)
			})
		}
		filter := func(change func(*client.ACLBindingFilter)) client.ACLBindingFilter {
			fl := filterOf(f.alice)
			change(&fl)
			return fl
		}
		for _, tc := range []struct {
			name   string
			bad    client.ACLBindingFilter
			reason string
		}{
			{"unknown type", filter(func(fl *client.ACLBindingFilter) { fl.Type = client.ResourceUnknown }), "Invalid resource type"},
			{"type past the enum", filter(func(fl *client.ACLBindingFilter) { fl.Type = resourceTransactionalID + 1 }), "Invalid resource type"},
			{"unknown pattern", filter(func(fl *client.ACLBindingFilter) { fl.ResourcePatternType = client.ResourcePatternTypeUnknown }), "Invalid resource pattern type"},
			{"unknown operation", filter(func(fl *client.ACLBindingFilter) { fl.Operation = client.ACLOperationUnknown }), "Invalid operation"},
			{"permission past the enum", filter(func(fl *client.ACLBindingFilter) { fl.PermissionType = client.ACLPermissionTypeAllow + 1 }), "Invalid permission type"},
		} {
			t.Run("filter "+tc.name, func(t *testing.T) {
				described, err := a.DescribeACLs(testCtx(t), tc.bad)
				requireInvalid(t, err, tc.reason)
				assert.Nil(t, described)
				deleted, err := a.DeleteACLs(testCtx(t), client.ACLBindingFilters{filterOf(f.alice), tc.bad})
				requireInvalid(t, err, tc.reason)
				assert.Nil(t, deleted)
			})
		}
		for _, tc := range []struct {
			name string
			call func() error
			msg  string
		}{
			{"create nil", func() error { _, err := a.CreateACLs(testCtx(t), nil); return err }, "Expected non-nil slice of ACLBinding structs"},
			{"create empty", func() error { _, err := a.CreateACLs(testCtx(t), client.ACLBindings{}); return err }, "Expected non-empty slice of ACLBinding structs"},
			{"delete nil", func() error { _, err := a.DeleteACLs(testCtx(t), nil); return err }, "Expected non-nil slice of ACLBindingFilter structs"},
			{"delete empty", func() error { _, err := a.DeleteACLs(testCtx(t), client.ACLBindingFilters{}); return err }, "Expected non-empty slice of ACLBindingFilter structs"},
		} {
			t.Run(tc.name, func(t *testing.T) { requireInvalid(t, tc.call(), tc.msg) })
		}

		// Nothing above reached the broker: the probe was never created and
		// the binding created first was not deleted.
		eventually(t, "ACLs unchanged", func() error {
			if got, want := f.ours(describeACLs(t, a, filterOf(""))), (client.ACLBindings{keep}); !assert.ObjectsAreEqual(want, got) {
				return fmt.Errorf("got %v, want %v", got, want)
			}
			return nil
		})
	})
}
