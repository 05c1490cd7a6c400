package kafka_test

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/kafka"
)

// The bad-input tests call every public constructor, function and method
// with nil, empty, negative, huge and closed-handle arguments. Each row
// states what confluent-kafka-go v2.11.1 does with the same call (its error
// code, and its text where applications may match on it), established by
// running the same calls against it. Where confluent panics, the row says
// so: purekafka either panics the same way (a nil receiver or a nil map,
// which no library can avoid) or returns the ErrInvalidArg its
// documentation promises instead. A panic anywhere else fails the test.

// outcome is what a row expects.
type outcome struct {
	kind outcomeKind
	code kafka.ErrorCode
	text string // "" = any text
}

type outcomeKind int

const (
	succeeds     outcomeKind = iota
	failsWith                // a kafka.Error with code (and text, if set)
	failsPlainly             // a non-kafka.Error, as confluent returns for this call
	panicsToo                // confluent panics and so does purekafka
	answers                  // no panic; the answer depends on the broker
)

func ok() outcome                        { return outcome{kind: succeeds} }
func fails(code kafka.ErrorCode) outcome { return outcome{kind: failsWith, code: code} }
func failsText(c kafka.ErrorCode, s string) outcome {
	return outcome{kind: failsWith, code: c, text: s}
}
func plainError(text string) outcome { return outcome{kind: failsPlainly, text: text} }
func panics() outcome                { return outcome{kind: panicsToo} }
func noPanic() outcome               { return outcome{kind: answers} }

// closedErr is confluent's answer to any call on a closed handle.
var closedErr = failsText(kafka.ErrState, "Operation not allowed on closed client")

// badCase is one call. call returns the call's error; results other than
// the error are checked inside call.
type badCase struct {
	name string
	call func() error
	want outcome
}

// runBad runs each case as a subtest, converting a panic into a failure
// unless the row expects one, and a call that does not return within a
// minute into a failure too.
func runBad(t *testing.T, cases []badCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			type result struct {
				err      error
				panicked any
			}
			done := make(chan result, 1)
			go func() {
				defer func() {
					if r := recover(); r != nil {
						done <- result{panicked: r}
					}
				}()
				done <- result{err: tc.call()}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(time.Minute): // a guard against a hang, not a measurement
				t.Fatalf("did not return within a minute")
			}
			if tc.want.kind == panicsToo {
				assert.NotNil(t, r.panicked, "confluent panics here and so should this (err %v)", r.err)
				return
			}
			require.Nil(t, r.panicked, "panic")
			switch tc.want.kind {
			case succeeds:
				assert.NoError(t, r.err)
			case failsWith:
				var ke kafka.Error
				require.True(t, errors.As(r.err, &ke), "want a kafka.Error with %v, got %v", tc.want.code, r.err)
				assert.Equal(t, tc.want.code, ke.Code(), "code of %q", ke.Error())
				if tc.want.text != "" {
					assert.Equal(t, tc.want.text, ke.Error())
				}
			case failsPlainly:
				require.Error(t, r.err)
				var ke kafka.Error
				assert.False(t, errors.As(r.err, &ke), "confluent returns a plain error here, not %v", r.err)
				assert.Equal(t, tc.want.text, r.err.Error())
			}
		})
	}
}

// mockCluster starts a one-broker in-process cluster with topic "t" (three
// partitions), closed when the test ends.
func mockCluster(t *testing.T) *kafka.MockCluster {
	t.Helper()
	mc, err := kafka.NewMockCluster(1)
	require.NoError(t, err)
	t.Cleanup(mc.Close)
	require.NoError(t, mc.CreateTopic("t", 3, 1))
	return mc
}

