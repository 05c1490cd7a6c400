package client

import (
	"fmt"
	"strconv"
)

// Offset is a partition offset: either an absolute position or one of the
// logical values below. The logical values are librdkafka's and are part of
// the contract, since applications store and compare them.
type Offset int64

// Logical offsets, with librdkafka's values.
const (
	// OffsetBeginning is the earliest offset still available in the partition.
	OffsetBeginning = Offset(-2)
	// OffsetEnd is the offset of the next message produced to the partition.
	OffsetEnd = Offset(-1)
	// OffsetInvalid means "no offset": use the committed offset, or
	// auto.offset.reset when there is none.
	OffsetInvalid = Offset(-1001)
	// OffsetStored means "use the offset committed for the group".
	OffsetStored = Offset(-1000)
)

// offsetTailBase is librdkafka's RD_KAFKA_OFFSET_TAIL_BASE: offsets at or
// below it encode "this many messages before the end".
const offsetTailBase = -2000

// String renders the logical offsets by name ("beginning", "end", "stored",
// and "unset" for OffsetInvalid) and anything else, tail offsets included, as
// a plain number, exactly like the reference, because applications log it.
func (o Offset) String() string {
	switch o {
	case OffsetBeginning:
		return "beginning"
	case OffsetEnd:
		return "end"
	case OffsetInvalid:
		return "unset"
	case OffsetStored:
		return "stored"
	default:
		return strconv.FormatInt(int64(o), 10)
	}
}

// Set parses offset with NewOffset and stores it in o; o is left unchanged on
// error.
func (o *Offset) Set(offset interface{}) error {
	n, err := NewOffset(offset)
	if err == nil {
		*o = n
	}
	return err
}

// NewOffset converts a string, int, int64 or Offset to an Offset.
//
// Strings may name a logical offset ("beginning"/"earliest", "end"/"latest",
// "unset"/"invalid", "stored") or hold a decimal number; a bad number
// returns strconv's error unchanged (as the reference does), with a zero
// offset. Any other type returns OffsetInvalid and an ErrInvalidArg error
// whose text is the reference's, including its "%t" formatting of the value.
func NewOffset(offset interface{}) (Offset, error) {
	switch v := offset.(type) {
	case string:
		switch v {
		case "beginning", "earliest":
			return OffsetBeginning, nil
		case "end", "latest":
			return OffsetEnd, nil
		case "unset", "invalid":
			return OffsetInvalid, nil
		case "stored":
			return OffsetStored, nil
		default:
			// 64-bit parsing even where int is 32 bits (arm, 386), where
			// confluent's Atoi would reject offsets past 2^31; the error keeps
			// Atoi's wording, which applications may match on.
			n, err := strconv.ParseInt(v, 10, 64)
			if ne, ok := err.(*strconv.NumError); ok {
				ne.Func = "Atoi"
			}
			return Offset(n), err
		}
	case int:
		return Offset(v), nil
	case int64:
		return Offset(v), nil
	case Offset:
		return v, nil
	default:
		// The reference formats the value with %t; the resulting
		// "%!t(float64=3.5)" text is kept because users may match on it.
		return OffsetInvalid, NewError(ErrInvalidArg, fmt.Sprintf("Invalid offset type: %t", v), false)
	}
}

// OffsetTail returns the logical offset relativeOffset messages before the
// end of the partition (librdkafka's RD_KAFKA_OFFSET_TAIL).
func OffsetTail(relativeOffset Offset) Offset {
	return Offset(offsetTailBase - int64(relativeOffset))
}

// IsTailOffset reports whether o was made by OffsetTail and, if so, how many
// messages before the end it points at. Consumers need it to translate tail
// offsets into a position relative to the high watermark.
func IsTailOffset(o Offset) (n int64, ok bool) {
	if o > offsetTailBase {
		return 0, false
	}
	return offsetTailBase - int64(o), true
}
