package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestErrorAccessors(t *testing.T) {
	e := NewErrorFlags(ErrInvalidTxnState, "", false, true, true)
	assert.Equal(t, ErrInvalidTxnState, e.Code())
	assert.False(t, e.IsFatal())
	assert.True(t, e.IsRetriable())
	assert.True(t, e.TxnRequiresAbort())
	assert.Equal(t, "Broker: Producer attempted a transactional operation in an invalid state", e.Error())

	f := WithFatal(e)
	assert.True(t, f.IsFatal())
	assert.False(t, e.IsFatal(), "WithFatal must not modify its argument")
	assert.Equal(t, "Fatal error: "+e.Error(), f.Error())

	n := NewError(ErrFatal, "x", true)
	assert.True(t, n.IsFatal())
	assert.False(t, n.IsRetriable())
	assert.False(t, n.TxnRequiresAbort())

	assert.Equal(t, NewError(ErrInvalidArg, "bad 7 x", false), Errorf(ErrInvalidArg, "bad %d %s", 7, "x"))
	assert.Equal(t, Error{}, ErrorFromKgo(nil))
	assert.Equal(t, ErrNoError, Error{}.Code())
	assert.Equal(t, "Success", Error{}.String())
}

func TestErrorComparable(t *testing.T) {
	a := NewError(ErrTimedOut, "", false)
	b := NewError(ErrTimedOut, "", false)
	assert.True(t, a == b)
	assert.False(t, a == NewError(ErrTimedOut, "", true))

	// errors.Is falls back to ==, which is how applications match errors.
	err := fmt.Errorf("wrapped: %w", a)
	assert.ErrorIs(t, err, b)

	seen := map[Error]int{a: 1}
	assert.Equal(t, 1, seen[b])
}

func TestErrorFromKgo(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		code     ErrorCode
		keepText bool
	}{
		{"passthrough", NewError(ErrState, "s", false), ErrState, true},
		{"wrapped passthrough", fmt.Errorf("x: %w", NewError(ErrQueueFull, "", false)), ErrQueueFull, false},
		{"kerr", kerr.UnknownTopicOrPartition, ErrUnknownTopicOrPart, false},
		{"kerr wrapped", fmt.Errorf("commit: %w", kerr.RebalanceInProgress), ErrRebalanceInProgress, false},
		{"kerr unknown server", kerr.UnknownServerError, ErrUnknown, false},

		{"kerr in group session", &kgo.ErrGroupSession{Err: kerr.FencedInstanceID}, ErrFencedInstanceID, false},
		{"record timeout", kgo.ErrRecordTimeout, ErrMsgTimedOut, false},
		{"record timeout wrapping kerr", fmt.Errorf("%w, last err: %w", kgo.ErrRecordTimeout, kerr.NotEnoughReplicas), ErrMsgTimedOut, false},
		{"client closed", kgo.ErrClientClosed, ErrDestroy, false},
		{"aborting", kgo.ErrAborting, ErrPurgeQueue, false},
		{"max buffered", kgo.ErrMaxBuffered, ErrQueueFull, false},
		{"max decompress", kgo.ErrMaxDecompress, ErrMsgSizeTooLarge, false},
		{"deadline", context.DeadlineExceeded, ErrTimedOut, false},
		{"deadline wrapped", fmt.Errorf("req: %w", context.DeadlineExceeded), ErrTimedOut, false},
		{"canceled", context.Canceled, ErrIntr, false},
		{"data loss", &kgo.ErrDataLoss{Topic: "t", Partition: 1, ConsumedTo: 10, ResetTo: 5}, ErrLogTruncation, true},
		{"record retries", kgo.ErrRecordRetries, ErrFail, true},
		{"dns", &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "nohost"}}, ErrResolve, true},
		{"tls alert", &net.OpError{Op: "remote error", Err: tls.AlertError(42)}, ErrSsl, true},
		{"tls record header", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}, ErrSsl, true},
		{"x509 authority", &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}, ErrSsl, true},
		{"x509 hostname", x509.HostnameError{Certificate: &x509.Certificate{}, Host: "h"}, ErrSsl, true},
		{"conn refused", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, ErrTransport, true},
		{"econnreset", syscall.ECONNRESET, ErrTransport, true},
		{"eof", io.EOF, ErrTransport, true},
		{"unexpected eof", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), ErrTransport, true},
		{"net closed", net.ErrClosed, ErrTransport, true},
		{"other", errors.New("something odd"), ErrFail, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ErrorFromKgo(tc.err)
			assert.Equal(t, tc.code, got.Code())
			if tc.keepText {
				assert.Equal(t, tc.err.Error(), got.Error())
			} else {
				assert.Equal(t, tc.code.String(), got.Error())
			}
			assert.False(t, got.IsFatal())
			assert.False(t, got.IsRetriable())
			assert.False(t, got.TxnRequiresAbort())

			wrapped := WrapKgoError(tc.err)
			assert.Equal(t, got, wrapped)
		})
	}
	assert.Nil(t, WrapKgoError(nil))

	// Every kerr protocol error keeps its numeric code, except the two
	// that only a failed authentication produces (see TestErrorFromKgoSASL).
	for code := int16(1); code <= 130; code++ {
		ke := kerr.TypedErrorForCode(code)
		if ke == kerr.UnknownServerError || ke == kerr.SaslAuthenticationFailed || ke == kerr.UnsupportedSaslMechanism {
			continue
		}
		assert.Equal(t, ErrorCode(code), ErrorFromKgo(ke).Code(), ke.Message)
	}
}

func TestErrorFromBroker(t *testing.T) {
	msg := "Topic 'x' already exists."
	assert.Equal(t, "Broker: Topic already exists", ErrorFromBroker(36, nil).Error())
	assert.Equal(t, msg, ErrorFromBroker(36, &msg).Error())
	assert.Equal(t, ErrTopicAlreadyExists, ErrorFromBroker(36, &msg).Code())
	assert.Equal(t, Error{}, ErrorFromBroker(0, &msg))
}

func TestWriteErrorCodes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "generated_errors.go")
	f, err := os.Create(path)
	require.NoError(t, err)
	WriteErrorCodes(f)
	require.NoError(t, f.Close())

	file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments)
	require.NoError(t, err)
	assert.Equal(t, "kafka", file.Name.Name)

	got := map[string]int{}
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			var v int64
			switch x := vs.Values[0].(type) {
			case *ast.BasicLit:
				v, err = strconv.ParseInt(x.Value, 10, 64)
			case *ast.UnaryExpr:
				v, err = strconv.ParseInt(x.X.(*ast.BasicLit).Value, 10, 64)
				v = -v
			}
			require.NoError(t, err)
			got[vs.Names[0].Name] = int(v)
		}
	}
	require.Len(t, got, len(errorCodeTable))
	for _, e := range errorCodeTable {
		assert.Equal(t, int(e.code), got[e.name], e.name)
	}
}
