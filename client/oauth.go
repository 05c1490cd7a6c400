package client

import (
	"context"
	"errors"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/oauth"
)

// oauthRefreshAfterFailure is how long after a failed token refresh the next
// one is attempted: librdkafka's fixed 10 s, which keeps a broken token
// source from being hammered while still recovering on its own.
const oauthRefreshAfterFailure = 10 * time.Second

// oauthFetchTimeout bounds one token retrieval by a built-in source (the
// OIDC HTTP round trip), so a hung token endpoint turns into a failure and
// a retry instead of a stuck refresh.
const oauthFetchTimeout = 20 * time.Second

// tokenSource retrieves a token without the application's help: the
// unsecured JWT builder or the OIDC client-credentials flow.
type tokenSource func(ctx context.Context) (OAuthBearerToken, error)

// oauthBearer holds one handle's SASL/OAUTHBEARER token. franz-go's
// OAUTHBEARER mechanism calls auth for every new connection (and every
// re-authentication), so every franz-go client built from the handle's
// Config (the consumer's group client and the transactional producer's
// second client included) authenticates with the same, current token.
//
// Tokens come from the application (an OAuthBearerTokenRefresh event asks
// for one, SetOAuthBearerToken delivers it) or from a built-in source. A
// refresh is requested when the handle starts, at 80% of each token's
// remaining lifetime, and 10 s after a reported failure; at most one is
// outstanding at a time, so an application that is slow to answer gets one
// event, not a stream of them.
type oauthBearer struct {
	config string      // sasl.oauthbearer.config, passed in refresh events
	source tokenSource // nil: the application supplies tokens
	// wait bounds how long a connection waits for a first token before it
	// fails (socket.connection.setup.timeout.ms): a connection attempt can
	// come before the application had a chance to Poll its refresh event.
	wait time.Duration
	// retryAfter is oauthRefreshAfterFailure; a field so that tests
	// need not wait 10 s.
	retryAfter time.Duration

	mu        sync.Mutex
	token     OAuthBearerToken
	hasToken  bool
	errstr    string        // last reported failure, "" after a token is set
	requested bool          // a refresh event is queued or a fetch is running
	changed   chan struct{} // closed and replaced when token or failure changes
	timer     *time.Timer
	emit      func(Event)
	started   bool
	stopped   bool
	cancel    context.CancelFunc // ends a running fetch at stop
	ctx       context.Context
}

// newOAuthBearer returns the token holder for conf; wait is the connection
// set-up timeout. It does nothing until start.
func newOAuthBearer(conf OAuthBearerConfig, source tokenSource, wait time.Duration) *oauthBearer {
	ctx, cancel := context.WithCancel(context.Background())
	return &oauthBearer{
		config:     conf.Config,
		source:     source,
		wait:       wait,
		retryAfter: oauthRefreshAfterFailure,
		changed:    make(chan struct{}),
		ctx:        ctx,
		cancel:     cancel,
	}
}

// mechanism is the kgo option authenticating with the current token.
func (o *oauthBearer) mechanism() kgo.Opt {
	return kgo.SASL(oauth.Oauth(o.auth))
}

// start begins token handling, delivering events through emit, and requests
// the first token at once, as librdkafka does when the handle is created.
func (o *oauthBearer) start(emit func(Event)) {
	o.mu.Lock()
	o.emit = emit
	o.started = true
	o.mu.Unlock()
	o.refresh()
}

// stop ends token handling: timers, a running fetch and connections waiting
// for a token all stop. Idempotent.
func (o *oauthBearer) stop() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.stopped {
		return
	}
	o.stopped = true
	if o.timer != nil {
		o.timer.Stop()
	}
	o.cancel()
	o.wakeLocked()
}

// wakeLocked tells waiting connections to look again.
func (o *oauthBearer) wakeLocked() {
	close(o.changed)
	o.changed = make(chan struct{})
}

// scheduleLocked arranges the next refresh for at.
func (o *oauthBearer) scheduleLocked(at time.Time) {
	if o.stopped {
		return
	}
	d := max(time.Until(at), 0)
	if o.timer == nil {
		o.timer = time.AfterFunc(d, o.refresh)
		return
	}
	o.timer.Reset(d)
}

// refresh requests a new token unless one is already being obtained.
func (o *oauthBearer) refresh() {
	o.mu.Lock()
	if !o.started || o.stopped || o.requested {
		o.mu.Unlock()
		return
	}
	o.requested = true
	emit, source, ctx := o.emit, o.source, o.ctx
	o.mu.Unlock()
	if source == nil {
		emit(OAuthBearerTokenRefresh{Config: o.config})
		return
	}
	go o.fetch(ctx, source)
}

// fetch runs a built-in token source once and records the outcome.
func (o *oauthBearer) fetch(ctx context.Context, source tokenSource) {
	ctx, cancel := context.WithTimeout(ctx, oauthFetchTimeout)
	defer cancel()
	tok, err := source(ctx)
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return // stopped
	}
	if err == nil {
		err = o.set(tok)
	}
	if err != nil {
		var e Error
		msg := err.Error()
		if errors.As(err, &e) {
			msg = e.String()
		}
		_ = o.fail(msg)
	}
}

// set validates and installs tok, and schedules its refresh at 80% of its
// remaining lifetime.
func (o *oauthBearer) set(tok OAuthBearerToken) error {
	now := time.Now()
	if err := validateOAuthBearerToken(tok, now); err != nil {
		return err
	}
	tok.Extensions = maps.Clone(tok.Extensions)
	o.mu.Lock()
	defer o.mu.Unlock()
	o.token, o.hasToken = tok, true
	o.errstr = ""
	o.requested = false
	o.scheduleLocked(now.Add(tok.Expiration.Sub(now) * 8 / 10))
	o.wakeLocked()
	return nil
}

