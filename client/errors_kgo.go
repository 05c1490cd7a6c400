package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// ErrorFromKgo translates an error returned by franz-go (kgo, kadm, kerr)
// into the Error confluent-kafka-go would have reported for the same
// condition, so applications that switch on Code() keep working:
//
//   - an Error already in the chain is returned unchanged;
//   - Kafka protocol errors (*kerr.Error, also when wrapped) keep their code
//     1:1, with an empty text so String() is librdkafka's description, which
//     is what the reference shows for broker errors on partitions and
//     delivery reports;
//   - kgo.ErrRecordTimeout → ErrMsgTimedOut, checked before protocol errors
//     because kgo wraps the last retry error in it;
//   - kgo.ErrClientClosed → ErrDestroy; kgo.ErrAborting → ErrPurgeQueue
//     (whether a purged message was still queued or already in flight is
//     known only to the producer, which picks ErrPurgeInflight itself);
//     kgo.ErrMaxBuffered → ErrQueueFull; *kgo.ErrDataLoss → ErrLogTruncation;
//     kgo.ErrMaxDecompress → ErrMsgSizeTooLarge; kgo.ErrRecordRetries →
//     ErrFail (librdkafka would report the last broker error, which kgo does
//     not keep);
//   - context.DeadlineExceeded → ErrTimedOut; context.Canceled → ErrIntr;
//   - a failed SASL exchange (SASL_AUTHENTICATION_FAILED, or a mechanism
//     the broker does not enable) → ErrAuthentication with the broker's
//     explanation: librdkafka translates the broker code into its local one
//     too, and these codes only ever come from authenticating a connection;
//   - DNS failures → ErrResolve; TLS and certificate failures (including
//     alerts the broker sends, such as a rejected client certificate) →
//     ErrSsl;
//     other network errors, EOFs and kgo's first-read EOF → ErrTransport;
//   - anything else → ErrFail.
//
// The network, TLS, data-loss and fallback cases keep err's text, since it
// is the only diagnostic there is; the others use the code's description.
// No flag is set: which errors are fatal, retriable or abort the transaction
// depends on the operation, so callers classify with NewErrorFlags. A nil err
// yields the zero Error (ErrNoError); use WrapKgoError where nil must stay nil.
func ErrorFromKgo(err error) Error {
	if err == nil {
		return Error{}
	}
	if e, ok := errors.AsType[Error](err); ok {
		return e
	}
	if code, ok := kgoSentinelCode(err); ok {
		return Error{code: code}
	}
	if ke, ok := errors.AsType[*kerr.Error](err); ok && ke != nil {
		if ke == kerr.SaslAuthenticationFailed || ke == kerr.UnsupportedSaslMechanism {
			return Error{code: ErrAuthentication, str: saslErrorText(err, ke)}
		}
		return Error{code: ErrorCode(ke.Code)}
	}
	return Error{code: localErrorCode(err), str: err.Error()}
}

// saslErrorText is the text of a failed SASL exchange: the broker's own
// explanation when it sent one (franz-go puts it after the code's name and
// description), else the code's description.
func saslErrorText(err error, ke *kerr.Error) string {
	what := "SASL authentication error: "
	if ke == kerr.UnsupportedSaslMechanism {
		what = "SASL mechanism handshake failed: "
	}
	msg := err.Error()
	if i := strings.Index(msg, ke.Error()+": "); i >= 0 {
		msg = msg[i+len(ke.Error())+2:]
	} else {
		msg = ke.Description
	}
	return what + msg
}

// kgoSentinelCode maps the franz-go and context sentinels whose meaning is
// fully captured by a librdkafka code.
func kgoSentinelCode(err error) (ErrorCode, bool) {
	switch {
	case errors.Is(err, kgo.ErrRecordTimeout):
		return ErrMsgTimedOut, true
	case errors.Is(err, kgo.ErrClientClosed):
		return ErrDestroy, true
	case errors.Is(err, kgo.ErrAborting):
		return ErrPurgeQueue, true
	case errors.Is(err, kgo.ErrMaxBuffered):
		return ErrQueueFull, true
	case errors.Is(err, kgo.ErrMaxDecompress):
		return ErrMsgSizeTooLarge, true
	case errors.Is(err, context.DeadlineExceeded):
		return ErrTimedOut, true
	case errors.Is(err, context.Canceled):
		return ErrIntr, true
	}
	return 0, false
}

// localErrorCode classifies errors that carry useful text of their own.
func localErrorCode(err error) ErrorCode {
	if _, ok := errors.AsType[*kgo.ErrDataLoss](err); ok {
		return ErrLogTruncation
	}
	if errors.Is(err, kgo.ErrRecordRetries) {
		return ErrFail
	}
	if _, ok := errors.AsType[*net.DNSError](err); ok {
		return ErrResolve
	}
	// TLS errors usually arrive wrapped in a *net.OpError, so they must be
	// recognised before the generic network case.
	if isTLSError(err) {
		return ErrSsl
	}
	if _, ok := errors.AsType[*kgo.ErrFirstReadEOF](err); ok {
		return ErrTransport
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return ErrTransport
	}
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return ErrTransport
	}
	return ErrFail
}

// isTLSError reports whether err stems from the TLS handshake or from
// certificate verification.
func isTLSError(err error) bool {
	if _, ok := errors.AsType[*tls.CertificateVerificationError](err); ok {
		return true
	}
	if _, ok := errors.AsType[tls.RecordHeaderError](err); ok {
		return true
	}
	if _, ok := errors.AsType[tls.AlertError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.UnknownAuthorityError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.HostnameError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.CertificateInvalidError](err); ok {
		return true
	}
	// An alert from the peer: purekafka's dialer reports it as a
	// *tlsAlertError, crypto/tls as a *net.OpError with Op "remote error"
	// around an unexported alert type.
	if _, ok := errors.AsType[*tlsAlertError](err); ok {
		return true
	}
	if oe, ok := errors.AsType[*net.OpError](err); ok && oe.Op == "remote error" {
		return true
	}
	return false
}

// WrapKgoError is ErrorFromKgo for places whose type is the error interface
// (TopicPartition.Error, OffsetsCommitted.Error, return values): nil stays
// nil instead of becoming a non-nil ErrNoError.
func WrapKgoError(err error) error {
	if err == nil {
		return nil
	}
	return ErrorFromKgo(err)
}

// ErrorFromBroker builds the Error for a protocol error code found in a
// Kafka response. When the response also carried an error message (many
// admin responses do), librdkafka reports that text, so it becomes the
// Error's text; otherwise String() is the code's description. A zero code
// yields the zero Error.
func ErrorFromBroker(code int16, msg *string) Error {
	e := Error{code: ErrorCode(code)}
	if code != 0 && msg != nil {
		e.str = *msg
	}
	return e
}
