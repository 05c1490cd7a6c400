package client

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// ConfigValue is the value of one configuration property. Like
// confluent-kafka-go, the client accepts bool, int, string, any
// fmt.Stringer (converted with its String method), and ConfigMap for the
// "default.topic.config" sub-map; the go.* properties take other Go types
// (channels, ints, bools) that are extracted before conversion.
type ConfigValue interface{}

// ConfigMap holds librdkafka configuration properties, as documented in
// librdkafka's CONFIGURATION.md, plus the Go client's own go.* properties.
//
// The special key "default.topic.config" may hold a ConfigMap of topic-level
// properties. Its use is deprecated in the reference, topic-level properties
// may be given at the top level, but when present it takes precedence, so
// it is still honoured here.
type ConfigMap map[string]ConfigValue

const (
	// topicPrefix is the SetKey/Get key prefix that addresses the
	// default.topic.config sub-map.
	topicPrefix = "{topic}."
	// defaultTopicConfig is the key of the topic-level sub-map.
	defaultTopicConfig = "default.topic.config"
	// pkgPath is this package's import path; goTypeName uses it to print
	// our types under the facade's package name.
	pkgPath = "github.com/purekafka/purekafka/client"
)

// SetKey sets configuration property key to value.
//
// A key prefixed with "{topic}." is stored, without the prefix, in the
// "default.topic.config" sub-map, which is created if needed; this is a
// deprecated convenience of the reference that existing programs still use.
// The reference panics when "default.topic.config" holds something other
// than a ConfigMap; this returns an ErrInvalidArg error instead.
func (m ConfigMap) SetKey(key string, value ConfigValue) error {
	if sub, ok := strings.CutPrefix(key, topicPrefix); ok {
		tc, err := m.topicConfig(true)
		if err != nil {
			return err
		}
		tc[sub] = value
		return nil
	}
	m[key] = value
	return nil
}

// Set implements flag.Value's Set so that a ConfigMap can collect
// "-X key=value" command line arguments. Everything after the first '=' is
// the value, so "a=b=c" sets a to "b=c".
func (m ConfigMap) Set(kv string) error {
	k, v, ok := strings.Cut(kv, "=")
	if !ok {
		return NewError(ErrInvalidArg, "Expected key=value", false)
	}
	return m.SetKey(k, v)
}

// Get returns the value of key, or defval if key is not set.
//
// When defval is not nil, the stored value must have exactly defval's
// dynamic type; otherwise Get returns a nil value and an ErrInvalidArg
// error such as "a expects type int, not string". A "{topic}." prefix reads
// from the "default.topic.config" sub-map.
func (m ConfigMap) Get(key string, defval ConfigValue) (ConfigValue, error) {
	if sub, ok := strings.CutPrefix(key, topicPrefix); ok {
		tc, err := m.topicConfig(false)
		if err != nil {
			return nil, err
		}
		if tc == nil {
			return defval, nil
		}
		return tc.Get(sub, defval)
	}
	v, ok := m[key]
	if !ok {
		return defval, nil
	}
	if defval != nil && reflect.TypeOf(defval) != reflect.TypeOf(v) {
		return nil, Errorf(ErrInvalidArg, "%s expects type %s, not %s", key, goTypeName(defval), goTypeName(v))
	}
	return v, nil
}

// topicConfig returns the "default.topic.config" sub-map, creating it when
// create is set. It returns nil (and no error) when the sub-map is absent
// and create is not set.
func (m ConfigMap) topicConfig(create bool) (ConfigMap, error) {
	v, ok := m[defaultTopicConfig]
	if !ok {
		if !create {
			return nil, nil
		}
		tc := ConfigMap{}
		m[defaultTopicConfig] = tc
		return tc, nil
	}
	tc, ok := v.(ConfigMap)
	if !ok {
		return nil, Errorf(ErrInvalidArg, "Invalid type for key %s", defaultTopicConfig)
	}
	return tc, nil
}

// CloneConfigMap returns a copy of m that can be modified (go.* keys
// extracted, defaults added) without touching the caller's map: the
// reference's constructors never mutate the ConfigMap they are given, and
// applications reuse one map for several clients. The "default.topic.config"
// sub-map is copied too, because it is mutable through the same API. A nil m
// yields an empty map.
func CloneConfigMap(m ConfigMap) ConfigMap {
	c := make(ConfigMap, len(m))
	for k, v := range m {
		if sub, ok := v.(ConfigMap); ok {
			v = CloneConfigMap(sub)
		}
		c[k] = v
	}
	return c
}

