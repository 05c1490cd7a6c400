package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOAuthBearerTokenValidation(t *testing.T) {
	now := time.Now()
	valid := OAuthBearerToken{TokenValue: "eyJhbGciOiJub25lIn0.e30.", Expiration: now.Add(time.Hour), Principal: "p"}
	with := func(f func(*OAuthBearerToken)) OAuthBearerToken {
		tok := valid
		f(&tok)
		return tok
	}
	for _, tc := range []struct {
		name string
		tok  OAuthBearerToken
		want string // "" = valid
	}{
		{"valid", valid, ""},
		{"valid with extensions", with(func(t *OAuthBearerToken) { t.Extensions = map[string]string{"traceId": "a b\t=c"} }), ""},
		{"expired", with(func(t *OAuthBearerToken) { t.Expiration = now.Add(-time.Second) }), "is not in the future"},
		{"expires now", with(func(t *OAuthBearerToken) { t.Expiration = now }), "is not in the future"},
		{"zero expiration", with(func(t *OAuthBearerToken) { t.Expiration = time.Time{} }), "is not in the future"},
		{"empty token", with(func(t *OAuthBearerToken) { t.TokenValue = "" }), "must not be empty"},
		{"control character in token", with(func(t *OAuthBearerToken) { t.TokenValue = "abc\x01def" }), "at byte 3"},
		{"non-ASCII token", with(func(t *OAuthBearerToken) { t.TokenValue = "abcé" }), "at byte 3"},
		{"reserved auth key", with(func(t *OAuthBearerToken) { t.Extensions = map[string]string{"auth": "x"} }), `"auth" is reserved`},
		{"empty key", with(func(t *OAuthBearerToken) { t.Extensions = map[string]string{"": "x"} }), "key is empty"},
		{"digit in key", with(func(t *OAuthBearerToken) { t.Extensions = map[string]string{"k1": "x"} }), "only the letters"},
		{"control character in value", with(func(t *OAuthBearerToken) { t.Extensions = map[string]string{"k": "a\x01"} }), "at byte 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validateOAuthBearerToken(tc.tok, now)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, ErrInvalidArg, err.(Error).Code())
			assert.Contains(t, err.Error(), tc.want)
			if tc.tok.TokenValue != "" {
				assert.NotContains(t, err.Error(), tc.tok.TokenValue, "the token is a secret")
			}
		})
	}
}

// decodeJWT splits an unsecured JWT into its decoded header and claims.
func decodeJWT(t *testing.T, token string) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	assert.Empty(t, parts[2], "an unsecured JWS has an empty signature")
	for i, dst := range []*map[string]any{&header, &claims} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(raw, dst))
	}
	return header, claims
}

func TestOAuthUnsecuredJWT(t *testing.T) {
	now := time.UnixMilli(1_700_000_000_250)
	for _, tc := range []struct {
		name      string
		config    string
		principal string
		claims    map[string]any
		life      time.Duration
		ext       map[string]string
		err       string
	}{
		{name: "defaults", config: "principal=alice", principal: "alice",
			claims: map[string]any{"sub": "alice", "iat": 1_700_000_000.25, "exp": 1_700_003_600.25}, life: time.Hour},
		{name: "everything", config: " principal=admin principalClaimName=azp scope=r1,r2,,r1 scopeClaimName=roles lifeSeconds=60 extension_traceId=abc ",
			principal: "admin", claims: map[string]any{"azp": "admin", "iat": 1_700_000_000.25, "exp": 1_700_000_060.25, "roles": []any{"r1", "r2"}},
			life: time.Minute, ext: map[string]string{"traceId": "abc"}},
		{name: "empty", config: "  ", err: "empty"},
		{name: "no principal", config: "scope=x", err: "principal=<name> is required"},
		{name: "unknown name", config: "principal=a colour=blue", err: `unknown name "colour"`},
		{name: "duplicate", config: "principal=a principal=b", err: "more than once"},
		{name: "empty value", config: "principal=", err: "empty value"},
		{name: "not name=value", config: "principal", err: "not name=value"},
		{name: "bad life", config: "principal=a lifeSeconds=-5", err: "positive integer"},
		{name: "bad extension key", config: "principal=a extension_a1=x", err: "only the letters"},
		{name: "reserved extension", config: "principal=a extension_auth=x", err: "reserved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := unsecuredJWT(tc.config, now)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			header, claims := decodeJWT(t, tok.TokenValue)
			assert.Equal(t, map[string]any{"alg": "none"}, header)
			assert.Equal(t, tc.claims, claims)
			assert.Equal(t, tc.principal, tok.Principal)
			assert.True(t, tok.Expiration.Equal(now.Add(tc.life)), "expiration %v", tok.Expiration)
			assert.Equal(t, tc.ext, tok.Extensions)
			assert.NoError(t, validateOAuthBearerToken(tok, now))
		})
	}
}

// unsecuredAccessToken is an access token a test token endpoint hands out.
func unsecuredAccessToken(t *testing.T, claims string) string {
	t.Helper()
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString([]byte(claims)) + "."
}

