package client

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceProperty is one row of testdata/config-properties-2.11.1.json,
// captured from the librdkafka 2.11.1 that confluent-kafka-go v2.11.1
// bundles.
type referenceProperty struct {
	Section      string `json:"section"`
	Name         string `json:"name"`
	CP           string `json:"cp"`
	Type         string `json:"type"`
	Range        string `json:"range"`
	Default      string `json:"default"`
	Alias        string `json:"alias"`
	Deprecated   bool   `json:"deprecated"`
	Experimental bool   `json:"experimental"`
	Hidden       bool   `json:"hidden"`
}

func loadReferenceProperties(t *testing.T) []referenceProperty {
	t.Helper()
	b, err := os.ReadFile("testdata/config-properties-2.11.1.json")
	require.NoError(t, err)
	var doc struct {
		Properties []referenceProperty `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc.Properties
}

// allProperties returns every table entry in table order.
func allProperties() []*property {
	var out []*property
	for _, t := range [][]property{globalPropertiesCommon[:], globalPropertiesClients[:], topicProperties[:]} {
		for i := range t {
			out = append(out, &t[i])
		}
	}
	return out
}

func TestPropertyTableMatchesLibrdkafka(t *testing.T) {
	ref := loadReferenceProperties(t)
	seen := map[string]bool{}
	for _, r := range ref {
		idx := globalIndex
		if r.Section == "topic" {
			idx = topicIndex
		}
		p := idx[r.Name]
		require.NotNil(t, p, "%s property %q missing from the table", r.Section, r.Name)
		key := r.Section + ":" + r.Name
		seen[key] = true
		t.Run(key, func(t *testing.T) {
			wantClients := map[string]clients{"*": clientsBoth, "P": clientsProducer, "C": clientsConsumer}[r.CP]
			if r.Alias != "" {
				assert.Equal(t, r.Alias, p.alias)
				return
			}
			assert.Empty(t, p.alias)
			assert.Equal(t, wantClients, p.clients)
			wantType := map[string][]propType{
				"string": {typeString, typeKString}, "integer": {typeInt}, "boolean": {typeBool}, "float": {typeFloat},
				"enum value": {typeEnum}, "CSV flags": {typeFlags}, "pattern list": {typePattern},
				"see dedicated API": {typePointer, typeInternal}, "invalid": {typeInvalid},
			}[r.Type]
			assert.Contains(t, wantType, p.typ)
			switch p.typ {
			case typeInt, typeFloat:
				assert.Equal(t, r.Range, fmt.Sprintf("%d .. %d", p.min, p.max))
				assert.Equal(t, r.Default, p.def)
			case typeEnum:
				assert.Equal(t, r.Range, strings.Join(p.values, ", "))
				assert.Equal(t, r.Default, p.def)
			case typeFlags:
				if p.name == "builtin.features" {
					assert.Equal(t, r.Default, strings.Join(p.values, ", "))
				} else {
					assert.Equal(t, r.Range, strings.Join(p.values, ", "))
					assert.Equal(t, r.Default, p.def)
				}
			case typeBool, typeString, typeKString:
				assert.Equal(t, r.Default, p.def)
			}
			assert.Equal(t, r.Deprecated, p.flags&flagDeprecated != 0, "deprecated flag")
			assert.Equal(t, r.Experimental, p.flags&flagExperimental != 0, "experimental flag")
			assert.Equal(t, r.Hidden, p.flags&flagHidden != 0, "hidden flag")
			assert.NotZero(t, p.treat, "treatment")
			assert.NotEmpty(t, p.note, "note")
		})
	}
	for _, p := range allProperties() {
		key := "global:" + p.name
		if p.topic {
			key = "topic:" + p.name
		}
		assert.True(t, seen[key], "table has %s, which librdkafka 2.11.1 does not know", key)
	}
}

// TestPropertyTreatmentCounts documents how the 195 documented properties
// are treated; the numbers are part of the package's contract with the
// producer and consumer authors and change only deliberately.
func TestPropertyTreatmentCounts(t *testing.T) {
	counts := map[string]int{}
	documented := 0
	for _, p := range allProperties() {
		if p.flags&flagHidden != 0 {
			counts["hidden"]++
			continue
		}
		documented++
		switch {
		case p.alias != "":
			counts["alias"]++
		case p.treat == treatMapped:
			counts["mapped"]++
		case p.treat == treatAdapter:
			counts["adapter"]++
		case p.treat == treatNoEffect:
			counts["no-effect"]++
		case p.treat == treatRejected:
			counts["rejected"]++
		}
	}
	t.Logf("documented properties: %d, treatments: %v", documented, counts)
	assert.Equal(t, 195, documented)
	assert.Equal(t, map[string]int{"alias": 13, "mapped": 60, "adapter": 40, "no-effect": 51, "rejected": 31, "hidden": 10}, counts)
}

func TestAliasesPointToRealProperties(t *testing.T) {
	for _, p := range allProperties() {
		if p.alias == "" {
			continue
		}
		idx := globalIndex
		if p.topic {
			idx = topicIndex
		}
		target := idx[p.alias]
		require.NotNil(t, target, p.name)
		assert.Empty(t, target.alias, "alias %s points to another alias", p.name)
		assert.Equal(t, target, idx.lookup(p.name))
	}
}

func TestCStrtol(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int32
		ok   bool
	}{
		{"42", 42, true}, {" 42", 42, true}, {"+5", 5, true}, {"-7", -7, true},
		{"0x10", 16, true}, {"0X1f", 31, true}, {"010", 8, true}, {"08", 0, true},
		{"0x", 0, true}, {"5000abc", 5000, true}, {"1e3", 1, true},
		{"abc", 0, false}, {"-", 0, false}, {"", 0, false}, {" ", 0, false},
		{"99999999999", 1215752191, true},                // truncated to 32 bits like (int)strtol
		{"4294967297", 1, true},                          // ditto
		{"99999999999999999999", -1, true},               // saturates at LONG_MAX, then truncates
		{"-99999999999999999999", 0, true},               // LONG_MIN truncates to 0
		{fmt.Sprint(math.MaxInt32), math.MaxInt32, true}, // the usual upper bound
		{fmt.Sprint(int64(math.MinInt32)), math.MinInt32, true},
	} {
		got, ok := cStrtol(tc.in)
		assert.Equal(t, tc.ok, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestCStrtod(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0.5", 0.5, true}, {"1e2", 100, true}, {"5ms", 5, true}, {" 7", 7, true}, {".5", 0.5, true},
		{"0x10", 16, true}, {"-1", -1, true}, {"1.", 1, true}, {"1e", 1, true},
		{"abc", 0, false}, {"", 0, false}, {"e5", 0, false},
	} {
		got, ok := cStrtod(tc.in)
		assert.Equal(t, tc.ok, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
	f, ok := cStrtod("inf")
	assert.True(t, ok)
	assert.True(t, math.IsInf(f, 1))
	f, ok = cStrtod("NaN")
	assert.True(t, ok)
	assert.True(t, math.IsNaN(f))
	assert.Equal(t, "inf", cFormatG(math.Inf(1)))
	assert.Equal(t, "900001", cFormatG(900001))
	assert.Equal(t, "1e+07", cFormatG(1e7))
	assert.Equal(t, "0.5", cFormatG(0.5))
}

func TestSetValueQuirks(t *testing.T) {
	debug := globalIndex.lookup("debug")
	v, changed, err := debug.setValue("broker,,topic", debug.defaultValue())
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, "broker,topic", v.s)
	v, _, err = debug.setValue("all,-broker", debug.defaultValue())
	require.NoError(t, err)
	assert.NotContains(t, strings.Split(v.s, ","), "broker")
	assert.Contains(t, strings.Split(v.s, ","), "cgrp")
	_, changed, err = debug.setValue(",", debug.defaultValue())
	require.NoError(t, err)
	assert.False(t, changed, "a value of only separators is accepted but changes nothing")

	clientID := globalIndex.lookup("client.id")
	v, _, err = clientID.setValue("", clientID.defaultValue())
	require.NoError(t, err)
	assert.Equal(t, "rdkafka", v.s, "an empty string restores the default")
	v, _, err = clientID.setValue("  x ", clientID.defaultValue())
	require.NoError(t, err)
	assert.Equal(t, "x ", v.s, "strings are only left-trimmed")

	rack := globalIndex.lookup("client.rack")
	v, _, err = rack.setValue(" r", rack.defaultValue())
	require.NoError(t, err)
	assert.Equal(t, " r", v.s, "Kafka strings are not trimmed")

	acks := topicIndex.lookup("acks")
	v, _, err = acks.setValue("ALL", acks.defaultValue())
	require.NoError(t, err)
	assert.Equal(t, "-1", v.s)

	blacklist := globalIndex.lookup("topic.blacklist")
	_, _, err = blacklist.setValue("ok,[", blacklist.defaultValue())
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), `Failed to parse pattern "[": `), err.Error())
}
