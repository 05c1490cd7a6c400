package kafka_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// waitBound only keeps a broken test from hanging; no assertion depends on
// how fast anything happens within it.
const waitBound = 60 * time.Second

// failBound is the issue's limit for a security failure to surface, as an
// Error event or from a blocking call: it bounds waits, it is not measured.
const failBound = 10 * time.Second

// with returns a copy of base with extra's entries added.
func with(base kafka.ConfigMap, extra kafka.ConfigMap) kafka.ConfigMap {
	m := kafka.ConfigMap{}
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// tokenFunc answers an OAuthBearerTokenRefresh; nil when the configuration
// under test does not involve application-supplied tokens.
type tokenFunc func() kafka.OAuthBearerToken

// answerRefresh hands h a token in reply to a refresh event, as an
// application would.
func answerRefresh(t *testing.T, h kafka.Handle, token tokenFunc) {
	if token == nil {
		t.Errorf("unexpected OAuthBearerTokenRefresh on %v", h)
		return
	}
	if err := h.SetOAuthBearerToken(token()); err != nil && !h.IsClosed() {
		t.Errorf("SetOAuthBearerToken: %v", err)
	}
}

// logCollector keeps every log line of a client, so that tests can check
// that no secret was logged. Debug logging is on to make that check cover
// everything purekafka and franz-go can say.
type logCollector struct {
	mu    sync.Mutex
	lines []string
	wg    sync.WaitGroup
}

// logConf turns on the log channel with full debugging.
var logConf = kafka.ConfigMap{"go.logs.channel.enable": true, "debug": "all", "log_level": 7}

func (l *logCollector) drain(ch chan kafka.LogEvent) {
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		for ev := range ch {
			l.mu.Lock()
			l.lines = append(l.lines, ev.String())
			l.mu.Unlock()
		}
	}()
}

// assertNoSecret checks that no collected line contains any of secrets.
// Call it after the clients are closed (which closes their log channels).
func (l *logCollector) assertNoSecret(t *testing.T, secrets ...string) {
	t.Helper()
	l.wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	assert.NotEmpty(t, l.lines, "debug logging produced no lines: the secret check would be vacuous")
	for _, s := range secrets {
		for _, line := range l.lines {
			if strings.Contains(line, s) {
				t.Errorf("a log line contains a secret: %q", line)
				break
			}
		}
	}
}

// roundTrip produces messages through a Producer made from conf, checks
// every delivery report, then consumes them back through a subscribed
// Consumer made from the same conf, all over the connection conf
// describes. OAuthBearerTokenRefresh events are answered with token; any
// Error event fails the test. It returns the secrets-checked log lines'
// collector after both clients closed.
func roundTrip(t *testing.T, conf kafka.ConfigMap, topic string, token tokenFunc) *logCollector {
	t.Helper()
	const n = 10
	logs := &logCollector{}

	pconf := with(conf, logConf)
	p, err := kafka.NewProducer(&pconf)
	require.NoError(t, err)
	logs.drain(p.Logs())
	var pumpDone sync.WaitGroup
	pumpDone.Add(1)
	go func() {
		defer pumpDone.Done()
		for ev := range p.Events() {
			switch e := ev.(type) {
			case kafka.OAuthBearerTokenRefresh:
				answerRefresh(t, p, token)
			case kafka.Error:
				t.Errorf("producer error event: %v", e)
			}
		}
	}()
	dr := make(chan kafka.Event, n)
	for i := range n {
		require.NoError(t, p.Produce(&kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
			Key:            []byte(fmt.Sprintf("k%d", i)),
			Value:          []byte(fmt.Sprintf("v%d", i)),
		}, dr))
	}
	for range n {
		select {
		case ev := <-dr:
			m, ok := ev.(*kafka.Message)
			require.True(t, ok, "delivery report %T", ev)
			require.NoError(t, m.TopicPartition.Error, "delivery")
		case <-time.After(waitBound):
			t.Fatal("no delivery report")
		}
	}
	p.Close()
	pumpDone.Wait()

	cconf := with(conf, with(logConf, kafka.ConfigMap{
		"group.id": kafkatest.UniqueName(t, "g"), "auto.offset.reset": "earliest",
	}))
	c, err := kafka.NewConsumer(&cconf)
	require.NoError(t, err)
	logs.drain(c.Logs())
	require.NoError(t, c.Subscribe(topic, nil))
	got := map[string]bool{}
	deadline := time.Now().Add(waitBound)
	for len(got) < n && time.Now().Before(deadline) {
		switch e := c.Poll(200).(type) {
		case *kafka.Message:
			got[string(e.Value)] = true
		case kafka.OAuthBearerTokenRefresh:
			answerRefresh(t, c, token)
		case kafka.Error:
			t.Errorf("consumer error event: %v", e)
		}
	}
	require.NoError(t, c.Close())
	require.Len(t, got, n, "messages consumed back")
	return logs
}

