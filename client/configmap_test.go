package client

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type stringer struct{}

func (stringer) String() string { return "from-stringer" }

func TestConfigMapSetKey(t *testing.T) {
	m := ConfigMap{}
	require.NoError(t, m.SetKey("bootstrap.servers", "b:9092"))
	require.NoError(t, m.SetKey("{topic}.acks", "all"))
	require.NoError(t, m.SetKey("{topic}.compression.type", "lz4"))
	assert.Equal(t, ConfigMap{
		"bootstrap.servers":    "b:9092",
		"default.topic.config": ConfigMap{"acks": "all", "compression.type": "lz4"},
	}, m)

	// An existing sub-map is reused, not replaced.
	sub := ConfigMap{"x": 1}
	m = ConfigMap{"default.topic.config": sub}
	require.NoError(t, m.SetKey("{topic}.y", 2))
	assert.Equal(t, ConfigMap{"x": 1, "y": 2}, sub)

	// A sub-map of the wrong type is an error, not a panic.
	m = ConfigMap{"default.topic.config": "oops"}
	err := m.SetKey("{topic}.y", 2)
	require.Error(t, err)
	assert.Equal(t, ErrInvalidArg, err.(Error).Code())
	assert.Equal(t, "Invalid type for key default.topic.config", err.Error())
}

func TestConfigMapSet(t *testing.T) {
	tests := []struct {
		kv      string
		want    ConfigMap
		wantErr string
	}{
		{kv: "a=b", want: ConfigMap{"a": "b"}},
		{kv: "a=b=c", want: ConfigMap{"a": "b=c"}},
		{kv: "a=", want: ConfigMap{"a": ""}},
		{kv: "=v", want: ConfigMap{"": "v"}},
		{kv: "{topic}.acks=1", want: ConfigMap{"default.topic.config": ConfigMap{"acks": "1"}}},
		{kv: "novalue", want: ConfigMap{}, wantErr: "Expected key=value"},
		{kv: "", want: ConfigMap{}, wantErr: "Expected key=value"},
	}
	for _, tc := range tests {
		t.Run(tc.kv, func(t *testing.T) {
			m := ConfigMap{}
			err := m.Set(tc.kv)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tc.wantErr, err.Error())
				assert.Equal(t, ErrInvalidArg, err.(Error).Code())
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, m)
		})
	}
}