func TestOAuthOIDCSource(t *testing.T) {
	exp := time.Now().Add(time.Hour).Unix()
	good := unsecuredAccessToken(t, `{"sub":"svc","exp":`+jsonInt(exp)+`}`)
	for _, tc := range []struct {
		name   string
		status int
		body   string
		err    string
	}{
		{name: "ok", status: 200, body: `{"access_token":"` + good + `","token_type":"bearer","expires_in":3600}`},
		{name: "unauthorized", status: 401, body: `{"error":"invalid_client"}`, err: "invalid_client"},
		{name: "not a JWT", status: 200, body: `{"access_token":"opaque","token_type":"bearer"}`, err: "not a JWT"},
		{name: "no exp", status: 200, body: `{"access_token":"` + unsecuredAccessToken(t, `{"sub":"svc"}`) + `","token_type":"bearer"}`, err: "no valid exp"},
		{name: "no sub", status: 200, body: `{"access_token":"` + unsecuredAccessToken(t, `{"exp":1}`) + `","token_type":"bearer"}`, err: "no sub"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var form url.Values
			var user, pass string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				user, pass, _ = r.BasicAuth()
				_ = r.ParseForm()
				form = r.PostForm
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			src, err := oidcSource(OAuthBearerConfig{
				Method: "oidc", ClientID: "id", ClientSecret: "s3cret", Scope: "kafka produce",
				Extensions: "logicalCluster=lkc-1,identityPoolId=pool-2", TokenEndpointURL: srv.URL, GrantType: "client_credentials",
			})
			require.NoError(t, err)
			tok, err := src(context.Background())
			assert.Equal(t, "id", user)
			assert.Equal(t, "s3cret", pass)
			assert.Equal(t, "client_credentials", form.Get("grant_type"))
			assert.Equal(t, "kafka produce", form.Get("scope"))
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.NotContains(t, err.Error(), "s3cret")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, good, tok.TokenValue)
			assert.Equal(t, "svc", tok.Principal)
			assert.Equal(t, exp, tok.Expiration.Unix())
			assert.Equal(t, map[string]string{"logicalCluster": "lkc-1", "identityPoolId": "pool-2"}, tok.Extensions)
		})
	}

	t.Run("jwt-bearer grant rejected", func(t *testing.T) {
		_, err := oidcSource(OAuthBearerConfig{Method: "oidc", GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer"})
		require.Error(t, err)
		assert.Equal(t, ErrInvalidArg, err.(Error).Code())
	})
	t.Run("bad extensions", func(t *testing.T) {
		_, err := oidcSource(OAuthBearerConfig{Method: "oidc", GrantType: "client_credentials", Extensions: "novalue"})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not key=value")
	})
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// oauthHarness runs an oauthBearer with its events captured.
type oauthHarness struct {
	o      *oauthBearer
	events chan Event
}

func newOAuthHarness(t *testing.T, source tokenSource, wait time.Duration) *oauthHarness {
	t.Helper()
	h := &oauthHarness{o: newOAuthBearer(OAuthBearerConfig{Config: "principal=x"}, source, wait), events: make(chan Event, 100)}
	h.o.retryAfter = 50 * time.Millisecond
	h.o.start(func(ev Event) { h.events <- ev })
	t.Cleanup(h.o.stop)
	return h
}

// next waits for the next event; the bound only keeps a broken test from
// hanging.
func (h *oauthHarness) next(t *testing.T) Event {
	t.Helper()
	select {
	case ev := <-h.events:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
		return nil
	}
}

func TestOAuthBearerRefreshFlow(t *testing.T) {
	t.Run("application tokens", func(t *testing.T) {
		h := newOAuthHarness(t, nil, time.Minute)
		// The first refresh is requested at start, before any connection.
		assert.Equal(t, OAuthBearerTokenRefresh{Config: "principal=x"}, h.next(t))

		// A connection waits for the token instead of failing at once.
		type result struct {
			token string
			err   error
		}
		done := make(chan result, 1)
		go func() {
			a, err := h.o.auth(context.Background())
			done <- result{a.Token, err}
		}()
		tok := OAuthBearerToken{TokenValue: "tok1", Expiration: time.Now().Add(500 * time.Millisecond), Extensions: map[string]string{"k": "v"}}
		require.NoError(t, h.o.set(tok))
		r := <-done
		require.NoError(t, r.err)
		assert.Equal(t, "tok1", r.token)

		// The refresh at 80% of the lifetime asks again, once.
		assert.Equal(t, OAuthBearerTokenRefresh{Config: "principal=x"}, h.next(t))

		// A failure becomes one ErrAuthentication event and, after the
		// retry delay, another refresh request; repeating the same
		// failure raises no second event.
		require.NoError(t, h.o.fail("idp down"))
		ev := h.next(t)
		require.IsType(t, Error{}, ev)
		assert.Equal(t, ErrAuthentication, ev.(Error).Code())
		assert.Contains(t, ev.(Error).Error(), "idp down")
		assert.Equal(t, OAuthBearerTokenRefresh{Config: "principal=x"}, h.next(t))
		require.NoError(t, h.o.fail("idp down"))
		assert.Equal(t, OAuthBearerTokenRefresh{Config: "principal=x"}, h.next(t))

		err := h.o.fail("")
		require.Error(t, err)
		assert.Equal(t, ErrInvalidArg, err.(Error).Code())
	})

	t.Run("failure ends waiting connections", func(t *testing.T) {
		h := newOAuthHarness(t, nil, time.Minute)
		h.next(t)
		done := make(chan error, 1)
		go func() {
			_, err := h.o.auth(context.Background())
			done <- err
		}()
		// auth may not be waiting yet; either way it must fail with the
		// reported reason.
		require.NoError(t, h.o.fail("no token for you"))
		err := <-done
		require.Error(t, err)
		assert.Equal(t, ErrAuthentication, err.(Error).Code())
		assert.Contains(t, err.Error(), "no token for you")
	})

	t.Run("no token within the wait", func(t *testing.T) {
		h := newOAuthHarness(t, nil, 50*time.Millisecond)
		_, err := h.o.auth(context.Background())
		require.Error(t, err)
		assert.Equal(t, ErrAuthentication, err.(Error).Code())
	})

	t.Run("built-in source", func(t *testing.T) {
		calls := make(chan struct{}, 10)
		h := newOAuthHarness(t, func(context.Context) (OAuthBearerToken, error) {
			calls <- struct{}{}
			return unsecuredJWT("principal=svc lifeSeconds=1", time.Now())
		}, time.Minute)
		a, err := h.o.auth(context.Background())
		require.NoError(t, err)
		_, claims := decodeJWT(t, a.Token)
		assert.Equal(t, "svc", claims["sub"])
		for range 2 { // the first fetch, then the refresh at 80% of the 1 s lifetime
			select {
			case <-calls:
			case <-time.After(10 * time.Second):
				t.Fatal("the source was not called again to refresh")
			}
		}
		select {
		case ev := <-h.events:
			t.Fatalf("a built-in source raises no events, got %v", ev)
		default:
		}
	})

	t.Run("built-in source failure", func(t *testing.T) {
		h := newOAuthHarness(t, func(context.Context) (OAuthBearerToken, error) {
			return unsecuredJWT("scope=x", time.Now())
		}, time.Minute)
		ev := h.next(t)
		require.IsType(t, Error{}, ev)
		assert.Equal(t, ErrAuthentication, ev.(Error).Code())
		assert.Contains(t, ev.(Error).Error(), "principal=<name> is required")
		_, err := h.o.auth(context.Background())
		require.Error(t, err)
		assert.Equal(t, ErrAuthentication, err.(Error).Code())
	})

	t.Run("stop", func(t *testing.T) {
		h := newOAuthHarness(t, nil, time.Minute)
		done := make(chan error, 1)
		go func() {
			_, err := h.o.auth(context.Background())
			done <- err
		}()
		h.o.stop()
		assert.Error(t, <-done)
	})
}

func TestOAuthBearerHandleMethods(t *testing.T) {
	t.Run("not configured", func(t *testing.T) {
		c := newTestConfig(t, RoleProducer, ConfigMap{"security.protocol": "sasl_ssl", "sasl.mechanism": "PLAIN", "sasl.username": "u", "sasl.password": "p"})
		h, err := NewInstance(KindProducer, c)
		require.NoError(t, err)
		defer h.Close()
		for _, err := range []error{
			h.SetOAuthBearerToken(OAuthBearerToken{TokenValue: "t", Expiration: time.Now().Add(time.Hour)}),
			h.SetOAuthBearerTokenFailure("x"),
		} {
			require.Error(t, err)
			assert.Equal(t, ErrState, err.(Error).Code())
		}
	})
	t.Run("configured", func(t *testing.T) {
		c := newTestConfig(t, RoleProducer, ConfigMap{"security.protocol": "sasl_plaintext", "sasl.mechanism": "OAUTHBEARER", "sasl.oauthbearer.config": "cfg"})
		h, err := NewInstance(KindProducer, c)
		require.NoError(t, err)
		events := make(chan Event, 10)
		h.SetEventSink(func(ev Event) { events <- ev })
		assert.Equal(t, OAuthBearerTokenRefresh{Config: "cfg"}, <-events, "held until the sink was set")
		require.NoError(t, h.SetOAuthBearerToken(OAuthBearerToken{TokenValue: "t", Expiration: time.Now().Add(time.Hour)}))
		assert.NoError(t, h.SetSaslCredentials("u", "p"), "accepted without effect, as librdkafka does")
		err = h.SetOAuthBearerToken(OAuthBearerToken{TokenValue: "t", Expiration: time.Now().Add(-time.Hour)})
		require.Error(t, err)
		assert.Equal(t, ErrInvalidArg, err.(Error).Code())
		h.Close()
		err = h.SetOAuthBearerToken(OAuthBearerToken{TokenValue: "t", Expiration: time.Now().Add(time.Hour)})
		require.Error(t, err)
		assert.Equal(t, ErrState, err.(Error).Code(), "closed")
	})
}
