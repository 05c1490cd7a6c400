package client

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAdminOptionValues: options resolve to what the calls send, converting
// durations as the reference does (negative ones are not scaled, so -1ns is
// librdkafka's -1), nil options are skipped and the last option wins.
func TestAdminOptionValues(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts []AdminOption
		want adminOptions
	}{
		{"none", nil, adminOptions{}},
		{"nil skipped", []AdminOption{nil, SetAdminValidateOnly(true)}, adminOptions{validateOnly: true}},
		{"request timeout", []AdminOption{SetAdminRequestTimeout(1500 * time.Millisecond)},
			adminOptions{requestTimeout: 1500 * time.Millisecond, hasRequestTimeout: true}},
		{"sub-millisecond", []AdminOption{SetAdminRequestTimeout(1500 * time.Microsecond)},
			adminOptions{requestTimeout: time.Millisecond, hasRequestTimeout: true}},
		{"operation timeout -1ns", []AdminOption{SetAdminOperationTimeout(-1)},
			adminOptions{operationTimeout: -time.Millisecond, hasOperationTimeout: true}},
		{"operation timeout 0", []AdminOption{SetAdminOperationTimeout(0)},
			adminOptions{hasOperationTimeout: true}},
		{"last wins", []AdminOption{SetAdminValidateOnly(true), SetAdminValidateOnly(false)}, adminOptions{}},
		{"isolation", []AdminOption{SetAdminIsolationLevel(IsolationLevelReadCommitted)},
			adminOptions{isolationLevel: IsolationLevelReadCommitted}},
		{"stable", []AdminOption{SetAdminRequireStableOffsets(true)}, adminOptions{requireStable: true}},
		{"auth ops", []AdminOption{SetAdminOptionIncludeAuthorizedOperations(true)}, adminOptions{includeAuthOps: true}},
		{"states", []AdminOption{SetAdminMatchConsumerGroupStates([]ConsumerGroupState{ConsumerGroupStateEmpty})},
			adminOptions{matchStates: []ConsumerGroupState{ConsumerGroupStateEmpty}}},
		{"nil states", []AdminOption{SetAdminMatchConsumerGroupStates(nil)}, adminOptions{}},
		{"types", []AdminOption{SetAdminMatchConsumerGroupTypes([]ConsumerGroupType{ConsumerGroupTypeClassic})},
			adminOptions{matchTypes: []ConsumerGroupType{ConsumerGroupTypeClassic}}},
		{"zero value option", []AdminOption{AdminOptionValidateOnly{}, AdminOptionRequestTimeout{}}, adminOptions{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resolveOptions(tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestAdminInstanceKind: derived AdminClients name their parent's kind in
// errors, read from the instance name even when client.id contains '#'.
func TestAdminInstanceKind(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]InstanceKind{
		"rdkafka#producer-1":       KindProducer,
		"rdkafka#consumer-12":      KindConsumer,
		"my#consumer-1#producer-3": KindProducer,
		"odd#name#consumer-4":      KindConsumer,
	} {
		assert.Equal(t, want, instanceKindOf(&Instance{name: name}), name)
	}
	assert.Equal(t, KindProducer, instanceKindOf(nil))
}