// unsecuredJWT is a token Kafka's unsecured-JWT validator accepts (alg
// none, sub and exp claims), made here the way an application or an
// identity provider would, independently of purekafka's own builder.
func unsecuredJWT(sub string, exp time.Time) string {
	enc := base64.RawURLEncoding
	claims := fmt.Sprintf(`{"sub":%q,"iat":%d,"exp":%d}`, sub, time.Now().Unix(), exp.Unix())
	return enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString([]byte(claims)) + "."
}

// appToken returns a tokenFunc handing out fresh unsecured JWTs for sub.
func appToken(sub string) tokenFunc {
	return func() kafka.OAuthBearerToken {
		exp := time.Now().Add(time.Hour)
		return kafka.OAuthBearerToken{TokenValue: unsecuredJWT(sub, exp), Expiration: exp, Principal: sub}
	}
}

// tokenEndpoint is a local OAuth 2.0 token endpoint for the OIDC tests: it
// grants client_credentials to one client, with an unsecured JWT for
// principal sub, over TLS with its own certificate.
type tokenEndpoint struct {
	*httptest.Server
	mu       sync.Mutex
	requests int
}

func newTokenEndpoint(t *testing.T, clientID, clientSecret, sub string) *tokenEndpoint {
	t.Helper()
	te := &tokenEndpoint{}
	te.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		te.mu.Lock()
		te.requests++
		te.mu.Unlock()
		id, secret, _ := r.BasicAuth()
		w.Header().Set("Content-Type", "application/json")
		if r.Method != http.MethodPost || r.FormValue("grant_type") != "client_credentials" || id != clientID || secret != clientSecret {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
			return
		}
		_, _ = fmt.Fprintf(w, `{"access_token":%q,"token_type":"bearer","expires_in":3600}`, unsecuredJWT(sub, time.Now().Add(time.Hour)))
	}))
	t.Cleanup(te.Close)
	return te
}

// caPEM is the PEM of the endpoint's certificate, for https.ca.pem.
func (te *tokenEndpoint) caPEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: te.Certificate().Raw}))
}

func (te *tokenEndpoint) count() int {
	te.mu.Lock()
	defer te.mu.Unlock()
	return te.requests
}

// oidcConf is the configuration of the OIDC client-credentials flow against
// te.
func oidcConf(te *tokenEndpoint, clientID, clientSecret string) kafka.ConfigMap {
	return kafka.ConfigMap{
		"sasl.mechanism": "OAUTHBEARER", "sasl.oauthbearer.method": "oidc",
		"sasl.oauthbearer.client.id": clientID, "sasl.oauthbearer.client.secret": clientSecret,
		"sasl.oauthbearer.token.endpoint.url": te.URL + "/token", "sasl.oauthbearer.scope": "kafka",
		"https.ca.pem": te.caPEM(),
	}
}

// testPKI is a CA and the certificates the kfake TLS tests need, made with
// crypto/x509 at test time.
type testPKI struct {
	dir    string
	ca     *x509.Certificate
	caKey  *ecdsa.PrivateKey
	caFile string
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kfake-test-ca"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	ca, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	p := &testPKI{dir: t.TempDir(), ca: ca, caKey: key}
	p.caFile = p.write(t, "ca.crt", "CERTIFICATE", der)
	return p
}

func (p *testPKI) write(t *testing.T, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(p.dir, name)
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600))
	return path
}

// certOpts describe a leaf certificate.
type certOpts struct {
	cn        string
	hosts     []string // DNS names and IP addresses
	client    bool     // client auth instead of server auth
	notBefore time.Time
	notAfter  time.Time
}

