package client

import (
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestSecurityConnectionErrorEvents: failed connections become Error
// events only for TLS and SASL failures, once per broker and distinct
// failure, again after the broker was reachable in between.
func TestSecurityConnectionErrorEvents(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{"security.protocol": "sasl_ssl", "sasl.mechanism": "PLAIN", "sasl.username": "u", "sasl.password": "p"})
	h, err := NewInstance(KindProducer, c)
	require.NoError(t, err)
	defer h.Close()
	events := make(chan Event, 100)
	h.SetEventSink(func(ev Event) { events <- ev })

	seed := kgo.BrokerMetadata{NodeID: math.MinInt32, Host: "127.0.0.1", Port: 9096}
	node1 := kgo.BrokerMetadata{NodeID: 1, Host: "127.0.0.1", Port: 9096}
	authErr := fmt.Errorf("%w: Authentication failed: Invalid username or password", kerr.SaslAuthenticationFailed)
	tlsErr := &net.OpError{Op: "dial", Err: x509.UnknownAuthorityError{}}
	refused := &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}

	for _, step := range []struct {
		meta kgo.BrokerMetadata
		err  error
		want string // the event raised, "" for none
	}{
		{seed, authErr, "sasl_ssl://127.0.0.1:9096/bootstrap: SASL authentication error: Authentication failed: Invalid username or password"},
		{seed, authErr, ""}, // the retry of the same failure
		{node1, authErr, "sasl_ssl://127.0.0.1:9096/1: SASL authentication error: Authentication failed: Invalid username or password"},
		{seed, refused, ""}, // not a security failure: franz-go retries it
		{seed, tlsErr, "sasl_ssl://127.0.0.1:9096/bootstrap: SSL handshake failed: dial: x509: certificate signed by unknown authority"},
		{seed, nil, ""}, // connected: the next failure is news again
		{seed, tlsErr, "sasl_ssl://127.0.0.1:9096/bootstrap: SSL handshake failed: dial: x509: certificate signed by unknown authority"},
	} {
		h.connHook.OnBrokerConnect(step.meta, 0, nil, step.err)
		if step.want == "" {
			continue
		}
		ev := <-events
		require.IsType(t, Error{}, ev)
		assert.Equal(t, step.want, ev.(Error).Error())
		if errors.Is(step.err, kerr.SaslAuthenticationFailed) {
			assert.Equal(t, ErrAuthentication, ev.(Error).Code())
		} else {
			assert.Equal(t, ErrSsl, ev.(Error).Code())
		}
	}
	assert.Empty(t, events, "no further events")
}

// TestSecurityEventRelay: events raised before the owner set its sink are
// delivered in order once it does; an instance without a sink holds a
// bounded number; nothing is delivered after close.
func TestSecurityEventRelay(t *testing.T) {
	var r eventRelay
	for i := range maxHeldEvents + 10 {
		r.emit(OAuthBearerTokenRefresh{Config: fmt.Sprint(i)})
	}
	got := make(chan Event, 2*maxHeldEvents)
	r.setSink(func(ev Event) { got <- ev })
	for i := range maxHeldEvents {
		assert.Equal(t, OAuthBearerTokenRefresh{Config: fmt.Sprint(i)}, <-got)
	}
	r.emit(OAuthBearerTokenRefresh{Config: "after"})
	assert.Equal(t, OAuthBearerTokenRefresh{Config: "after"}, <-got)
	r.close()
	r.emit(OAuthBearerTokenRefresh{Config: "closed"})
	assert.Empty(t, got)
}

// TestLogLevelThreshold: log_level drops less severe lines, CONFWARN
// (syslog 4) included, and debug contexts raise it to 7, as in librdkafka.
func TestLogLevelThreshold(t *testing.T) {
	for _, tc := range []struct {
		name     string
		extra    ConfigMap
		wantWarn bool
	}{
		{"default log_level 6", nil, true},
		{"log_level 4", ConfigMap{"log_level": 4}, true},
		{"log_level 3", ConfigMap{"log_level": 3}, false},
		{"log_level 3 with debug", ConfigMap{"log_level": 3, "debug": "generic"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// No bootstrap.servers: librdkafka's CONFWARN about it.
			m := ConfigMap{"go.logs.channel.enable": true}
			for k, v := range tc.extra {
				m[k] = v
			}
			cfg := newTestConfig(t, RoleProducer, m)
			h, err := NewInstance(KindProducer, cfg)
			require.NoError(t, err)
			defer h.Close()
			var warned bool
		drain:
			for {
				select {
				case ev := <-h.Logs():
					if ev.Tag == "CONFWARN" {
						warned = true
						assert.Equal(t, 4, ev.Level)
					}
				default:
					break drain
				}
			}
			assert.Equal(t, tc.wantWarn, warned)
		})
	}
}