// ConfigValueString converts a property value to the string librdkafka
// would be given, with confluent-kafka-go's rules: bool becomes
// "true"/"false", int its decimal form, string is used as is, and any
// fmt.Stringer its String() text (so a time.Duration becomes "5ms", which
// numeric properties then reject, as in the reference). Every other type,
// including int64, float64, slices and nil, fails with ErrInvalidArg:
//
//	Invalid value type int64 for key linger.ms (expected string,bool,int,ConfigMap)
//
// A ConfigMap value is only meaningful under "default.topic.config", which
// the caller must handle itself; anywhere else it fails with
// "Invalid type for key <key>", the reference's text for that case.
func ConfigValueString(key string, v ConfigValue) (string, error) {
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case string:
		return x, nil
	case ConfigMap:
		return "", Errorf(ErrInvalidArg, "Invalid type for key %s", key)
	case fmt.Stringer:
		return x.String(), nil
	default:
		return "", Errorf(ErrInvalidArg, "Invalid value type %s for key %s (expected string,bool,int,ConfigMap)",
			goTypeName(v), key)
	}
}

// ConfigString looks up key in m and converts its value with
// ConfigValueString. found reports whether the key is present; a missing key
// is not an error. It does not look into "default.topic.config": callers that
// resolve topic-level properties check the sub-map first, because it takes
// precedence.
func ConfigString(m ConfigMap, key string) (s string, found bool, err error) {
	v, ok := m[key]
	if !ok {
		return "", false, nil
	}
	s, err = ConfigValueString(key, v)
	return s, true, err
}

// ExtractConfig returns the value of key like Get (same type check against
// defval, same error text) and removes the key from m; on a type error the
// key is left in place. The handles use it to
// pull the Go-only go.* properties out of their private clone before the
// remaining librdkafka properties are validated, which is what makes a
// go.* key unknown to the property table harmless.
func ExtractConfig(m ConfigMap, key string, defval ConfigValue) (ConfigValue, error) {
	v, err := m.Get(key, defval)
	if err != nil {
		return nil, err
	}
	if sub, ok := strings.CutPrefix(key, topicPrefix); ok {
		if tc, _ := m.topicConfig(false); tc != nil {
			delete(tc, sub)
		}
	} else {
		delete(m, key)
	}
	return v, nil
}

// ExtractBool extracts a bool-typed go.* property (for example
// go.delivery.reports) with ExtractConfig. A value of any other type fails
// with ErrInvalidArg "go.delivery.reports expects type bool, not string".
func ExtractBool(m ConfigMap, key string, def bool) (bool, error) {
	v, err := ExtractConfig(m, key, def)
	if err != nil {
		return def, err
	}
	return v.(bool), nil
}

// ExtractInt extracts an int-typed go.* property (for example
// go.events.channel.size) with ExtractConfig; other types, int64 included,
// fail with ErrInvalidArg "<key> expects type int, not int64".
func ExtractInt(m ConfigMap, key string, def int) (int, error) {
	v, err := ExtractConfig(m, key, def)
	if err != nil {
		return def, err
	}
	return v.(int), nil
}

// ExtractString extracts a string-typed go.* property (for example
// go.delivery.report.fields) with ExtractConfig; other types fail with
// ErrInvalidArg "<key> expects type string, not <type>".
func ExtractString(m ConfigMap, key string, def string) (string, error) {
	v, err := ExtractConfig(m, key, def)
	if err != nil {
		return def, err
	}
	return v.(string), nil
}

// ExtractLogsChannel extracts go.logs.channel, the application-provided
// channel for LogEvents. nil means none was given. Like the other Extract
// helpers it leaves the key in place on a type error. The reference panics
// on a value of another type; this returns ErrInvalidArg
// "go.logs.channel expects type chan kafka.LogEvent, not <type>" instead.
func ExtractLogsChannel(m ConfigMap) (chan LogEvent, error) {
	const key = "go.logs.channel"
	v, ok := m[key]
	if !ok || v == nil {
		delete(m, key)
		return nil, nil
	}
	ch, ok := v.(chan LogEvent)
	if !ok {
		return nil, Errorf(ErrInvalidArg, "%s expects type %s, not %s", key, goTypeName(ch), goTypeName(v))
	}
	delete(m, key)
	return ch, nil
}

// goTypeName formats v's dynamic type like %T, except that types declared in
// this package print as "kafka.X": users only ever see them through the
// kafka facade, and the reference's error texts name them that way.
func goTypeName(v any) string {
	if v == nil {
		return "<nil>"
	}
	return typeName(reflect.TypeOf(v))
}

// typeName is goTypeName for a reflect.Type, recursing into the composite
// kinds whose element types may be ours.
func typeName(t reflect.Type) string {
	if t.Name() != "" {
		if t.PkgPath() == pkgPath {
			return "kafka." + t.Name()
		}
		return t.String()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + typeName(t.Elem())
	case reflect.Slice:
		return "[]" + typeName(t.Elem())
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), typeName(t.Elem()))
	case reflect.Map:
		return "map[" + typeName(t.Key()) + "]" + typeName(t.Elem())
	case reflect.Chan:
		switch t.ChanDir() {
		case reflect.RecvDir:
			return "<-chan " + typeName(t.Elem())
		case reflect.SendDir:
			return "chan<- " + typeName(t.Elem())
		default:
			return "chan " + typeName(t.Elem())
		}
	default:
		return t.String()
	}
}