// issue makes a leaf certificate signed by the CA and returns it as a
// tls.Certificate and as PEM files.
func (p *testPKI) issue(t *testing.T, name string, o certOpts) (tls.Certificate, string, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: o.cn},
		NotBefore: o.notBefore, NotAfter: o.notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if tmpl.NotBefore.IsZero() {
		tmpl.NotBefore = time.Now().Add(-time.Hour)
	}
	if tmpl.NotAfter.IsZero() {
		tmpl.NotAfter = time.Now().Add(24 * time.Hour)
	}
	if o.client {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	for _, h := range o.hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.ca, &key.PublicKey, p.caKey)
	require.NoError(t, err)
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	certFile := p.write(t, name+".crt", "CERTIFICATE", der)
	keyFile := p.write(t, name+".key", "PRIVATE KEY", keyDER)
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	require.NoError(t, err)
	return cert, certFile, keyFile
}

// pool is a certificate pool holding the CA.
func (p *testPKI) pool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(p.ca)
	return pool
}

// newKfake starts a one-broker kfake cluster with opts, closed when the
// test ends.
func newKfake(t *testing.T, opts ...kfake.Opt) *kfake.Cluster {
	t.Helper()
	c, err := kfake.NewCluster(append([]kfake.Opt{
		kfake.NumBrokers(1), kfake.AllowAutoTopicCreation(), kfake.DefaultNumPartitions(1),
	}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(c.Close)
	return c
}

// oauthOnKfake answers SASL/OAUTHBEARER on a kfake cluster, which
// implements only PLAIN and SCRAM itself, by taking over its SaslHandshake
// and SaslAuthenticate handling. It checks each client's first message
// (RFC 7628 §3.1) with check and records the tokens it saw.
type oauthOnKfake struct {
	check func(token string, ext map[string]string) string // "" accepts, else the rejection reason

	mu     sync.Mutex
	tokens []string
	exts   []map[string]string
}

func (o *oauthOnKfake) install(c *kfake.Cluster) {
	c.ControlKey(int16(kmsg.SASLHandshake), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		r := req.(*kmsg.SASLHandshakeRequest)
		resp := r.ResponseKind().(*kmsg.SASLHandshakeResponse)
		resp.SupportedMechanisms = []string{"OAUTHBEARER"}
		if r.Mechanism != "OAUTHBEARER" {
			resp.ErrorCode = kerr.UnsupportedSaslMechanism.Code
		}
		return resp, nil, true
	})
	c.ControlKey(int16(kmsg.SASLAuthenticate), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		r := req.(*kmsg.SASLAuthenticateRequest)
		resp := r.ResponseKind().(*kmsg.SASLAuthenticateResponse)
		token, ext, err := parseOAuthClientFirst(r.SASLAuthBytes)
		reason := ""
		if err != nil {
			reason = err.Error()
		} else {
			o.mu.Lock()
			o.tokens = append(o.tokens, token)
			o.exts = append(o.exts, ext)
			o.mu.Unlock()
			reason = o.check(token, ext)
		}
		if reason != "" {
			resp.ErrorCode = kerr.SaslAuthenticationFailed.Code
			resp.ErrorMessage = &reason
		}
		return resp, nil, true
	})
}

// seen returns the tokens and extensions clients authenticated with.
func (o *oauthOnKfake) seen() ([]string, []map[string]string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.tokens...), append([]map[string]string(nil), o.exts...)
}

// parseOAuthClientFirst parses "n,,\x01auth=Bearer <token>\x01k=v\x01...\x01".
func parseOAuthClientFirst(b []byte) (string, map[string]string, error) {
	s := string(b)
	header, rest, ok := strings.Cut(s, "\x01")
	if !ok || !strings.HasPrefix(header, "n,") || !strings.HasSuffix(rest, "\x01\x01") {
		return "", nil, fmt.Errorf("malformed OAUTHBEARER client message")
	}
	var token string
	ext := map[string]string{}
	for _, kv := range strings.Split(strings.TrimSuffix(rest, "\x01\x01"), "\x01") {
		k, v, _ := strings.Cut(kv, "=")
		if k == "auth" {
			token = strings.TrimPrefix(v, "Bearer ")
			continue
		}
		ext[k] = v
	}
	if token == "" {
		return "", nil, fmt.Errorf("no bearer token")
	}
	return token, ext, nil
}

// failureCheck is what a security failure must look like: the code of the
// Error event and of the blocking calls' errors, and strings that must not
// appear in any log line, error or event text.
type failureCheck struct {
	code    kafka.ErrorCode
	secrets []string
}

