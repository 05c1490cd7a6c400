package client

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// golden is the subset of the strings captured from the real
// confluent-kafka-go v2.11.1 (testdata/confluent-kafka-go-v2.11.1-strings.json)
// that covers this package's types.
type golden struct {
	ConfigMap         map[string]string      `json:"ConfigMap"`
	ConstructorErrors map[string]goldenError `json:"ConstructorErrors"`
	ClosedClient      goldenError            `json:"Consumer.Close twice"`
	ErrorIsTimeout    map[string]bool        `json:"Error.IsTimeout"`
	ErrorString       []string               `json:"Error.String"`
	ErrorCodeString   []struct {
		Code   int    `json:"code"`
		String string `json:"string"`
	} `json:"ErrorCode.String"`
	Events             map[string]string `json:"Events.String"`
	HeaderString       []string          `json:"Header.String"`
	LibraryVersion     []any             `json:"LibraryVersion"`
	MessageString      []string          `json:"Message.String"`
	NewOffset          []goldenIO        `json:"NewOffset"`
	OffsetString       map[string]string `json:"Offset.String"`
	OffsetTail5        int64             `json:"OffsetTail(5)"`
	TimestampType      map[string]string `json:"TimestampType.String"`
	TopicPartitionStrs []string          `json:"TopicPartition.String"`
}

type goldenError struct {
	Code     int    `json:"code"`
	CodeName string `json:"code_name"`
	Error    string `json:"error"`
}

type goldenIO struct {
	In  string `json:"in"`
	Out string `json:"out"`
	Err string `json:"err"`
}

func loadGolden(t *testing.T) golden {
	t.Helper()
	b, err := os.ReadFile("testdata/confluent-kafka-go-v2.11.1-strings.json")
	require.NoError(t, err)
	var g golden
	require.NoError(t, json.Unmarshal(b, &g))
	return g
}

func TestGoldenErrorCodeString(t *testing.T) {
	g := loadGolden(t)
	require.Len(t, g.ErrorCodeString, 331, "golden covers -200..130")
	for _, c := range g.ErrorCodeString {
		assert.Equal(t, c.String, ErrorCode(c.Code).String(), "code %d", c.Code)
	}
	// Outside the captured range librdkafka uses the same fallback.
	assert.Equal(t, "Err--201?", ErrorCode(-201).String())
	assert.Equal(t, "Err-131?", ErrorCode(131).String())
	assert.Equal(t, "Err-1000?", ErrorCode(1000).String())
}

func TestGoldenErrorCodeTableComplete(t *testing.T) {
	g := loadGolden(t)
	named := map[ErrorCode]string{}
	for _, c := range g.ErrorCodeString {
		if c.String != fmt.Sprintf("Err-%d?", c.Code) {
			named[ErrorCode(c.Code)] = c.String
		}
	}
	require.Len(t, errorCodeTable, 170)
	require.Len(t, named, len(errorCodeTable), "every described code has a constant")
	nameRE := regexp.MustCompile(`^Err[A-Z][A-Za-z0-9]*$`)
	cnameRE := regexp.MustCompile(`^RD_KAFKA_RESP_ERR_[A-Z0-9_]+$`)
	for i, e := range errorCodeTable {
		if i > 0 {
			require.Less(t, errorCodeTable[i-1].code, e.code, "table must be sorted for binary search")
		}
		assert.Equal(t, named[e.code], e.desc, e.name)
		assert.Regexp(t, nameRE, e.name)
		assert.Regexp(t, cnameRE, e.cname)
		// Local codes are the negative ones, named with a double underscore.
		assert.Equal(t, e.code < -1, strings.HasPrefix(e.cname, "RD_KAFKA_RESP_ERR__"), e.name)
	}
}

