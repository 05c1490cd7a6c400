package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kerr"
)

// The files in testdata/tls were made once with OpenSSL 3.0 (P-256 keys, so
// they stay small), in every form librdkafka reads a client key in:
//
//	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 -subj /CN=purekafka-test-ca ... -out ca.crt
//	openssl x509 -req ... -out client.crt; openssl pkcs8 -topk8 -nocrypt ... -out client.key
//	openssl ec -in client.key -aes256 -passout pass:testpass -out client-legacy-enc.key
//	openssl pkcs8 -topk8 -in client.key -v2 aes-256-cbc -passout pass:testpass -out client-pkcs8-enc.key
//	openssl pkcs12 -export ... -certfile ca.crt -passout pass:testpass -out client.p12
//	openssl pkcs12 -export ... -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -out client-3des.p12
const tlsTestPassword = "testpass"

func tlsTestdata(name string) string { return filepath.Join("testdata", "tls", name) }

func readTLSTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(tlsTestdata(name))
	require.NoError(t, err)
	return string(b)
}

func TestTLSClientKeyForms(t *testing.T) {
	want, err := tls.LoadX509KeyPair(tlsTestdata("client.crt"), tlsTestdata("client.key"))
	require.NoError(t, err)
	ca, err := x509.ParseCertificate(mustPEMBlock(t, readTLSTestdata(t, "ca.crt")))
	require.NoError(t, err)

	base := ConfigMap{"security.protocol": "ssl", "ssl.ca.location": tlsTestdata("ca.crt")}
	for _, tc := range []struct {
		name      string
		conf      ConfigMap
		err       string
		withChain bool // the keystore also carries the CA certificate
	}{
		{name: "PEM files", conf: ConfigMap{"ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client.key")}},
		{name: "PEM strings", conf: ConfigMap{"ssl.certificate.pem": readTLSTestdata(t, "client.crt"), "ssl.key.pem": readTLSTestdata(t, "client.key")}},
		{name: "password for a plain key is harmless", conf: ConfigMap{"ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client.key"), "ssl.key.password": "unused"}},
		{name: "legacy encrypted PEM", conf: ConfigMap{"ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client-legacy-enc.key"), "ssl.key.password": tlsTestPassword}},
		{name: "encrypted PKCS#8", conf: ConfigMap{"ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client-pkcs8-enc.key"), "ssl.key.password": tlsTestPassword}},
		{name: "encrypted PKCS#8 as PEM string", conf: ConfigMap{"ssl.certificate.pem": readTLSTestdata(t, "client.crt"), "ssl.key.pem": readTLSTestdata(t, "client-pkcs8-enc.key"), "ssl.key.password": tlsTestPassword}},
		{name: "PKCS#12", conf: ConfigMap{"ssl.keystore.location": tlsTestdata("client.p12"), "ssl.keystore.password": tlsTestPassword}, withChain: true},
		{name: "PKCS#12 3DES/SHA-1", conf: ConfigMap{"ssl.keystore.location": tlsTestdata("client-3des.p12"), "ssl.keystore.password": tlsTestPassword}, withChain: true},
		{name: "PKCS#12 wins over PEM", conf: ConfigMap{"ssl.keystore.location": tlsTestdata("client.p12"), "ssl.keystore.password": tlsTestPassword, "ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client.key")}, withChain: true},

		{name: "legacy encrypted PEM, wrong password", conf: ConfigMap{"ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client-legacy-enc.key"), "ssl.key.password": "wrong-pw"}, err: "ssl.key.location failed: cannot decrypt"},
		{name: "encrypted PKCS#8, wrong password", conf: ConfigMap{"ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client-pkcs8-enc.key"), "ssl.key.password": "wrong-pw"}, err: "ssl.key.location failed: cannot decrypt the PKCS#8"},
		{name: "encrypted key, no password", conf: ConfigMap{"ssl.certificate.location": tlsTestdata("client.crt"), "ssl.key.location": tlsTestdata("client-pkcs8-enc.key")}, err: "ssl.key.password is not set"},
		{name: "PKCS#12, wrong password", conf: ConfigMap{"ssl.keystore.location": tlsTestdata("client.p12"), "ssl.keystore.password": "wrong-pw"}, err: "ssl.keystore.location failed: cannot read PKCS#12"},
		{name: "PKCS#12, no password", conf: ConfigMap{"ssl.keystore.location": tlsTestdata("client.p12")}, err: "`ssl.keystore.password` is mandatory"},
		{name: "PKCS#12, not a keystore", conf: ConfigMap{"ssl.keystore.location": tlsTestdata("client.crt"), "ssl.keystore.password": tlsTestPassword}, err: "ssl.keystore.location failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := CloneConfigMap(base)
			for k, v := range tc.conf {
				m[k] = v
			}
			c, err := NewConfig(&m, RoleProducer)
			if tc.err != "" {
				require.Error(t, err)
				assert.Equal(t, ErrInvalidArg, err.(Error).Code())
				assert.Contains(t, err.Error(), tc.err)
				for _, pw := range []string{tlsTestPassword, "wrong-pw"} {
					assert.NotContains(t, err.Error(), pw, "no password in error texts")
				}
				return
			}
			require.NoError(t, err)
			require.Len(t, c.TLSConfig.Certificates, 1)
			got := c.TLSConfig.Certificates[0]
			assert.Equal(t, want.Certificate[0], got.Certificate[0])
			assert.Equal(t, want.PrivateKey, got.PrivateKey)
			if tc.withChain {
				require.Len(t, got.Certificate, 2)
				assert.Equal(t, ca.Raw, got.Certificate[1])
			} else {
				assert.Len(t, got.Certificate, 1)
			}
		})
	}
}