// expectFailure makes a Producer and a Consumer from conf (which must not
// be able to connect) and checks, for each, that the failure is raised as
// an Error event with the expected code within failBound, that a blocking
// call (GetMetadata, ReadMessage) fails with it too, that the same failure
// is raised once per broker rather than on every retry, and that no secret
// leaks into logs, errors or events.
func expectFailure(t *testing.T, conf kafka.ConfigMap, want failureCheck, token tokenFunc) {
	t.Helper()
	logs := &logCollector{}
	var texts []string
	seenEvents := map[string]int{}
	record := func(s string) {
		texts = append(texts, s)
	}

	pconf := with(conf, logConf)
	p, err := kafka.NewProducer(&pconf)
	require.NoError(t, err)
	logs.drain(p.Logs())
	// The application's event loop: refresh requests are answered while
	// GetMetadata blocks, as they would be in a real program.
	errEvents := make(chan kafka.Error, 100)
	var pumpDone sync.WaitGroup
	pumpDone.Add(1)
	go func() {
		defer pumpDone.Done()
		defer close(errEvents)
		for ev := range p.Events() {
			switch e := ev.(type) {
			case kafka.Error:
				select {
				case errEvents <- e:
				default:
					t.Errorf("more Error events than a failing client should raise: %v", e)
				}
			case kafka.OAuthBearerTokenRefresh:
				answerRefresh(t, p, token)
			}
		}
	}()
	_, err = p.GetMetadata(nil, true, int(failBound/time.Millisecond))
	require.Error(t, err, "GetMetadata must fail")
	t.Logf("GetMetadata: %v", err)
	record(err.Error())
	assert.Equal(t, want.code, err.(kafka.Error).Code(), "GetMetadata: %v", err)
	select {
	case e := <-errEvents:
		t.Logf("Error event: %v", e)
		record(e.Error())
		seenEvents[e.Error()]++
		assert.Equal(t, want.code, e.Code(), "Error event: %v", e)
	case <-time.After(failBound):
		t.Fatalf("no Error event within %v", failBound)
	}

	cconf := with(conf, with(logConf, kafka.ConfigMap{"group.id": kafkatest.UniqueName(t, "g")}))
	c, err := kafka.NewConsumer(&cconf)
	require.NoError(t, err)
	logs.drain(c.Logs())
	require.NoError(t, c.Subscribe("security-failure-topic", nil))
	var readErr error
	if token == nil {
		// ReadMessage, the consumer's blocking call, returns the Error
		// event as its error.
		_, readErr = c.ReadMessage(failBound)
	} else {
		// ReadMessage discards OAuthBearerTokenRefresh events, as in
		// confluent-kafka-go, so an application supplying tokens polls.
		for deadline := time.Now().Add(failBound); readErr == nil && time.Now().Before(deadline); {
			switch e := c.Poll(100).(type) {
			case kafka.Error:
				readErr = e
			case kafka.OAuthBearerTokenRefresh:
				answerRefresh(t, c, token)
			case *kafka.Message:
				t.Fatalf("consumed a message over a connection that must fail: %v", e)
			}
		}
	}
	require.Error(t, readErr, "consumer: no error within %v", failBound)
	t.Logf("consumer: %v", readErr)
	record(readErr.Error())
	assert.Equal(t, want.code, readErr.(kafka.Error).Code(), "consumer: %v", readErr)
	require.NoError(t, c.Close())

	// The producer kept retrying meanwhile; its events repeat no failure:
	// one event per distinct failure and broker, not one per retry.
	p.Close()
	pumpDone.Wait()
	for e := range errEvents {
		record(e.Error())
		seenEvents[e.Error()]++
	}
	for text, n := range seenEvents {
		assert.Equal(t, 1, n, "Error event raised %d times: %s", n, text)
	}
	for _, s := range want.secrets {
		for _, text := range texts {
			assert.NotContains(t, text, s, "an error or event text contains a secret")
		}
	}
	logs.assertNoSecret(t, want.secrets...)
}

// nextEvent reads the next event from ch, failing the test after failBound.
func nextEvent(t *testing.T, ch chan kafka.Event) kafka.Event {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(failBound):
		t.Fatalf("no event within %v", failBound)
		return nil
	}
}

// ctx30 is a context for admin calls in set-up.
func ctx30(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