func TestGoldenError(t *testing.T) {
	g := loadGolden(t)
	errs := []Error{
		NewError(ErrTimedOut, "", false),
		NewError(ErrFail, "custom text", false),
		NewError(ErrFail, "boom", true),
		NewError(ErrUnknownTopicOrPart, "", false),
	}
	require.Len(t, g.ErrorString, len(errs))
	for i, e := range errs {
		assert.Equal(t, g.ErrorString[i], e.String())
		assert.Equal(t, g.ErrorString[i], e.Error())
	}

	codes := map[string]ErrorCode{
		"ErrMsgTimedOut":     ErrMsgTimedOut,
		"ErrRequestTimedOut": ErrRequestTimedOut,
		"ErrTimedOut":        ErrTimedOut,
		"ErrTimedOutQueue":   ErrTimedOutQueue,
	}
	require.Len(t, g.ErrorIsTimeout, len(codes))
	for name, want := range g.ErrorIsTimeout {
		assert.Equal(t, want, NewError(codes[name], "", false).IsTimeout(), name)
	}

	assert.Equal(t, g.ClosedClient.Error, NewClosedClientError().Error())
	assert.Equal(t, g.ClosedClient.Code, int(NewClosedClientError().Code()))
	assert.Equal(t, g.ClosedClient.CodeName, NewClosedClientError().Code().String())
}

func TestGoldenConfigMap(t *testing.T) {
	g := loadGolden(t)

	m := ConfigMap{}
	require.NoError(t, m.SetKey("{topic}.acks", "all"))
	require.NoError(t, m.Set("a=b=c"))
	assert.Equal(t, g.ConfigMap["after SetKey({topic}.acks) + Set(a=b=c)"], fmt.Sprint(m))

	show := func(v ConfigValue, err error) string {
		s := ""
		if err != nil {
			s = err.Error()
		}
		return fmt.Sprintf("%v / %s", v, s)
	}
	assert.Equal(t, g.ConfigMap[`Get(a,"")`], show(m.Get("a", "")))
	assert.Equal(t, g.ConfigMap["Get(a,1)"], show(m.Get("a", 1)))

	err := m.Set("novalue")
	require.Error(t, err)
	assert.Equal(t, g.ConfigMap["Set(novalue) error"], err.Error())
	assert.Equal(t, ErrInvalidArg, err.(Error).Code())
}

func TestGoldenConstructorErrors(t *testing.T) {
	g := loadGolden(t)
	check := func(name string, err error) {
		t.Helper()
		want := g.ConstructorErrors[name]
		require.Error(t, err, name)
		var e Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, want.Error, e.Error(), name)
		assert.Equal(t, want.Code, int(e.Code()), name)
		assert.Equal(t, want.CodeName, e.Code().String(), name)
	}

	_, err := ConfigValueString("linger.ms", int64(5))
	check("NewProducer linger.ms int64", err)

	_, err = ExtractBool(ConfigMap{"go.delivery.reports": "true"}, "go.delivery.reports", true)
	check("NewProducer go.delivery.reports string", err)
}

func TestGoldenOffset(t *testing.T) {
	g := loadGolden(t)
	require.NotEmpty(t, g.OffsetString)
	for in, want := range g.OffsetString {
		n, err := strconv.ParseInt(in, 10, 64)
		require.NoError(t, err)
		assert.Equal(t, want, Offset(n).String())
	}
	assert.Equal(t, Offset(g.OffsetTail5), OffsetTail(5))
}

// parseGoldenInput turns the capture program's "type(value)" notation back
// into the Go value it passed to NewOffset.
func parseGoldenInput(t *testing.T, in string) any {
	t.Helper()
	typ, rest, ok := strings.Cut(in, "(")
	require.True(t, ok, in)
	val := strings.TrimSuffix(rest, ")")
	switch typ {
	case "string":
		return val
	case "int":
		n, err := strconv.Atoi(val)
		require.NoError(t, err)
		return n
	case "int64":
		n, err := strconv.ParseInt(val, 10, 64)
		require.NoError(t, err)
		return n
	case "kafka.Offset":
		n, err := strconv.ParseInt(val, 10, 64)
		require.NoError(t, err)
		return Offset(n)
	case "float64":
		f, err := strconv.ParseFloat(val, 64)
		require.NoError(t, err)
		return f
	}
	t.Fatalf("unknown golden input type %q", typ)
	return nil
}

