package client

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestSecurityConnectionErrorEvents: failed connections become Error
// events, once per broker and distinct failure, again after the broker was
// reachable in between; a failure that leaves every known broker down adds
// ErrAllBrokersDown, once per transition into that state.
func TestSecurityConnectionErrorEvents(t *testing.T) {
	c := newTestConfig(t, RoleProducer, ConfigMap{"security.protocol": "sasl_ssl", "sasl.mechanism": "PLAIN", "sasl.username": "u", "sasl.password": "p",
		"bootstrap.servers": "127.0.0.1:9096"})
	h, err := NewInstance(KindProducer, c)
	require.NoError(t, err)
	defer h.Close()
	events := make(chan Event, 100)
	h.SetEventSink(func(ev Event) { events <- ev })

	seed := kgo.BrokerMetadata{NodeID: math.MinInt32, Host: "127.0.0.1", Port: 9096}
	node1 := kgo.BrokerMetadata{NodeID: 1, Host: "127.0.0.1", Port: 9096}
	authErr := fmt.Errorf("%w: Authentication failed: Invalid username or password", kerr.SaslAuthenticationFailed)
	tlsErr := &net.OpError{Op: "dial", Err: x509.UnknownAuthorityError{}}
	refused := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9096}, Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
	const (
		authText = "sasl_ssl://127.0.0.1:9096/bootstrap: SASL authentication error: Authentication failed: Invalid username or password"
		tlsText  = "sasl_ssl://127.0.0.1:9096/bootstrap: SSL handshake failed: dial: x509: certificate signed by unknown authority"
		allDown  = "1/1 brokers are down"
	)

	for i, step := range []struct {
		meta kgo.BrokerMetadata
		err  error
		want []Error // the events raised
	}{
		{seed, authErr, []Error{NewError(ErrAuthentication, authText, false), NewError(ErrAllBrokersDown, allDown, false)}},
		{seed, authErr, nil}, // the retry of the same failure, still all down
		{node1, authErr, []Error{NewError(ErrAuthentication, strings.Replace(authText, "/bootstrap", "/1", 1), false)}},
		{seed, refused, []Error{NewError(ErrTransport,
			"sasl_ssl://127.0.0.1:9096/bootstrap: Connect to ipv4#127.0.0.1:9096 failed: Connection refused (after 3ms in state CONNECT)", false)}},
		{seed, tlsErr, []Error{NewError(ErrSsl, tlsText, false)}},
		{seed, nil, nil}, // connected: the next failure is news again
		{seed, tlsErr, []Error{NewError(ErrSsl, tlsText, false), NewError(ErrAllBrokersDown, allDown, false)}},
		{seed, context.Canceled, nil}, // an abandoned attempt says nothing
	} {
		h.connHook.OnBrokerConnect(step.meta, 3*time.Millisecond, nil, step.err)
		for _, want := range step.want {
			select {
			case ev := <-events:
				require.IsType(t, Error{}, ev, "step %d", i)
				assert.Equal(t, want.Code(), ev.(Error).Code(), "step %d", i)
				assert.Equal(t, want.Error(), ev.(Error).Error(), "step %d", i)
			case <-time.After(10 * time.Second):
				t.Fatalf("step %d: no event, want %v", i, want)
			}
		}
		require.Empty(t, events, "step %d: no further events", i)
	}
}

// TestAllBrokersDown: ErrAllBrokersDown counts every bootstrap server and
// merges a seed with the broker advertised at its address; a plaintext
// broker's name has no protocol prefix; idle disconnects are not failures.
func TestAllBrokersDown(t *testing.T) {
	c := newTestConfig(t, RoleConsumer, ConfigMap{"bootstrap.servers": "127.0.0.1:1,127.0.0.1:2", "group.id": "g"})
	h, err := NewInstance(KindConsumer, c)
	require.NoError(t, err)
	defer h.Close()
	events := make(chan Event, 100)
	h.SetEventSink(func(ev Event) { events <- ev })

	broker := func(id int32, port int32) kgo.BrokerMetadata {
		return kgo.BrokerMetadata{NodeID: id, Host: "127.0.0.1", Port: port}
	}
	refused := func(port int) error {
		return &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: port}, Err: syscall.ECONNREFUSED}
	}
	hungUp := errors.New("EOF") // the broker accepted, then closed during ApiVersions
	for i, step := range []struct {
		meta kgo.BrokerMetadata
		err  error
		want []string
	}{
		{broker(math.MinInt32, 1), refused(1), []string{"127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 0ms in state CONNECT)"}},
		{broker(math.MinInt32+1, 2), nil, nil},
		{broker(2, 2), hungUp, []string{"2/2 brokers are down"}}, // broker 2 is the second seed
		{broker(2, 2), hungUp, nil},
		{broker(math.MinInt32, 1), refused(1), nil}, // same failure, same state
		{broker(1, 1), nil, nil},
		{broker(1, 1), refused(1), []string{"127.0.0.1:1/1: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 0ms in state CONNECT)", "2/2 brokers are down"}},
	} {
		h.connHook.OnBrokerConnect(step.meta, 0, nil, step.err)
		for _, want := range step.want {
			select {
			case ev := <-events:
				require.IsType(t, Error{}, ev, "step %d", i)
				assert.Equal(t, want, ev.(Error).Error(), "step %d", i)
				if strings.HasSuffix(want, "brokers are down") {
					assert.Equal(t, ErrAllBrokersDown, ev.(Error).Code(), "step %d", i)
				} else {
					assert.Equal(t, ErrTransport, ev.(Error).Code(), "step %d", i)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("step %d: no event, want %q", i, want)
			}
		}
		require.Empty(t, events, "step %d: no further events", i)
	}
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
