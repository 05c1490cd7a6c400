package client

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

func strp(s string) *string { return &s }
func i32p(i int32) *int32   { return &i }

func TestOffsetConstants(t *testing.T) {
	assert.Equal(t, Offset(-2), OffsetBeginning)
	assert.Equal(t, Offset(-1), OffsetEnd)
	assert.Equal(t, Offset(-1001), OffsetInvalid)
	assert.Equal(t, Offset(-1000), OffsetStored)
	assert.Equal(t, int32(-1), PartitionAny)
	assert.Equal(t, Offset(-2000), OffsetTail(0))
}

func TestNewOffsetExtra(t *testing.T) {
	tests := []struct {
		in      any
		want    Offset
		wantErr string
	}{
		{in: "9223372036854775807", want: Offset(9223372036854775807)},
		{in: "", want: 0, wantErr: `strconv.Atoi: parsing "": invalid syntax`},
		{in: "BEGINNING", want: 0, wantErr: `strconv.Atoi: parsing "BEGINNING": invalid syntax`},
		{in: true, want: OffsetInvalid, wantErr: "Invalid offset type: true"},
		{in: nil, want: OffsetInvalid, wantErr: "Invalid offset type: %!t(<nil>)"},
		{in: int32(3), want: OffsetInvalid, wantErr: "Invalid offset type: %!t(int32=3)"},
	}
	for _, tc := range tests {
		got, err := NewOffset(tc.in)
		assert.Equal(t, tc.want, got)
		if tc.wantErr == "" {
			assert.NoError(t, err)
			continue
		}
		require.Error(t, err)
		assert.Equal(t, tc.wantErr, err.Error())
		if e, ok := err.(Error); ok {
			assert.Equal(t, ErrInvalidArg, e.Code())
		}
	}
}

func TestIsTailOffset(t *testing.T) {
	n, ok := IsTailOffset(OffsetTail(5))
	assert.True(t, ok)
	assert.Equal(t, int64(5), n)
	n, ok = IsTailOffset(OffsetTail(0))
	assert.True(t, ok)
	assert.Equal(t, int64(0), n)
	for _, o := range []Offset{0, 5, OffsetBeginning, OffsetEnd, OffsetStored, OffsetInvalid, -1999} {
		_, ok := IsTailOffset(o)
		assert.False(t, ok, o)
	}
}

