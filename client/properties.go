package client

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// This file holds the machinery behind the librdkafka property table
// (properties_table_*.go): how a property is described, how it is found by
// name, and how its string value is parsed. Parsing deliberately copies the
// quirks of librdkafka 2.11.1's rd_kafka_conf_set (C strtol/strtod prefix
// parsing, left-only trimming, the trailing newline of range errors, ...)
// because applications, tests and log scrapers depend on exactly which
// values are accepted and on the error texts; every quirk is pinned by
// testdata/config-golden.json, captured from the real library.

// propType is how librdkafka parses a property's string value.
type propType uint8

const (
	// typeString is a plain string. Leading white space is dropped; an
	// empty value restores the default.
	typeString propType = iota + 1
	// typeKString is a string sent to the broker verbatim (no trimming);
	// an empty value restores the default.
	typeKString
	// typeInt is a C int parsed with strtol(base 0): decimal, 0x hex or 0
	// octal, trailing garbage ignored, truncated to 32 bits, then range
	// checked.
	typeInt
	// typeFloat is a C double parsed with strtod (trailing garbage
	// ignored), then range checked.
	typeFloat
	// typeBool accepts true/t/false/f in any case, and exactly 1 or 0.
	typeBool
	// typeEnum is one value of values, matched case-insensitively.
	typeEnum
	// typeFlags is a comma-separated list of values, each optionally
	// prefixed with + (add, the default) or - (remove).
	typeFlags
	// typePattern is a comma-separated list of regular expressions.
	typePattern
	// typePointer is a callback or pointer that librdkafka only accepts
	// through its dedicated C setter; setting it from a ConfigMap fails.
	typePointer
	// typeInternal is librdkafka-internal state that can never be set.
	typeInternal
	// typeInvalid is a Java-client property name librdkafka recognises
	// only to explain that it is not supported; note is the error text.
	typeInvalid
)

// clients is the set of client types a property applies to. Setting a
// property on the other type is accepted with a warning, as librdkafka does.
type clients uint8

const (
	clientsProducer clients = 1 << iota
	clientsConsumer
	clientsBoth = clientsProducer | clientsConsumer
)

// propFlags are librdkafka's informational property flags.
type propFlags uint8

const (
	// flagHidden marks properties missing from CONFIGURATION.md that
	// rd_kafka_conf_set nevertheless accepts.
	flagHidden propFlags = 1 << iota
	// flagDeprecated makes setting the property log a deprecation warning.
	flagDeprecated
	// flagExperimental makes setting the property log a warning.
	flagExperimental
)

// treatment is how purekafka honours a property whose value passed
// librdkafka's validation.
type treatment uint8

const (
	// treatMapped properties are fully implemented by NewConfig: they are
	// translated into Config.Opts (or their whole meaning is validation).
	treatMapped treatment = iota + 1
	// treatAdapter properties are exposed as typed Config fields that the
	// producer, consumer or handle code acts on.
	treatAdapter
	// treatNoEffect properties are validated and accepted but change
	// nothing; setting one to a non-default value adds a Config.Warnings
	// line.
	treatNoEffect
	// treatRejected properties cannot be honoured. librdkafka itself
	// rejects the pointer, internal and Java ones; the others fail when
	// set to something purekafka would have to act on (see note).
	treatRejected
)

// validator is an extra check on a string property's (trimmed) value.
type validator func(string) bool

// property describes one librdkafka configuration property.
type property struct {
	name        string
	alias       string // non-empty: an alias of this property in the same section
	topic       bool   // topic-level section (default.topic.config)
	clients     clients
	typ         propType
	min, max    int       // typeInt and typeFloat range
	def         string    // librdkafka's default, in canonical string form
	values      []string  // typeEnum and typeFlags values, canonical spelling
	validate    validator // extra check for typeString
	unsupported string    // non-empty: rejected as "not supported in this build"
	flags       propFlags
	treat       treatment
	note        string // what implements it, or why it has no effect / is rejected
}

// propValue is the resolved value of one property.
type propValue struct {
	s    string // canonical string form; "" for an unset string
	bits uint64 // typeFlags: one bit per entry of values
	set  bool   // explicitly set (librdkafka's "modified")
}