// TestBadInputConstructors covers NewProducer, NewConsumer, NewAdminClient*
// and NewMockCluster.
func TestBadInputConstructors(t *testing.T) {
	t.Parallel()
	closedP, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": "127.0.0.1:1"})
	require.NoError(t, err)
	closedP.Close()
	closedC, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": "127.0.0.1:1", "group.id": "g"})
	require.NoError(t, err)
	require.NoError(t, closedC.Close())
	producer := func(conf *kafka.ConfigMap) func() error {
		return func() error {
			p, err := kafka.NewProducer(conf)
			if p != nil {
				p.Close()
			}
			return err
		}
	}
	consumer := func(conf *kafka.ConfigMap) func() error {
		return func() error {
			c, err := kafka.NewConsumer(conf)
			if c != nil {
				_ = c.Close()
			}
			return err
		}
	}
	invalid := kafka.ErrInvalidArg
	// librdkafka reads the value as a C int: where Go's int has 64 bits,
	// both report -1; where it has 32 (arm, 386), math.MaxInt is the
	// property's maximum and both accept it.
	hugeInt := failsText(invalid, "Configuration property \"queue.buffering.max.messages\" value -1 is outside allowed range 0..2147483647\n")
	if strconv.IntSize == 32 {
		hugeInt = ok()
	}
	runBad(t, []badCase{
		// confluent panics (it dereferences the nil *ConfigMap); NewConfig
		// documents ErrInvalidArg instead. Same for the two below.
		{"NewProducer nil", producer(nil), failsText(invalid, "ConfigMap is nil")},
		{"NewProducer empty", producer(&kafka.ConfigMap{}), ok()},
		{"NewProducer huge int", producer(&kafka.ConfigMap{"queue.buffering.max.messages": math.MaxInt}), hugeInt},
		{"NewProducer negative", producer(&kafka.ConfigMap{"linger.ms": -1}),
			failsText(invalid, "Configuration property \"queue.buffering.max.ms\" value -1 is outside allowed range 0..900000\n")},
		{"NewProducer nil value", producer(&kafka.ConfigMap{"client.id": nil}),
			failsText(invalid, "Invalid value type <nil> for key client.id (expected string,bool,int,ConfigMap)")},
		{"NewProducer empty key", producer(&kafka.ConfigMap{"": "x"}), failsText(invalid, `No such configuration property: ""`)},
		// confluent panics in make(chan) with a negative size; documented ErrInvalidArg here.
		{"NewProducer negative channel size", producer(&kafka.ConfigMap{"go.events.channel.size": -1}), fails(invalid)},
		{"NewConsumer nil", consumer(nil), failsText(invalid, "ConfigMap is nil")},
		{"NewConsumer empty", consumer(&kafka.ConfigMap{}), failsText(invalid, "Required property group.id not set")},
		{"NewConsumer nil group.id", consumer(&kafka.ConfigMap{"group.id": nil}), failsText(invalid, "Required property group.id not set")},
		{"NewConsumer empty group.id", consumer(&kafka.ConfigMap{"group.id": ""}), ok()},
		{"NewAdminClient nil", func() error { _, err := kafka.NewAdminClient(nil); return err }, failsText(invalid, "ConfigMap is nil")},
		{"NewAdminClient empty", func() error {
			a, err := kafka.NewAdminClient(&kafka.ConfigMap{})
			if a != nil {
				a.Close()
			}
			return err
		}, ok()},
		// confluent panics on a nil client (it dereferences it); documented ErrInvalidArg here.
		{"NewAdminClientFromProducer nil", func() error { _, err := kafka.NewAdminClientFromProducer(nil); return err }, fails(invalid)},
		{"NewAdminClientFromConsumer nil", func() error { _, err := kafka.NewAdminClientFromConsumer(nil); return err }, fails(invalid)},
		// confluent hands out an AdminClient on the destroyed handle, whose
		// every call is a use-after-free; its own intended error is this one.
		{"NewAdminClientFromProducer closed", func() error { _, err := kafka.NewAdminClientFromProducer(closedP); return err },
			failsText(invalid, "Can't derive AdminClient from closed producer")},
		{"NewAdminClientFromConsumer closed", func() error { _, err := kafka.NewAdminClientFromConsumer(closedC); return err },
			failsText(invalid, "Can't derive AdminClient from closed consumer")},
		// Deviation: librdkafka starts a mock cluster without brokers, which
		// cannot serve anything; purekafka refuses the count instead.
		{"NewMockCluster 0", func() error { _, err := kafka.NewMockCluster(0); return err }, fails(invalid)},
		{"NewMockCluster negative", func() error { _, err := kafka.NewMockCluster(-1); return err }, fails(invalid)},
		{"MockCluster methods", func() error {
			mc, err := kafka.NewMockCluster(2)
			require.NoError(t, err)
			defer mc.Close()
			for _, id := range []int{0, -2, 99} {
				assertCode(t, kafka.ErrBrokerNotAvailable, mc.SetBrokerDown(id), "SetBrokerDown(%d)", id)
				assertCode(t, kafka.ErrBrokerNotAvailable, mc.SetBrokerUp(id), "SetBrokerUp(%d)", id)
				assertCode(t, kafka.ErrBrokerNotAvailable, mc.SetRoundtripDuration(id, time.Second), "SetRoundtripDuration(%d)", id)
			}
			assert.NoError(t, mc.SetBrokerDown(-1), "-1 means every broker")
			assert.NoError(t, mc.SetBrokerUp(-1))
			assert.NoError(t, mc.SetRoundtripDuration(1, -time.Second), "a negative latency is none")
			assert.NoError(t, mc.CreateTopic("", 1, 1))
			// Deviation: librdkafka's mock creates a topic of 0 partitions
			// and aborts the whole process (a failed calloc assertion) for
			// -1; purekafka refuses both.
			assertCode(t, invalid, mc.CreateTopic("x", 0, 1), "0 partitions")
			assertCode(t, invalid, mc.CreateTopic("y", -1, -1), "negative counts")
			return nil
		}, ok()},
		{"MockCluster after Close", func() error {
			mc, err := kafka.NewMockCluster(1)
			require.NoError(t, err)
			want := mc.BootstrapServers()
			mc.Close()
			assert.Equal(t, want, mc.BootstrapServers(), "confluent still returns the addresses")
			mc.Close() // twice: no panic, as in confluent
			return nil
		}, ok()},
	})
}