func TestGoldenNewOffset(t *testing.T) {
	g := loadGolden(t)
	require.NotEmpty(t, g.NewOffset)
	for _, c := range g.NewOffset {
		t.Run(c.In, func(t *testing.T) {
			in := parseGoldenInput(t, c.In)
			got, err := NewOffset(in)
			assert.Equal(t, c.Out, strconv.FormatInt(int64(got), 10))
			if c.Err == "" {
				assert.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Equal(t, c.Err, err.Error())
			}

			// Set parses identically and only stores on success.
			o := Offset(99)
			err = o.Set(in)
			if c.Err == "" {
				require.NoError(t, err)
				assert.Equal(t, got, o)
			} else {
				require.Error(t, err)
				assert.Equal(t, Offset(99), o)
			}
		})
	}
}

func TestGoldenTopicPartition(t *testing.T) {
	g := loadGolden(t)
	topic := "t"
	tps := []TopicPartition{
		{Topic: &topic, Partition: 1, Offset: 5},
		{Topic: &topic, Partition: PartitionAny, Offset: OffsetEnd},
		{Topic: &topic, Partition: 2, Offset: 7},
		{Topic: &topic, Partition: 2, Offset: 7, Error: NewError(ErrUnknownTopicOrPart, "", false)},
		{},
	}
	require.Equal(t, len(g.TopicPartitionStrs), len(tps))
	for i, tp := range tps {
		assert.Equal(t, g.TopicPartitionStrs[i], tp.String())
	}
}

func TestGoldenHeader(t *testing.T) {
	g := loadGolden(t)
	hs := []Header{
		{Key: "k", Value: []byte("value")},
		{Key: "k"},
		{Key: "k", Value: []byte{}},
		{Key: "k", Value: []byte(strings.Repeat("0123456789", 7))},
		{Key: "bin", Value: []byte{0, 1, 2, 0xff}},
	}
	require.Equal(t, len(g.HeaderString), len(hs))
	for i, h := range hs {
		assert.Equal(t, g.HeaderString[i], h.String())
	}
}

func TestGoldenMessageAndTimestampType(t *testing.T) {
	g := loadGolden(t)
	topic := "t"
	m := &Message{TopicPartition: TopicPartition{Topic: &topic, Partition: 0, Offset: 10}}
	assert.Equal(t, g.MessageString[0], m.String())

	require.NotEmpty(t, g.TimestampType)
	for in, want := range g.TimestampType {
		n, err := strconv.Atoi(in)
		require.NoError(t, err)
		assert.Equal(t, want, TimestampType(n).String())
	}
}

func TestGoldenEvents(t *testing.T) {
	g := loadGolden(t)
	topic := "t"
	tp0 := TopicPartition{Topic: &topic, Partition: 0, Offset: 0}
	events := map[string]Event{
		"AssignedPartitions":      AssignedPartitions{Partitions: []TopicPartition{tp0}},
		"RevokedPartitions":       RevokedPartitions{Partitions: []TopicPartition{tp0}},
		"PartitionEOF":            PartitionEOF{Topic: &topic, Partition: 0, Offset: 10},
		"OffsetsCommitted":        OffsetsCommitted{Offsets: []TopicPartition{{Topic: &topic, Offset: 3}}},
		"OffsetsCommittedErr":     OffsetsCommitted{Error: NewError(ErrNoOffset, "", false), Offsets: []TopicPartition{}},
		"OAuthBearerTokenRefresh": OAuthBearerTokenRefresh{Config: "principal=x"},
		"Stats":                   NewStats(""),
		"LogEvent": LogEvent{
			Name:      "rdkafka#producer-1",
			Tag:       "TAG",
			Message:   "msg",
			Level:     7,
			Timestamp: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		},
	}
	require.Equal(t, len(g.Events), len(events))
	for name, want := range g.Events {
		ev, ok := events[name]
		require.True(t, ok, name)
		assert.Equal(t, want, ev.String(), name)
	}
}

func TestGoldenLibraryVersion(t *testing.T) {
	g := loadGolden(t)
	n, s := LibraryVersion()
	require.Len(t, g.LibraryVersion, 2)
	assert.Equal(t, g.LibraryVersion[0], float64(n))
	assert.Equal(t, g.LibraryVersion[1], s)
}
