package client

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// ErrorCode is a librdkafka error code: negative values are client-local
// conditions, positive values are Kafka protocol error codes. The numeric
// values are identical to confluent-kafka-go's so persisted or switched-on
// codes keep their meaning.
type ErrorCode int

// String returns librdkafka's rd_kafka_err2str text for the code, so log
// lines and string comparisons written against confluent-kafka-go still
// match. Codes librdkafka does not know render as "Err-<code>?", exactly as
// librdkafka formats them.
func (c ErrorCode) String() string {
	if e, ok := lookupErrorCode(c); ok {
		return e.desc
	}
	return fmt.Sprintf("Err-%d?", int(c))
}

// lookupErrorCode finds the table entry for c.
func lookupErrorCode(c ErrorCode) (errorCodeEntry, bool) {
	i, ok := slices.BinarySearchFunc(errorCodeTable[:], c, func(e errorCodeEntry, c ErrorCode) int {
		return int(e.code) - int(c)
	})
	if !ok {
		return errorCodeEntry{}, false
	}
	return errorCodeTable[i], true
}

// Error is the error type of every public API call and the Error event.
//
// It must stay a comparable value type with only comparable fields: users
// compare errors with ==, errors.Is falls back to ==, and confluent delivers
// it as a value (not a pointer) in Events() type switches.
type Error struct {
	code             ErrorCode
	str              string
	fatal            bool
	retriable        bool
	txnRequiresAbort bool
}

// NewError creates an Error with the given code, text and fatal flag, like
// confluent-kafka-go's constructor of the same name. An empty str makes the
// error render as the code's description.
func NewError(code ErrorCode, str string, fatal bool) (err Error) {
	return Error{code: code, str: str, fatal: fatal}
}

// NewErrorFlags creates an Error with every classification flag set
// explicitly. Public code can only set the fatal flag through NewError; the
// producer, consumer and admin packages need this to report transactional
// errors with librdkafka's retriable / abortable / fatal classification
// (what rd_kafka_error_t carries in the reference).
func NewErrorFlags(code ErrorCode, str string, fatal, retriable, txnRequiresAbort bool) Error {
	return Error{code: code, str: str, fatal: fatal, retriable: retriable, txnRequiresAbort: txnRequiresAbort}
}

// Errorf creates a non-fatal Error whose text is built with fmt.Sprintf.
// It exists so that the rest of the module can phrase librdkafka's error
// texts (which often embed property names and values) in one call.
func Errorf(code ErrorCode, format string, args ...any) Error {
	return Error{code: code, str: fmt.Sprintf(format, args...)}
}

// NewClosedClientError returns the error confluent-kafka-go returns from any
// call on a closed Producer, Consumer or AdminClient.
func NewClosedClientError() Error {
	return Error{code: ErrState, str: "Operation not allowed on closed client"}
}

// Error implements the error interface with the same text as String.
func (e Error) Error() string {
	return e.String()
}

// String returns the error text, falling back to the code description when
// no text was given, and prefixes fatal errors with "Fatal error: " because
// that is what applications see (and grep for) with confluent-kafka-go.
func (e Error) String() string {
	s := e.str
	if s == "" {
		s = e.code.String()
	}
	if e.fatal {
		return "Fatal error: " + s
	}
	return s
}

// Code returns the ErrorCode of the error.
func (e Error) Code() ErrorCode {
	return e.code
}

// IsFatal reports whether the client instance is unusable after this error
// (for example a fenced idempotent or transactional producer); the
// application has to close it and create a new one.
func (e Error) IsFatal() bool {
	return e.fatal
}

// IsRetriable reports whether the failed operation may succeed if the
// application simply calls it again.
func (e Error) IsRetriable() bool {
	return e.retriable
}

// IsTimeout reports whether the error is a local timeout. Only the two local
// codes count: a broker-side ErrRequestTimedOut or a per-message
// ErrMsgTimedOut do not, matching confluent-kafka-go.
func (e Error) IsTimeout() bool {
	return e.code == ErrTimedOut || e.code == ErrTimedOutQueue
}

// TxnRequiresAbort reports whether the current transaction has failed and
// the application must call AbortTransaction before starting a new one.
func (e Error) TxnRequiresAbort() bool {
	return e.txnRequiresAbort
}

// WithFatal returns a copy of e with the fatal flag set. The handles use it
// for GetFatalError and fatal Error events, which in the reference always
// carry the flag regardless of how the underlying error was raised.
func WithFatal(e Error) Error {
	e.fatal = true
	return e
}

// WriteErrorCodes writes a Go source file declaring the ErrorCode type and
// every ErrorCode constant with its description. confluent-kafka-go uses it
// to generate its error table from librdkafka; here it is produced from the
// embedded table, which is the same list, so the output stays usable by
// anything that consumed the reference's output. Write errors are ignored,
// as in the reference, whose signature has no way to report them.
func WriteErrorCodes(f *os.File) {
	var b strings.Builder
	b.WriteString("package kafka\n\n")
	b.WriteString("// Code generated by WriteErrorCodes (purekafka, librdkafka 2.11.1 error table). DO NOT EDIT.\n\n")
	b.WriteString("// ErrorCode is the integer representation of local and broker error codes\n")
	b.WriteString("type ErrorCode int\n\n")
	b.WriteString("const (\n")
	for _, e := range errorCodeTable {
		fmt.Fprintf(&b, "\t// %s %s\n", e.name, e.desc)
		fmt.Fprintf(&b, "\t%s ErrorCode = %d\n", e.name, int(e.code))
	}
	b.WriteString(")\n")
	_, _ = f.WriteString(b.String())
}