// TestBadInputFunctions covers the package-level functions.
func TestBadInputFunctions(t *testing.T) {
	t.Parallel()
	invalid := kafka.ErrInvalidArg
	offset := func(v any) func() error { return func() error { _, err := kafka.NewOffset(v); return err } }
	equal := func(want, got any) func() error {
		return func() error { assert.Equal(t, want, got); return nil }
	}
	runBad(t, []badCase{
		{"NewOffset nil", offset(nil), failsText(invalid, "Invalid offset type: %!t(<nil>)")},
		{"NewOffset empty", offset(""), plainError(`strconv.Atoi: parsing "": invalid syntax`)},
		{"NewOffset huge", offset(strings.Repeat("9", 40)), plainError(`strconv.Atoi: parsing "` + strings.Repeat("9", 40) + `": value out of range`)},
		{"NewOffset float", offset(1.5), failsText(invalid, "Invalid offset type: %!t(float64=1.5)")},
		{"NewOffset int32", offset(int32(5)), fails(invalid)},
		{"Offset.Set nil", func() error { var o kafka.Offset; return o.Set(nil) }, fails(invalid)},
		{"OffsetTail negative", equal(kafka.Offset(-1995), kafka.OffsetTail(-5)), ok()},
		{"OffsetTail MinInt64 wraps as in C", equal(kafka.Offset(9223372036854773808), kafka.OffsetTail(math.MinInt64)), ok()},
		{"NewError zero", equal("Success", kafka.NewError(0, "", false).Error()), ok()},
		{"NewError unknown fatal", equal("Fatal error: Err--1000000?", kafka.NewError(-1000000, "", true).Error()), ok()},
		{"ErrorCode unknown", equal("Err-12345?", kafka.ErrorCode(12345).String()), ok()},
		{"WriteErrorCodes nil file", func() error { kafka.WriteErrorCodes(nil); return nil }, ok()},
		{"NewTestConsumerGroupMetadata empty", func() error {
			md, err := kafka.NewTestConsumerGroupMetadata("")
			assert.NotNil(t, md)
			return err
		}, ok()},
		{"ResourceTypeFromString empty", func() error {
			v, err := kafka.ResourceTypeFromString("")
			assert.Equal(t, kafka.ResourceUnknown, v)
			return err
		}, failsText(invalid, "Unknown resource type")},
		{"ResourcePatternTypeFromString empty", func() error { _, err := kafka.ResourcePatternTypeFromString(""); return err },
			failsText(invalid, "Unknown resource pattern type")},
		{"ACLOperationFromString empty", func() error { _, err := kafka.ACLOperationFromString(""); return err }, failsText(invalid, "Unknown ACL operation")},
		{"ACLPermissionTypeFromString empty", func() error { _, err := kafka.ACLPermissionTypeFromString(""); return err },
			failsText(invalid, "Unknown ACL permission type")},
		{"ScramMechanismFromString empty", func() error { _, err := kafka.ScramMechanismFromString(""); return err }, failsText(invalid, "Unknown SCRAM mechanism")},
		{"ConsumerGroupStateFromString huge", func() error {
			v, err := kafka.ConsumerGroupStateFromString(strings.Repeat("x", 1<<16))
			assert.Equal(t, kafka.ConsumerGroupStateUnknown, v)
			return err
		}, ok()},
		{"ConsumerGroupTypeFromString empty", equal(kafka.ConsumerGroupTypeUnknown, kafka.ConsumerGroupTypeFromString("")), ok()},
		{"ElectionTypeFromString empty", func() error {
			v, err := kafka.ElectionTypeFromString("")
			assert.Equal(t, kafka.ElectionTypePreferred, v)
			return err
		}, failsText(invalid, "Unknown election type")},
		{"StringMapToConfigEntries nil", equal(0, len(kafka.StringMapToConfigEntries(nil, kafka.AlterOperationSet))), ok()},
		{"StringMapToIncrementalConfigEntries nil ops", func() error {
			es := kafka.StringMapToIncrementalConfigEntries(map[string]string{"a": "b"}, nil)
			require.Len(t, es, 1)
			assert.Equal(t, kafka.AlterConfigOpTypeSet, es[0].IncrementalOperation)
			return nil
		}, ok()},
		{"NewTopicCollectionOfTopicNames nil", func() error { kafka.NewTopicCollectionOfTopicNames(nil); return nil }, ok()},
		{"NewOffsetSpecForTimestamp negative", equal(kafka.OffsetSpec(-5), kafka.NewOffsetSpecForTimestamp(-5)), ok()},
		{"NewElectLeadersRequest nil", func() error { kafka.NewElectLeadersRequest(kafka.ElectionTypeUnclean, nil); return nil }, ok()},
		{"SetAdmin options negative and nil", func() error {
			assert.NotZero(t, kafka.SetAdminOperationTimeout(-1))
			assert.NotZero(t, kafka.SetAdminRequestTimeout(math.MinInt64))
			kafka.SetAdminMatchConsumerGroupStates(nil)
			kafka.SetAdminMatchConsumerGroupTypes(nil)
			assert.NotZero(t, kafka.SetAdminIsolationLevel(kafka.IsolationLevel(-7)))
			return nil
		}, ok()},
		{"LibraryVersion", func() error { _, s := kafka.LibraryVersion(); assert.Equal(t, "2.11.1", s); return nil }, ok()},
	})
}