func TestKgoOffset(t *testing.T) {
	start := kgo.NewOffset()
	tests := []struct {
		in   Offset
		want kgo.Offset
		ok   bool
	}{
		{0, start.At(0), true},
		{42, start.At(42), true},
		{OffsetBeginning, start.AtStart(), true},
		{OffsetEnd, start.AtEnd(), true},
		{OffsetTail(5), start.AtEnd().Relative(-5), true},
		{OffsetStored, start, false},
		{OffsetInvalid, start, false},
		{-3, start, false},
	}
	for _, tc := range tests {
		got, ok := KgoOffset(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}

	off, ok := KgoPartitionOffset(TopicPartition{Offset: 7, LeaderEpoch: i32p(3)})
	assert.True(t, ok)
	assert.Equal(t, start.At(7).WithEpoch(3), off)
	assert.Equal(t, kgo.EpochOffset{Epoch: 3, Offset: 7}, off.EpochOffset())
	// Epochs only make sense for absolute positions.
	off, _ = KgoPartitionOffset(TopicPartition{Offset: OffsetEnd, LeaderEpoch: i32p(3)})
	assert.Equal(t, start.AtEnd(), off)
}

func TestKgoOffsets(t *testing.T) {
	unresolved := kgo.NewOffset().AtCommitted()
	got := KgoOffsets([]TopicPartition{
		{Topic: strp("a"), Partition: 0, Offset: OffsetBeginning},
		{Topic: strp("a"), Partition: 1, Offset: 10, LeaderEpoch: i32p(2)},
		{Topic: strp("b"), Partition: 0, Offset: OffsetStored},
		{Topic: nil, Partition: 9},
	}, unresolved)
	assert.Equal(t, map[string]map[int32]kgo.Offset{
		"a": {0: kgo.NewOffset().AtStart(), 1: kgo.NewOffset().At(10).WithEpoch(2)},
		"b": {0: unresolved},
	}, got)
}

func TestEpochOffsetsRoundTrip(t *testing.T) {
	tps := []TopicPartition{
		{Topic: strp("b"), Partition: 0, Offset: 5},
		{Topic: strp("a"), Partition: 2, Offset: 7, LeaderEpoch: i32p(4)},
		{Topic: strp("a"), Partition: 1, Offset: 3},
		{Partition: 3},
	}
	m := EpochOffsets(tps)
	assert.Equal(t, map[string]map[int32]kgo.EpochOffset{
		"a": {1: {Epoch: -1, Offset: 3}, 2: {Epoch: 4, Offset: 7}},
		"b": {0: {Epoch: -1, Offset: 5}},
	}, m)
	back := TopicPartitionsFromEpochOffsets(m)
	assert.Equal(t, []TopicPartition{tps[2], tps[1], tps[0]}, back)
	assert.Empty(t, TopicPartitionsFromEpochOffsets(nil))
}

func TestKadmOffsetsRoundTrip(t *testing.T) {
	tps := []TopicPartition{
		{Topic: strp("b"), Partition: 0, Offset: 5, Metadata: strp("meta")},
		{Topic: strp("a"), Partition: 1, Offset: 3, LeaderEpoch: i32p(1)},
		{Partition: 3},
	}
	os := KadmOffsets(tps)
	assert.Equal(t, kadm.Offsets{
		"a": {1: {Topic: "a", Partition: 1, At: 3, LeaderEpoch: 1}},
		"b": {0: {Topic: "b", Partition: 0, At: 5, LeaderEpoch: -1, Metadata: "meta"}},
	}, os)
	assert.Equal(t, []TopicPartition{tps[1], tps[0]}, TopicPartitionsFromKadmOffsets(os))
}

func TestEpochPtr(t *testing.T) {
	assert.Nil(t, EpochPtr(-1))
	require.NotNil(t, EpochPtr(0))
	assert.Equal(t, int32(0), *EpochPtr(0))
	assert.Equal(t, int32(-1), epochOrUnknown(nil))
	assert.Equal(t, int32(6), epochOrUnknown(i32p(6)))
}

func TestTopicPartitionMapKey(t *testing.T) {
	topic := "t"
	a := TopicPartition{Topic: &topic, Partition: 1, Offset: OffsetEnd}
	b := TopicPartition{Topic: &topic, Partition: 1, Offset: OffsetEnd}
	m := map[TopicPartition]string{a: "x"}
	assert.Equal(t, "x", m[b], "same pointer and fields must hit the same key")
	// Error values stored in TopicPartition are comparable too.
	withErr := TopicPartition{Topic: &topic, Error: NewError(ErrUnknownTopicOrPart, "", false)}
	m[withErr] = "e"
	assert.Equal(t, "e", m[TopicPartition{Topic: &topic, Error: NewError(ErrUnknownTopicOrPart, "", false)}])

	peof := PartitionEOF(a)
	assert.Equal(t, a, TopicPartition(peof))
	assert.True(t, PartitionEOF(a) == peof)
}

func TestTopicPartitionsSort(t *testing.T) {
	tps := TopicPartitions{
		{Topic: strp("b"), Partition: 0},
		{Topic: strp("a"), Partition: 2},
		{Topic: strp("a"), Partition: 0},
		{Topic: strp("c"), Partition: 1},
		{Topic: strp("a"), Partition: 1},
	}
	sort.Sort(tps)
	var got []string
	for _, tp := range tps {
		got = append(got, tp.String())
	}
	assert.Equal(t, []string{"a[0]@0", "a[1]@0", "a[2]@0", "b[0]@0", "c[1]@0"}, got)
	assert.Equal(t, 5, tps.Len())
}
