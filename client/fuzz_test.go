package client_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/client"
)

// Fuzz targets for what applications hand the client as text: "-X k=v"
// command-line properties, whole configurations, offsets and headers. Seeds
// are in the f.Add calls and in testdata/fuzz/<Target>/. Run one with, for
// example, go test -run '^$' -fuzz '^FuzzConfigMapSet$' -fuzztime 30s ./client/

// FuzzConfigMapSet checks ConfigMap.Set, the flag.Value a program uses to
// collect -X key=value arguments: everything after the first '=' is the
// value, a missing '=' is ErrInvalidArg, and what was set reads back with
// Get, "{topic}." keys included. It never panics, even on a
// default.topic.config that is not a ConfigMap.
func FuzzConfigMapSet(f *testing.F) {
	for _, s := range []string{
		"bootstrap.servers=localhost:9092", "a=b=c", "novalue", "=", "k=", "=v",
		"{topic}.acks=all", "{topic}.=x", "default.topic.config=oops", "go.events.channel.size=-1",
		"linger.ms=\x00", "ключ=значение",
	} {
		f.Add(s, "{topic}.request.timeout.ms")
	}
	f.Fuzz(func(t *testing.T, kv, second string) {
		m := client.ConfigMap{}
		err := m.Set(kv)
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			var e client.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, client.ErrInvalidArg, e.Code())
			assert.Empty(t, m, "a failed Set leaves the map alone")
			return
		}
		require.NoError(t, err)
		if readsBack(k) {
			got, err := m.Get(k, "")
			require.NoError(t, err)
			assert.Equal(t, v, got)
		}
		// A second key: whatever the first one did to default.topic.config,
		// this is an error or a success, never a panic.
		if err := m.SetKey(second, 1); err == nil && readsBack(second) {
			got, err := m.Get(second, 0)
			require.NoError(t, err)
			assert.Equal(t, 1, got)
		}
		_ = client.CloneConfigMap(m)
	})
}

// readsBack reports whether Get finds what SetKey stored under key. SetKey
// strips one "{topic}." prefix but Get strips them recursively, so a key
// with two does not read back: the reference behaves the same way.
func readsBack(key string) bool {
	return !strings.HasPrefix(strings.TrimPrefix(key, "{topic}."), "{topic}.")
}

// FuzzNewConfig feeds NewConfig, which every constructor calls, one fuzzed
// property on top of a valid configuration, as a string, an int or a bool,
// for each client role. It must answer with a nil error or with the
// documented error kinds, never a panic.
func FuzzNewConfig(f *testing.F) {
	for _, k := range []string{
		"acks", "linger.ms", "enable.idempotence", "transactional.id", "compression.type",
		"queue.buffering.max.messages", "message.max.bytes", "partitioner", "auto.offset.reset",
		"group.protocol", "partition.assignment.strategy", "isolation.level", "security.protocol",
		"sasl.mechanisms", "go.delivery.report.fields", "go.events.channel.size", "debug",
		"statistics.interval.ms", "{topic}.acks", "default.topic.config", "client.id", "no.such.property",
	} {
		f.Add(k, "1", int64(-1), byte(0))
	}
	f.Add("linger.ms", "5ms", int64(1<<40), byte(1))
	f.Add("acks", "all", int64(0), byte(2))
	f.Fuzz(func(t *testing.T, key, s string, n int64, kind byte) {
		var v client.ConfigValue
		switch kind % 3 {
		case 0:
			v = s
		case 1:
			v = int(n)
		default:
			v = n%2 == 0
		}
		for _, role := range []client.Role{client.RoleProducer, client.RoleConsumer, client.RoleAdmin} {
			m := client.ConfigMap{"bootstrap.servers": "127.0.0.1:1", "group.id": "g"}
			if err := m.SetKey(key, v); err != nil {
				return
			}
			before := len(m)
			_, err := client.NewConfig(&m, role)
			assert.Len(t, m, before, "NewConfig must not modify the caller's map")
			if err == nil {
				continue
			}
			var e client.Error
			if !errors.As(err, &e) {
				// The one documented plain error: an unknown
				// go.delivery.report.fields entry, as in the reference.
				assert.Equal(t, "go.delivery.report.fields", key, "a non-kafka.Error: %v", err)
				continue
			}
			assert.Contains(t, []client.ErrorCode{client.ErrInvalidArg, client.ErrUnsupportedFeature, client.ErrNotImplemented},
				e.Code(), "error %v", err)
		}
	})
}