// TestBadInputValues covers the value types' methods.
func TestBadInputValues(t *testing.T) {
	t.Parallel()
	invalid := kafka.ErrInvalidArg
	str := func(want string, got func() string) func() error {
		return func() error { assert.Equal(t, want, got()); return nil }
	}
	runBad(t, []badCase{
		// A method on a nil *Message dereferences it, in confluent too.
		{"nil Message String", func() error { var m *kafka.Message; _ = m.String(); return nil }, panics()},
		{"zero Message String", str("[0]@0", (&kafka.Message{}).String), ok()},
		{"zero TopicPartition String", str("<null>[0]@0", kafka.TopicPartition{}.String), ok()},
		// Less dereferences Topic, in confluent too (sort needs real topics).
		{"TopicPartitions Less nil topic", func() error {
			_ = kafka.TopicPartitions([]kafka.TopicPartition{{}}).Less(0, 0)
			return nil
		}, panics()},
		{"zero Header String", str("=nil", kafka.Header{}.String), ok()},
		{"zero Error String", str("Success", kafka.Error{}.String), ok()},
		{"zero Stats String", str("", kafka.Stats{}.String), ok()},
		{"zero PartitionEOF String", str("EOF at <null>[0]@0", kafka.PartitionEOF{}.String), ok()},
		{"zero OffsetsCommitted String", str("OffsetsCommitted (<nil>, [])", kafka.OffsetsCommitted{}.String), ok()},
		{"zero LogEvent String", str("[0001-01-01T00:00:00Z][][][0]", kafka.LogEvent{}.String), ok()},
		{"unknown TimestampType String", str("NotAvailable", kafka.TimestampType(99).String), ok()},
		// Writing to a nil map panics in Go, in confluent too.
		{"nil ConfigMap SetKey", func() error { var m kafka.ConfigMap; return m.SetKey("a", 1) }, panics()},
		{"nil ConfigMap Set", func() error { var m kafka.ConfigMap; return m.Set("a=1") }, panics()},
		{"nil ConfigMap Get", func() error {
			var m kafka.ConfigMap
			v, err := m.Get("a", nil)
			assert.Nil(t, v)
			return err
		}, ok()},
		{"ConfigMap Set empty", func() error { return kafka.ConfigMap{}.Set("") }, failsText(invalid, "Expected key=value")},
		{"ConfigMap Set only =", func() error {
			m := kafka.ConfigMap{}
			err := m.Set("=")
			assert.Equal(t, kafka.ConfigMap{"": ""}, m)
			return err
		}, ok()},
		// confluent panics in a type assertion when default.topic.config is
		// not a ConfigMap; SetKey and Get document ErrInvalidArg instead.
		{"ConfigMap SetKey topic prefix, bad sub-map", func() error {
			return kafka.ConfigMap{"default.topic.config": 1}.SetKey("{topic}.a", 1)
		}, failsText(invalid, "Invalid type for key default.topic.config")},
		{"ConfigMap Get topic prefix, bad sub-map", func() error {
			_, err := kafka.ConfigMap{"default.topic.config": 1}.Get("{topic}.a", nil)
			return err
		}, failsText(invalid, "Invalid type for key default.topic.config")},
		{"ConfigMap Get type mismatch", func() error { _, err := kafka.ConfigMap{"a": 1}.Get("a", ""); return err },
			failsText(invalid, "a expects type string, not int")},
	})
}

// assertCode asserts that err is a kafka.Error with code.
func assertCode(t *testing.T, code kafka.ErrorCode, err error, msgAndArgs ...any) {
	t.Helper()
	var ke kafka.Error
	if assert.True(t, errors.As(err, &ke), append([]any{"want %v, got %v"}, code, err)...) {
		assert.Equal(t, code, ke.Code(), msgAndArgs...)
	}
}

// must is require.NoError for fixtures built outside a subtest.
func must[T any](t *testing.T) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}

// pairs renders a watermark pair for assertions.
func pairs(low, high int64) string { return fmt.Sprintf("%d/%d", low, high) }