// fail records that obtaining a token failed. Any current token is kept (it
// may still have life left) and a new refresh is scheduled 10 s later. A
// failure with a new text becomes an ErrAuthentication event; repeats of the
// same text do not, so a persistently broken token source reports once.
func (o *oauthBearer) fail(errstr string) error {
	if errstr == "" {
		return NewError(ErrInvalidArg, "SetOAuthBearerTokenFailure requires a non-empty error string", false)
	}
	o.mu.Lock()
	changed := errstr != o.errstr
	o.errstr = errstr
	o.requested = false
	o.scheduleLocked(time.Now().Add(o.retryAfter))
	o.wakeLocked()
	emit := o.emit
	o.mu.Unlock()
	if changed && emit != nil {
		emit(NewError(ErrAuthentication, "SASL/OAUTHBEARER token refresh failed: "+errstr, false))
	}
	return nil
}

// auth is franz-go's OAUTHBEARER callback. It returns the current token;
// without a valid one it requests a refresh and waits for it, up to the
// connection set-up timeout, the client's end or a reported failure,
// whichever comes first.
func (o *oauthBearer) auth(ctx context.Context) (oauth.Auth, error) {
	deadline := time.NewTimer(o.wait)
	defer deadline.Stop()
	for first := true; ; first = false {
		o.mu.Lock()
		if o.stopped {
			o.mu.Unlock()
			return oauth.Auth{}, kgo.ErrClientClosed
		}
		if o.hasToken && time.Now().Before(o.token.Expiration) {
			a := oauth.Auth{Token: o.token.TokenValue, Extensions: maps.Clone(o.token.Extensions)}
			o.mu.Unlock()
			return a, nil
		}
		// A failure reported while this connection waited, or one that
		// no refresh has superseded yet, ends the attempt at once:
		// waiting longer would only delay the error.
		if o.errstr != "" && (!first || !o.requested) {
			err := NewError(ErrAuthentication, "SASL/OAUTHBEARER cannot authenticate without a valid token; last error: "+o.errstr, false)
			o.mu.Unlock()
			return oauth.Auth{}, err
		}
		needRefresh := !o.requested
		wait := o.changed
		o.mu.Unlock()
		if needRefresh {
			o.refresh()
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return oauth.Auth{}, ctx.Err()
		case <-deadline.C:
			return oauth.Auth{}, NewError(ErrAuthentication, "SASL/OAUTHBEARER cannot authenticate: no token was set within socket.connection.setup.timeout.ms (handle OAuthBearerTokenRefresh events with SetOAuthBearerToken)", false)
		}
	}
}

// validateOAuthBearerToken checks a token as librdkafka does before
// accepting it: an unexpired expiration, and token value and extensions in
// RFC 7628's syntax (keys 1*ALPHA, "auth" reserved; values of visible
// characters, space, tab, CR and LF). The token value is also required to be
// non-empty, which franz-go insists on when authenticating.
func validateOAuthBearerToken(tok OAuthBearerToken, now time.Time) error {
	if !tok.Expiration.After(now) {
		return Errorf(ErrInvalidArg, "SASL/OAUTHBEARER token expiration %s is not in the future (now %s)",
			tok.Expiration.UTC().Format(time.RFC3339Nano), now.UTC().Format(time.RFC3339Nano))
	}
	if tok.TokenValue == "" {
		return NewError(ErrInvalidArg, "SASL/OAUTHBEARER token value must not be empty", false)
	}
	if i := invalidSASLValueChar(tok.TokenValue); i >= 0 {
		// The token itself is a secret: name the position, not the text.
		return Errorf(ErrInvalidArg, "SASL/OAUTHBEARER token value contains a character not allowed by RFC 7628 at byte %d", i)
	}
	for k, v := range tok.Extensions {
		if err := validateOAuthBearerExtension(k, v); err != nil {
			return err
		}
	}
	return nil
}

// validateOAuthBearerExtension checks one SASL extension (RFC 7628 §3.1).
func validateOAuthBearerExtension(k, v string) error {
	if k == "auth" {
		return NewError(ErrInvalidArg, `SASL/OAUTHBEARER extension key "auth" is reserved for the token itself`, false)
	}
	if k == "" {
		return NewError(ErrInvalidArg, "SASL/OAUTHBEARER extension key is empty", false)
	}
	for _, c := range []byte(k) {
		if !isASCIILetter(c) {
			return Errorf(ErrInvalidArg, "SASL/OAUTHBEARER extension key %q: RFC 7628 allows only the letters A-Z and a-z", k)
		}
	}
	if i := invalidSASLValueChar(v); i >= 0 {
		return Errorf(ErrInvalidArg, "SASL/OAUTHBEARER extension %q: value has a character RFC 7628 does not allow at byte %d", k, i)
	}
	return nil
}

// invalidSASLValueChar returns the index of the first byte of s outside RFC
// 7628's value syntax (%x21-7E, SP, HTAB, CR, LF), or -1.
func invalidSASLValueChar(s string) int {
	return strings.IndexFunc(s, func(r rune) bool { return !isSASLValueRune(r) })
}

func isASCIILetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// isSASLValueRune reports whether r may appear in an RFC 7628 value.
func isSASLValueRune(r rune) bool {
	return r >= 0x21 && r <= 0x7e || r == ' ' || r == '\t' || r == '\r' || r == '\n'
}