// FuzzNewOffset checks offset parsing: a string that parses names a
// logical offset or is a decimal int64, and every parsed offset survives
// String and a second parse (applications log offsets and read them back).
// Offset.Set leaves its receiver unchanged on error, and tail offsets round
// trip through OffsetTail and IsTailOffset.
func FuzzNewOffset(f *testing.F) {
	for _, s := range []string{"beginning", "earliest", "end", "latest", "unset", "invalid", "stored",
		"0", "-1", "-2", "-1000", "-1001", "-2000", "-2005", "9223372036854775807", "9223372036854775808",
		"+5", " 5", "0x10", "1e3", "", "BEGINNING"} {
		f.Add(s, int64(5))
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		o, err := client.NewOffset(s)
		if err != nil {
			var ne *strconv.NumError
			require.ErrorAs(t, err, &ne, "a bad number fails with strconv's error, as in the reference")
			assert.Equal(t, "Atoi", ne.Func)
			keep := client.Offset(42)
			require.Error(t, keep.Set(s))
			assert.Equal(t, client.Offset(42), keep, "Set changed the offset on error")
			return
		}
		switch s {
		case "beginning", "earliest", "end", "latest", "unset", "invalid", "stored":
		default:
			want, perr := strconv.ParseInt(s, 10, 64)
			require.NoError(t, perr)
			assert.Equal(t, client.Offset(want), o)
		}
		again, err := client.NewOffset(o.String())
		require.NoError(t, err, "parsing %q (from %q)", o.String(), s)
		assert.Equal(t, o, again)
		var set client.Offset
		require.NoError(t, set.Set(s))
		assert.Equal(t, o, set)

		if n >= 0 && n <= 1<<62 { // beyond that OffsetTail overflows int64, as in librdkafka
			rel, ok := client.IsTailOffset(client.OffsetTail(client.Offset(n)))
			assert.True(t, ok)
			assert.Equal(t, n, rel)
		}
		for _, v := range []any{n, int(n), client.Offset(n)} {
			got, err := client.NewOffset(v)
			require.NoError(t, err)
			assert.Equal(t, client.Offset(n), got)
		}
	})
}

// FuzzHeaderString checks Header.String, which applications log: nil and
// empty values are told apart, long values are truncated with the count of
// bytes left out, and it never panics on any key or value bytes.
func FuzzHeaderString(f *testing.F) {
	f.Add("trace-id", []byte("abc"), false)
	f.Add("nil", []byte(nil), true)
	f.Add("empty", []byte{}, false)
	f.Add("", []byte("\x00\xff\"\\"), false)
	f.Add("long", []byte(strings.Repeat("x", 66)), false)
	f.Add("edge", []byte(strings.Repeat("y", 65)), false)
	f.Fuzz(func(t *testing.T, key string, value []byte, null bool) {
		if null {
			value = nil
		} else if value == nil {
			value = []byte{}
		}
		h := client.Header{Key: key, Value: value}
		s := h.String()
		require.True(t, strings.HasPrefix(s, key+"="), "%q", s)
		rest := s[len(key)+1:]
		switch {
		case null:
			assert.Equal(t, "nil", rest)
		case len(value) == 0:
			assert.Equal(t, "<empty>", rest)
		case len(value) > 65:
			assert.Equal(t, strconv.Quote(string(value[:50]))+"("+strconv.Itoa(len(value)-50)+" more bytes)", rest)
		default:
			assert.Equal(t, strconv.Quote(string(value)), rest)
		}
	})
}