// validatePartitioner accepts librdkafka's built-in partitioner names,
// case-sensitively as librdkafka does.
func validatePartitioner(v string) bool {
	switch v {
	case "random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random":
		return true
	}
	return false
}

// validateSingle rejects lists: sasl.mechanisms holds exactly one mechanism.
func validateSingle(v string) bool {
	return !strings.ContainsAny(v, ", ")
}

// validateAny accepts every non-empty value; librdkafka's check of
// broker.version.fallback accepts any version string.
func validateAny(string) bool { return true }

// unsupportedFeatures are the builtin.features values an application may
// not require, with librdkafka's "not available" reason.
var unsupportedFeatures = map[string]string{
	// Same reason as confluent-kafka-go's prebuilt Linux librdkafka, which
	// has no Kerberos either.
	"sasl_gssapi": "cyrus-sasl/libsasl2 not available at build time",
	"plugins":     "purekafka is pure Go and cannot load C plugins",
}

// intNamedValues are the words librdkafka accepts in place of a number for
// integer properties.
var intNamedValues = map[string]map[string]int{
	"request.required.acks": {"all": -1},
}

// propertyIndex maps names to table entries of one section.
type propertyIndex map[string]*property

// newPropertyIndex indexes the given tables.
func newPropertyIndex(tables ...[]property) propertyIndex {
	idx := propertyIndex{}
	for _, t := range tables {
		for i := range t {
			idx[t[i].name] = &t[i]
		}
	}
	return idx
}

// globalIndex and topicIndex are built once and only read afterwards.
var (
	globalIndex = newPropertyIndex(globalPropertiesCommon[:], globalPropertiesClients[:])
	topicIndex  = newPropertyIndex(topicProperties[:])
)

// lookup returns the property name refers to in idx, following an alias to
// its target (librdkafka reports errors under the target's name).
func (idx propertyIndex) lookup(name string) *property {
	p := idx[name]
	if p != nil && p.alias != "" {
		p = idx[p.alias]
	}
	return p
}

// cIsSpace is C's isspace in the "C" locale.
func cIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// leftTrim drops leading C white space; librdkafka never trims the right.
func leftTrim(s string) string {
	i := 0
	for i < len(s) && cIsSpace(s[i]) {
		i++
	}
	return s[i:]
}

// cStrtol emulates strtol(s, &end, 0) on a 64-bit platform followed by a
// cast to a 32-bit int, returning ok=false when no digits were consumed.
func cStrtol(s string) (int32, bool) {
	i := 0
	for i < len(s) && cIsSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	if i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && i+2 < len(s) && hexDigit(s[i+2]) >= 0 {
		base, i = 16, i+2
	} else if i < len(s) && s[i] == '0' {
		base = 8
	}
	start := i
	var v uint64
	overflow := false
	for ; i < len(s); i++ {
		d := hexDigit(s[i])
		if d < 0 || uint64(d) >= base {
			break
		}
		if v > (math.MaxUint64-uint64(d))/base {
			overflow = true
		}
		v = v*base + uint64(d)
	}
	if i == start {
		return 0, false
	}
	var r int64
	switch {
	case neg && (overflow || v > 1<<63):
		r = math.MinInt64
	case neg:
		r = -int64(v)
	case overflow || v > math.MaxInt64:
		r = math.MaxInt64
	default:
		r = int64(v)
	}
	return int32(r), true // C's (int) cast keeps the low 32 bits
}

// hexDigit returns the value of a hex digit, or -1.
func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// cFloatPrefix matches the longest prefix strtod would consume (after
// leading white space): infinity, NaN, hex or decimal floating point.
var cFloatPrefix = regexp.MustCompile(`^[+-]?(?i:(infinity|inf|nan(\([0-9a-z_]*\))?|0x([0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(p[+-]?[0-9]+)?|([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?))`)