func mustPEMBlock(t *testing.T, s string) []byte {
	t.Helper()
	block, _ := pem.Decode([]byte(s))
	require.NotNil(t, block)
	return block.Bytes
}

// TestSASLErrorFromKgo: a failed authentication is ErrAuthentication with
// the broker's explanation, as librdkafka reports it, whichever way
// franz-go wraps the broker's code.
func TestSASLErrorFromKgo(t *testing.T) {
	brokerText := "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256"
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"bare code", kerr.SaslAuthenticationFailed, "SASL authentication error: SASL Authentication failed."},
		{"with broker message", fmt.Errorf("%w: %s", kerr.SaslAuthenticationFailed, brokerText), "SASL authentication error: " + brokerText},
		{"mechanism not enabled", kerr.UnsupportedSaslMechanism, "SASL mechanism handshake failed: " + kerr.UnsupportedSaslMechanism.Description},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := ErrorFromKgo(tc.err)
			assert.Equal(t, ErrAuthentication, e.Code())
			assert.Equal(t, tc.want, e.Error())
		})
	}
}

// TestTLSRemoteAlertIsErrSsl: a broker that rejects the client certificate
// does so with a TLS alert after the client finished its side of a TLS 1.3
// handshake, so the client sees it on its first read. That is still an SSL
// error, not a transport one.
func TestTLSRemoteAlertIsErrSsl(t *testing.T) {
	serverCert, err := tls.X509KeyPair([]byte(readTLSTestdata(t, "client.crt")), []byte(readTLSTestdata(t, "client.key")))
	require.NoError(t, err)
	cliConn, srvConn := net.Pipe()
	defer func() { _ = cliConn.Close() }()
	defer func() { _ = srvConn.Close() }()
	go func() {
		srv := tls.Server(srvConn, &tls.Config{Certificates: []tls.Certificate{serverCert}, ClientAuth: tls.RequireAnyClientCert})
		_ = srv.HandshakeContext(context.Background())
		_ = srv.Close()
	}()
	cli := tls.Client(cliConn, &tls.Config{InsecureSkipVerify: true}) //nolint:gosec // the test is about the server's alert
	require.NoError(t, cli.Handshake(), "TLS 1.3: the client's side completes before the server checks")
	_, err = alertConn{cli}.Read(make([]byte, 1))
	require.Error(t, err)
	assert.Equal(t, "remote error: tls: certificate required", err.Error())
	var oe *net.OpError
	assert.False(t, errors.As(err, &oe), "franz-go must not see a *net.OpError, which it retries on the next broker")
	assert.Equal(t, ErrSsl, ErrorFromKgo(fmt.Errorf("wrapped: %w", err)).Code())
	assert.Equal(t, ErrSsl, ErrorFromKgo(&net.OpError{Op: "remote error", Err: errors.New("tls: bad certificate")}).Code(),
		"crypto/tls's own form")
}
