package client

import (
	"fmt"
	"strconv"
)

// Header is a Kafka record header. A nil Value (a null header on the wire)
// and an empty Value are different things and are kept apart.
type Header struct {
	Key   string // UTF-8 header name
	Value []byte // nil (null on the wire), empty, or arbitrary bytes
}

// headerTruncateAt and headerTruncateSlack reproduce the reference's
// truncation of long values: a value is only cut when it exceeds the limit
// by more than the slack, so short overruns print in full.
const (
	headerTruncateAt    = 50
	headerTruncateSlack = 15
)

// String renders the header for logging: key="quoted value", key=nil for a
// null value, key=<empty> for an empty one, and long values truncated to 50
// bytes followed by "(N more bytes)", as in the reference.
func (h Header) String() string {
	if h.Value == nil {
		return h.Key + "=nil"
	}
	if len(h.Value) == 0 {
		return h.Key + "=<empty>"
	}
	v, trunc := h.Value, ""
	if len(v) > headerTruncateAt+headerTruncateSlack {
		trunc = fmt.Sprintf("(%d more bytes)", len(v)-headerTruncateAt)
		v = v[:headerTruncateAt]
	}
	return h.Key + "=" + strconv.Quote(string(v)) + trunc
}