// cStrtod emulates strtod: it parses the longest valid prefix, returning
// ok=false when there is none.
func cStrtod(s string) (float64, bool) {
	s = leftTrim(s)
	m := cFloatPrefix.FindString(s)
	if m == "" {
		return 0, false
	}
	lm := strings.ToLower(m)
	unsigned := strings.TrimLeft(lm, "+-")
	switch {
	case strings.HasPrefix(unsigned, "inf"):
		if strings.HasPrefix(lm, "-") {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case strings.HasPrefix(unsigned, "nan"):
		return math.NaN(), true
	case strings.HasPrefix(unsigned, "0x") && !strings.Contains(lm, "p"):
		lm += "p0" // Go requires the binary exponent that C makes optional
	}
	f, err := strconv.ParseFloat(lm, 64)
	if err != nil && f == 0 && !strings.Contains(err.Error(), "range") {
		return 0, false
	}
	return f, true // out-of-range values saturate like strtod's HUGE_VAL
}

// cFormatG formats like C's "%g".
func cFormatG(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	return fmt.Sprintf("%.6g", f)
}

// setValue parses raw for p (already alias-resolved) the way
// rd_kafka_conf_set does, starting from prev. changed is false when
// librdkafka accepts the value without storing anything (an enum or flags
// value made only of white space or commas). The returned error carries
// librdkafka's exact text.
func (p *property) setValue(raw string, prev propValue) (v propValue, changed bool, err error) {
	if p.unsupported != "" {
		return prev, false, Errorf(ErrInvalidArg, "Configuration property \"%s\" not supported in this build: %s", p.name, p.unsupported)
	}
	empty := raw == "" // librdkafka passes an empty value on as NULL
	v = propValue{set: true}
	switch p.typ {
	case typeString, typeKString:
		if p.typ == typeString {
			raw = leftTrim(raw)
		}
		if p.validate != nil && (empty || !p.validate(raw)) {
			shown := raw
			if empty {
				shown = "(null)"
			}
			return prev, false, Errorf(ErrInvalidArg, "Invalid value for configuration property \"%s\": %s", p.name, shown)
		}
		v.s = raw
		if empty {
			v.s = p.def
		}
	case typePattern:
		if !empty {
			for _, pat := range strings.Split(raw, ",") {
				if _, err := regexp.Compile(pat); err != nil {
					msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
					return prev, false, Errorf(ErrInvalidArg, "Failed to parse pattern \"%s\": %s", pat, msg)
				}
			}
		}
		v.s = raw
	case typePointer:
		if p.flags&flagHidden == 0 {
			return prev, false, Errorf(ErrInvalidArg, "Property \"%s\" must be set through dedicated .._set_..() function", p.name)
		}
		v.s = raw
	case typeInternal:
		return prev, false, Errorf(ErrInvalidArg, "Internal property \"%s\" not settable", p.name)
	case typeInvalid:
		return prev, false, NewError(ErrInvalidArg, p.note, false)
	case typeBool:
		switch {
		case empty:
			return prev, false, Errorf(ErrInvalidArg, "Bool configuration property \"%s\" cannot be set to empty value", p.name)
		case strings.EqualFold(raw, "true") || strings.EqualFold(raw, "t") || raw == "1":
			v.s = "true"
		case strings.EqualFold(raw, "false") || strings.EqualFold(raw, "f") || raw == "0":
			v.s = "false"
		default:
			return prev, false, Errorf(ErrInvalidArg, "Expected bool value for \"%s\": true or false", p.name)
		}
	case typeInt:
		if empty {
			return prev, false, Errorf(ErrInvalidArg, "Integer configuration property \"%s\" cannot be set to empty value", p.name)
		}
		n, ok := cStrtol(raw)
		if !ok {
			named, found := 0, false
			for word, val := range intNamedValues[p.name] {
				if strings.EqualFold(word, raw) {
					named, found = val, true
				}
			}
			if !found {
				return prev, false, Errorf(ErrInvalidArg, "Invalid value for configuration property \"%s\"", p.name)
			}
			n = int32(named)
		}
		if int(n) < p.min || int(n) > p.max {
			return prev, false, Errorf(ErrInvalidArg, "Configuration property \"%s\" value %d is outside allowed range %d..%d\n", p.name, n, p.min, p.max)
		}
		v.s = strconv.Itoa(int(n))
	case typeFloat:
		if empty {
			return prev, false, Errorf(ErrInvalidArg, "Float configuration property \"%s\" cannot be set to empty value", p.name)
		}
		f, ok := cStrtod(raw)
		if !ok {
			return prev, false, Errorf(ErrInvalidArg, "Invalid value for configuration property \"%s\"", p.name)
		}
		if f < float64(p.min) || f > float64(p.max) { // NaN passes, as in C
			return prev, false, Errorf(ErrInvalidArg, "Configuration property \"%s\" value %s is outside allowed range %s..%s\n",
				p.name, cFormatG(f), cFormatG(float64(p.min)), cFormatG(float64(p.max)))
		}
		v.s = strconv.FormatFloat(f, 'g', -1, 64)
	case typeEnum, typeFlags:
		return p.setEnum(raw, empty, prev)
	default:
		return prev, false, Errorf(ErrInvalidArg, "Internal property \"%s\" not settable", p.name)
	}
	return v, true, nil
}

// setEnum parses typeEnum and typeFlags values. Only left trimming is done:
// librdkafka's right trim looks at the delimiter, never at a space.
func (p *property) setEnum(raw string, empty bool, prev propValue) (propValue, bool, error) {
	if empty {
		return prev, false, Errorf(ErrInvalidArg, "Configuration property \"%s\" cannot be set to empty value", p.name)
	}
	v := prev
	if !prev.set && p.typ == typeFlags && prev.bits == 0 {
		v.bits = p.defaultBits()
	}
	changed := false
	tokens := []string{raw}
	if p.typ == typeFlags {
		tokens = strings.Split(raw, ",")
	}
	for _, tok := range tokens {
		tok = leftTrim(tok)
		remove := false
		if p.typ == typeFlags && tok != "" && (tok[0] == '+' || tok[0] == '-') {
			remove = tok[0] == '-'
			tok = tok[1:]
		}
		if tok == "" {
			continue
		}
		j := -1
		for i, name := range p.values {
			if strings.EqualFold(name, tok) {
				j = i
				break
			}
		}
		if j < 0 {
			return prev, false, Errorf(ErrInvalidArg, "Invalid value \"%s\" for configuration property \"%s\"", tok, p.name)
		}
		if p.name == "builtin.features" {
			if why, bad := unsupportedFeatures[p.values[j]]; bad {
				return prev, false, Errorf(ErrInvalidArg, "Unsupported value \"%s\" for configuration property \"%s\": %s", tok, p.name, why)
			}
		}
		changed = true
		v.set = true
		if p.typ == typeEnum {
			v.s = p.values[j]
			return v, true, nil
		}
		mask := p.flagMask(j)
		if remove {
			v.bits &^= mask
		} else {
			v.bits |= mask
		}
	}
	if p.typ == typeFlags {
		v.s = p.flagsString(v.bits)
	}
	return v, changed, nil
}

// flagMask is the bit set value j of a typeFlags property stands for; "all"
// stands for every flag, as librdkafka's RD_KAFKA_DBG_ALL does.
func (p *property) flagMask(j int) uint64 {
	if p.values[j] == "all" {
		return 1<<uint(len(p.values)) - 1
	}
	return 1 << uint(j)
}

// defaultBits is the typeFlags default as a bit set.
func (p *property) defaultBits() uint64 {
	if p.name == "builtin.features" {
		return 1<<uint(len(p.values)) - 1 // librdkafka reports every feature
	}
	var bits uint64
	for _, d := range strings.Split(p.def, ",") {
		for j, name := range p.values {
			if d != "" && name == strings.TrimSpace(d) {
				bits |= p.flagMask(j)
			}
		}
	}
	return bits
}

// flagsString lists the values whose bits are all set, comma-separated.
func (p *property) flagsString(bits uint64) string {
	var out []string
	for j, name := range p.values {
		if m := p.flagMask(j); bits&m == m {
			out = append(out, name)
		}
	}
	return strings.Join(out, ",")
}

// defaultValue is the value of p when the application did not set it.
func (p *property) defaultValue() propValue {
	if p.typ == typeFlags {
		b := p.defaultBits()
		return propValue{s: p.flagsString(b), bits: b}
	}
	return propValue{s: p.def}
}
