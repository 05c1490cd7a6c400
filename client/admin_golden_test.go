package client

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adminGolden loads the admin part of the strings captured from the real
// confluent-kafka-go v2.11.1.
func adminGolden(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile("testdata/confluent-kafka-go-v2.11.1-strings.json")
	require.NoError(t, err)
	var g map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &g))
	return g
}

func adminGoldenValue[T any](t *testing.T, g map[string]json.RawMessage, key string) T {
	t.Helper()
	var v T
	require.Contains(t, g, key)
	require.NoError(t, json.Unmarshal(g[key], &v), key)
	return v
}

// TestAdminEnumStringsGolden: every admin enum's String() for every value
// the capture covers (including out-of-range ones) is the reference's.
func TestAdminEnumStringsGolden(t *testing.T) {
	t.Parallel()
	g := adminGolden(t)
	for key, str := range map[string]func(int) string{
		"ACLOperation.String":        func(v int) string { return ACLOperation(v).String() },
		"ACLPermissionType.String":   func(v int) string { return ACLPermissionType(v).String() },
		"AlterConfigOpType.String":   func(v int) string { return AlterConfigOpType(v).String() },
		"AlterOperation.String":      func(v int) string { return AlterOperation(v).String() },
		"ConfigSource.String":        func(v int) string { return ConfigSource(v).String() },
		"ConsumerGroupState.String":  func(v int) string { return ConsumerGroupState(v).String() },
		"ConsumerGroupType.String":   func(v int) string { return ConsumerGroupType(v).String() },
		"ResourcePatternType.String": func(v int) string { return ResourcePatternType(v).String() },
		"ResourceType.String":        func(v int) string { return ResourceType(v).String() },
		"ScramMechanism.String":      func(v int) string { return ScramMechanism(v).String() },
	} {
		want := adminGoldenValue[map[string]string](t, g, key)
		require.NotEmpty(t, want, key)
		for in, out := range want {
			v, err := strconv.Atoi(in)
			require.NoError(t, err)
			assert.Equal(t, out, str(v), "%s(%d)", key, v)
		}
	}
}

// TestAdminFromStringGolden: every *FromString parser gives the reference's
// value and error text for every input the capture tried.
func TestAdminFromStringGolden(t *testing.T) {
	t.Parallel()
	g := adminGolden(t)
	type io struct {
		In  string `json:"in"`
		Out string `json:"out"`
		Err string `json:"err"`
	}
	fromString := adminGoldenValue[map[string]json.RawMessage](t, g, "FromString")
	parsers := map[string]func(string) (int, error){
		"ACLOperationFromString": func(s string) (int, error) { v, err := ACLOperationFromString(s); return int(v), err },
		"ACLPermissionTypeFromString": func(s string) (int, error) {
			v, err := ACLPermissionTypeFromString(s)
			return int(v), err
		},
		"ConsumerGroupStateFromString": func(s string) (int, error) {
			v, err := ConsumerGroupStateFromString(s)
			return int(v), err
		},
		"ConsumerGroupTypeFromString": func(s string) (int, error) { return int(ConsumerGroupTypeFromString(s)), nil },
		"ElectionTypeFromString":      func(s string) (int, error) { v, err := ElectionTypeFromString(s); return int(v), err },
		"ResourcePatternTypeFromString": func(s string) (int, error) {
			v, err := ResourcePatternTypeFromString(s)
			return int(v), err
		},
		"ResourceTypeFromString":   func(s string) (int, error) { v, err := ResourceTypeFromString(s); return int(v), err },
		"ScramMechanismFromString": func(s string) (int, error) { v, err := ScramMechanismFromString(s); return int(v), err },
	}
	// The capture keys most parsers by name with a list of cases, and
	// ElectionTypeFromString as one "ElectionTypeFromString/<input>" key
	// per case.
	cases := map[string][]io{}
	for key, raw := range fromString {
		var list []io
		if json.Unmarshal(raw, &list) == nil {
			cases[key] = append(cases[key], list...)
			continue
		}
		var one io
		require.NoError(t, json.Unmarshal(raw, &one), key)
		name := key[:len("ElectionTypeFromString")]
		cases[name] = append(cases[name], one)
	}
	require.Len(t, cases, len(parsers))
	for name, list := range cases {
		parse, ok := parsers[name]
		require.True(t, ok, name)
		require.NotEmpty(t, list)
		for _, c := range list {
			v, err := parse(c.In)
			assert.Equal(t, c.Out, strconv.Itoa(v), "%s(%q)", name, c.In)
			if c.Err == "" {
				assert.NoError(t, err, "%s(%q)", name, c.In)
				continue
			}
			require.Error(t, err, "%s(%q)", name, c.In)
			assert.Equal(t, c.Err, err.Error(), "%s(%q)", name, c.In)
			assert.Equal(t, ErrInvalidArg, err.(Error).Code())
		}
	}
}