func TestConfigMapGet(t *testing.T) {
	m := ConfigMap{
		"s":                    "str",
		"i":                    5,
		"b":                    true,
		"i64":                  int64(5),
		"d":                    time.Second,
		"nil":                  nil,
		"default.topic.config": ConfigMap{"acks": "all"},
	}
	tests := []struct {
		key     string
		defval  ConfigValue
		want    ConfigValue
		wantErr string
	}{
		{key: "s", defval: "", want: "str"},
		{key: "s", defval: nil, want: "str"},
		{key: "missing", defval: "dflt", want: "dflt"},
		{key: "missing", defval: nil, want: nil},
		{key: "i", defval: 0, want: 5},
		{key: "i", defval: int64(0), wantErr: "i expects type int64, not int"},
		{key: "i64", defval: 0, wantErr: "i64 expects type int, not int64"},
		{key: "b", defval: "x", wantErr: "b expects type string, not bool"},
		{key: "d", defval: 0, wantErr: "d expects type int, not time.Duration"},
		{key: "nil", defval: false, wantErr: "nil expects type bool, not <nil>"},
		{key: "nil", defval: nil, want: nil},
		{key: "s", defval: Offset(0), wantErr: "s expects type kafka.Offset, not string"},
		{key: "{topic}.acks", defval: "", want: "all"},
		{key: "{topic}.missing", defval: "d", want: "d"},
		{key: "{topic}.acks", defval: 1, wantErr: "acks expects type int, not string"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%T", tc.key, tc.defval), func(t *testing.T) {
			got, err := m.Get(tc.key, tc.defval)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Nil(t, got)
				assert.Equal(t, tc.wantErr, err.Error())
				assert.Equal(t, ErrInvalidArg, err.(Error).Code())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}

	// {topic}. lookups without a sub-map return the default.
	got, err := ConfigMap{}.Get("{topic}.acks", "d")
	require.NoError(t, err)
	assert.Equal(t, "d", got)
}

func TestConfigValueString(t *testing.T) {
	tests := []struct {
		name    string
		v       ConfigValue
		want    string
		wantErr string
	}{
		{name: "true", v: true, want: "true"},
		{name: "false", v: false, want: "false"},
		{name: "int", v: -42, want: "-42"},
		{name: "string", v: "x,y", want: "x,y"},
		{name: "stringer", v: stringer{}, want: "from-stringer"},
		{name: "duration", v: 5 * time.Millisecond, want: "5ms"},
		{name: "offset", v: OffsetEnd, want: "end"},
		{name: "int64", v: int64(5), wantErr: "Invalid value type int64 for key k (expected string,bool,int,ConfigMap)"},
		{name: "int32", v: int32(5), wantErr: "Invalid value type int32 for key k (expected string,bool,int,ConfigMap)"},
		{name: "float", v: 0.5, wantErr: "Invalid value type float64 for key k (expected string,bool,int,ConfigMap)"},
		{name: "slice", v: []string{"a"}, wantErr: "Invalid value type []string for key k (expected string,bool,int,ConfigMap)"},
		{name: "nil", v: nil, wantErr: "Invalid value type <nil> for key k (expected string,bool,int,ConfigMap)"},
		{name: "ours", v: []TopicPartition{}, wantErr: "Invalid value type []kafka.TopicPartition for key k (expected string,bool,int,ConfigMap)"},
		{name: "configmap", v: ConfigMap{}, wantErr: "Invalid type for key k"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ConfigValueString("k", tc.v)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tc.wantErr, err.Error())
				assert.Equal(t, ErrInvalidArg, err.(Error).Code())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestConfigString(t *testing.T) {
	m := ConfigMap{"a": 1, "b": int64(1)}
	s, found, err := ConfigString(m, "a")
	assert.Equal(t, "1", s)
	assert.True(t, found)
	assert.NoError(t, err)

	s, found, err = ConfigString(m, "missing")
	assert.Equal(t, "", s)
	assert.False(t, found)
	assert.NoError(t, err)

	_, found, err = ConfigString(m, "b")
	assert.True(t, found)
	assert.EqualError(t, err, "Invalid value type int64 for key b (expected string,bool,int,ConfigMap)")
}

func TestExtract(t *testing.T) {
	logs := make(chan LogEvent)
	m := ConfigMap{
		"go.delivery.reports":       false,
		"go.events.channel.size":    10,
		"go.delivery.report.fields": "key",
		"go.logs.channel":           logs,
		"default.topic.config":      ConfigMap{"go.x": true},
		"bootstrap.servers":         "b",
	}
	b, err := ExtractBool(m, "go.delivery.reports", true)
	require.NoError(t, err)
	assert.False(t, b)
	n, err := ExtractInt(m, "go.events.channel.size", 1000)
	require.NoError(t, err)
	assert.Equal(t, 10, n)
	s, err := ExtractString(m, "go.delivery.report.fields", "key,value")
	require.NoError(t, err)
	assert.Equal(t, "key", s)
	ch, err := ExtractLogsChannel(m)
	require.NoError(t, err)
	assert.Equal(t, logs, ch)
	v, err := ExtractConfig(m, "{topic}.go.x", false)
	require.NoError(t, err)
	assert.Equal(t, true, v)
	// Extracted keys are gone; others stay.
	assert.Equal(t, ConfigMap{"bootstrap.servers": "b", "default.topic.config": ConfigMap{}}, m)

	// Missing keys give the default.
	b, err = ExtractBool(m, "go.delivery.reports", true)
	require.NoError(t, err)
	assert.True(t, b)
	ch, err = ExtractLogsChannel(m)
	require.NoError(t, err)
	assert.Nil(t, ch)

	// Type errors keep the key in place and use the reference's texts.
	bad := ConfigMap{
		"go.delivery.reports":    "true",
		"go.events.channel.size": int64(5),
		"go.x":                   1,
		"go.logs.channel":        make(chan string),
	}
	_, err = ExtractBool(bad, "go.delivery.reports", true)
	assert.EqualError(t, err, "go.delivery.reports expects type bool, not string")
	_, err = ExtractInt(bad, "go.events.channel.size", 0)
	assert.EqualError(t, err, "go.events.channel.size expects type int, not int64")
	_, err = ExtractString(bad, "go.x", "")
	assert.EqualError(t, err, "go.x expects type string, not int")
	_, err = ExtractLogsChannel(bad)
	assert.EqualError(t, err, "go.logs.channel expects type chan kafka.LogEvent, not chan string")
	assert.Len(t, bad, 4)
}

func TestCloneConfigMap(t *testing.T) {
	orig := ConfigMap{"a": "1", "default.topic.config": ConfigMap{"acks": "all"}}
	c := CloneConfigMap(orig)
	assert.Equal(t, orig, c)

	delete(c, "a")
	require.NoError(t, c.SetKey("{topic}.acks", "1"))
	require.NoError(t, c.SetKey("b", "2"))
	assert.Equal(t, ConfigMap{"a": "1", "default.topic.config": ConfigMap{"acks": "all"}}, orig)

	assert.Equal(t, ConfigMap{}, CloneConfigMap(nil))
}

func TestGoTypeName(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "<nil>"},
		{1, "int"},
		{time.Second, "time.Duration"},
		{Offset(1), "kafka.Offset"},
		{&Message{}, "*kafka.Message"},
		{map[string]TopicPartition{}, "map[string]kafka.TopicPartition"},
		{[2]Header{}, "[2]kafka.Header"},
		{make(chan LogEvent), "chan kafka.LogEvent"},
		{make(<-chan LogEvent), "<-chan kafka.LogEvent"},
		{make(chan<- LogEvent), "chan<- kafka.LogEvent"},
		{struct{}{}, "struct {}"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, goTypeName(tc.v))
		if tc.v != nil {
			assert.Equal(t, fmt.Sprintf("%T", tc.v), replaceOurPkg(goTypeName(tc.v)))
		}
	}
}

// replaceOurPkg maps the facade's package name back to this package's, so
// goTypeName can be checked against %T.
func replaceOurPkg(s string) string {
	out := []byte{}
	for i := 0; i < len(s); i++ {
		if len(s)-i >= 6 && s[i:i+6] == "kafka." {
			out = append(out, "client."...)
			i += 5
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}

func TestPkgPathConstant(t *testing.T) {
	// goTypeName relies on pkgPath matching the real import path.
	assert.Equal(t, pkgPath, reflect.TypeOf(Offset(0)).PkgPath())
}