// TestAdminStringsGolden: the String() formats of the admin result types.
func TestAdminStringsGolden(t *testing.T) {
	t.Parallel()
	g := adminGolden(t)
	topic := "t"
	rack := "r"
	for _, tc := range []struct {
		key  string
		got  []string
		list bool
	}{
		{key: "ConfigEntry.String", got: []string{ConfigEntry{Name: "retention.ms", Value: "1"}.String()}},
		{key: "ConfigEntryResult.String", got: []string{ConfigEntryResult{Name: "retention.ms", Value: "1"}.String()}},
		{key: "ConfigResource.String", got: []string{ConfigResource{Type: ResourceTopic, Name: "t"}.String()}},
		{key: "ConfigResourceResult.String", got: []string{ConfigResourceResult{Type: ResourceTopic, Name: "t"}.String()}},
		{key: "ConsumerGroupResult.String", got: []string{ConsumerGroupResult{Group: "g"}.String()}},
		{key: "ConsumerGroupTopicPartitions.String", got: []string{ConsumerGroupTopicPartitions{Group: "g",
			Partitions: []TopicPartition{{Topic: &topic, Partition: 1, Offset: 2}}}.String()}},
		{key: "UUID.String(zero)", got: []string{UUID{}.String()}},
		{key: "TopicResult.String", list: true, got: []string{
			TopicResult{Topic: "t"}.String(),
			TopicResult{Topic: "t", Error: NewError(ErrTopicAlreadyExists, "exists", false)}.String()}},
		{key: "Node.String", list: true, got: []string{
			Node{ID: 1, Host: "h", Port: 9092}.String(),
			Node{ID: 1, Host: "h", Port: 9092, Rack: &rack}.String()}},
	} {
		if tc.list {
			assert.Equal(t, adminGoldenValue[[]string](t, g, tc.key), tc.got, tc.key)
		} else {
			assert.Equal(t, adminGoldenValue[string](t, g, tc.key), tc.got[0], tc.key)
		}
	}

	// The captured name is "admin-rdkafka#producer-3": an AdminClient is a
	// producer-type instance in the process-wide numbering.
	want := adminGoldenValue[string](t, g, "AdminClient.String")
	assert.Regexp(t, `^admin-rdkafka#producer-\d+$`, want)
	a, err := NewAdminClient(&ConfigMap{"bootstrap.servers": "127.0.0.1:1"})
	require.NoError(t, err)
	defer a.Close()
	assert.Equal(t, "admin-"+a.a.h.String(), a.String())
	assert.Regexp(t, `^admin-rdkafka#producer-\d+$`, a.String())
}

// TestAdminMoreStrings covers the String() branches the capture has no
// sample of.
func TestAdminMoreStrings(t *testing.T) {
	t.Parallel()
	errRes := ConfigResourceResult{Type: ResourceGroup, Name: "g", Error: NewError(ErrInvalidConfig, "bad", false)}
	assert.Equal(t, `ResourceResult(GROUP, g, "bad")`, errRes.String())
	assert.Equal(t, "g (Broker: The group is not empty)",
		ConsumerGroupResult{Group: "g", Error: adminError(68, nil)}.String())
	assert.Equal(t, "t (Broker: Topic already exists)",
		TopicResult{Topic: "t", Error: adminError(36, nil)}.String())
	assert.Equal(t, "t (already)", TopicResult{Topic: "t", Error: adminError(36, strPtr("already"))}.String())
	assert.Equal(t, "Unknown1? a=\"b\"", ConfigEntry{Name: "a", Value: "b", Operation: 1}.String())
}

func strPtr(s string) *string { return &s }

// TestUUID: librdkafka's text form of a UUID is standard base64 without
// padding, and the bits are big-endian halves.
func TestUUID(t *testing.T) {
	t.Parallel()
	var b [16]byte
	for i := range b {
		b[i] = byte(0xf0 + i)
	}
	u := newUUID(b)
	assert.Equal(t, "8PHy8/T19vf4+fr7/P3+/w", u.String(), "'+' and '/', not URL-safe")
	assert.Equal(t, int64(-0x0f0e0d0c0b0a0909), u.GetMostSignificantBits())
	assert.Equal(t, int64(-0x0706050403020101), u.GetLeastSignificantBits())
	assert.Equal(t, "AAAAAAAAAAAAAAAAAAAAAA", newUUID([16]byte{}).String(), "a zero id from a broker still prints")
	assert.Equal(t, newUUID(b), newUUID(b), "comparable")
	assert.Equal(t, fmt.Sprint(u), u.String())
}
