package kafka_test

import (
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// The tests in this file prove purekafka's security against a real Apache
// Kafka broker started by internal/testenv/kafka.sh with KAFKA_SECURITY=1
// (`make test-security`; they skip, saying how to start it, otherwise) and
// against kfake wherever it implements the mechanism. Every success case
// produces and consumes messages through purekafka's Producer and Consumer
// over the secured connection; every failure case checks the Error event,
// the blocking calls' error code, and that no secret is logged.

// securityCase is one way of connecting; conf is added to the bootstrap
// servers.
type securityCase struct {
	name  string
	conf  kafka.ConfigMap
	token tokenFunc // answers OAuthBearerTokenRefresh events, if any
	skip  string    // why this case cannot run here, if it cannot
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// TestSecurityRoundTrip: produce and consume over every security setup the
// real broker offers, one subtest per mechanism and variant.
func TestSecurityRoundTrip(t *testing.T) {
	s := kafkatest.Secure(t)
	require.NotNil(t, s.Cluster, "KAFKA_BOOTSTRAP must name the secured broker's PLAINTEXT listener")
	caDir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(caDir, "ca.pem"), []byte(readFile(t, s.CAFile)), 0o600))
	te := newTokenEndpoint(t, "purekafka-client", "oidc-client-secret", "oidc-user")

	ssl := kafka.ConfigMap{"bootstrap.servers": s.SSL, "security.protocol": "ssl", "ssl.ca.location": s.CAFile}
	mtls := kafka.ConfigMap{"bootstrap.servers": s.MTLS, "security.protocol": "ssl", "ssl.ca.location": s.CAFile}
	saslSSL := kafka.ConfigMap{"bootstrap.servers": s.SASLSSL, "security.protocol": "sasl_ssl", "ssl.ca.location": s.CAFile,
		"sasl.username": s.User, "sasl.password": s.Password}
	saslPlain := kafka.ConfigMap{"bootstrap.servers": s.SASLPlaintext, "security.protocol": "sasl_plaintext",
		"sasl.username": s.User, "sasl.password": s.Password}
	noOAuth := ""
	if !s.OAuthBearer {
		noOAuth = "the broker's SASL listeners do not enable OAUTHBEARER (KAFKA_SASL_OAUTHBEARER unset)"
	}

	cases := []securityCase{
		{name: "SSL/ca.location file", conf: with(ssl, kafka.ConfigMap{"security.protocol": "SSL"})},
		{name: "SSL/ca.location directory", conf: with(ssl, kafka.ConfigMap{"ssl.ca.location": caDir})},
		{name: "SSL/ca.pem", conf: with(ssl, kafka.ConfigMap{"ssl.ca.location": "", "ssl.ca.pem": readFile(t, s.CAFile)})},
		{name: "SSL/verification off", conf: with(ssl, kafka.ConfigMap{"ssl.ca.location": s.TLSFile("other-ca.crt"), "enable.ssl.certificate.verification": false})},
		{name: "SSL/hostname verification off", conf: kafka.ConfigMap{"bootstrap.servers": s.BadHost, "security.protocol": "ssl",
			"ssl.ca.location": s.CAFile, "ssl.endpoint.identification.algorithm": "none"}},

		{name: "mTLS/PEM files", conf: with(mtls, kafka.ConfigMap{"ssl.certificate.location": s.ClientCert, "ssl.key.location": s.ClientKey})},
		{name: "mTLS/PEM strings", conf: with(mtls, kafka.ConfigMap{"ssl.certificate.pem": readFile(t, s.ClientCert), "ssl.key.pem": readFile(t, s.ClientKey)})},
		{name: "mTLS/legacy encrypted key", conf: with(mtls, kafka.ConfigMap{"ssl.certificate.location": s.ClientCert,
			"ssl.key.location": s.TLSFile("client-legacy-enc.key"), "ssl.key.password": s.KeyPassword})},
		{name: "mTLS/PKCS#8 encrypted key", conf: with(mtls, kafka.ConfigMap{"ssl.certificate.location": s.ClientCert,
			"ssl.key.location": s.TLSFile("client-pkcs8-enc.key"), "ssl.key.password": s.KeyPassword})},
		{name: "mTLS/PKCS#12", conf: with(mtls, kafka.ConfigMap{"ssl.keystore.location": s.TLSFile("client.p12"), "ssl.keystore.password": s.KeyPassword})},
		{name: "mTLS/PKCS#12 3DES", conf: with(mtls, kafka.ConfigMap{"ssl.keystore.location": s.TLSFile("client-3des.p12"), "ssl.keystore.password": s.KeyPassword})},

		{name: "PLAIN/SASL_SSL", conf: with(saslSSL, kafka.ConfigMap{"sasl.mechanism": "PLAIN"})},
		{name: "PLAIN/SASL_PLAINTEXT", conf: with(saslPlain, kafka.ConfigMap{"sasl.mechanisms": "PLAIN", "security.protocol": "SASL_PLAINTEXT"})},
		{name: "SCRAM-SHA-256/SASL_SSL", conf: with(saslSSL, kafka.ConfigMap{"sasl.mechanism": "SCRAM-SHA-256"})},
		{name: "SCRAM-SHA-256/SASL_PLAINTEXT", conf: with(saslPlain, kafka.ConfigMap{"sasl.mechanism": "SCRAM-SHA-256"})},
		{name: "SCRAM-SHA-512/SASL_SSL", conf: with(saslSSL, kafka.ConfigMap{"sasl.mechanism": "SCRAM-SHA-512"})},
		{name: "SCRAM-SHA-512/SASL_PLAINTEXT", conf: with(saslPlain, kafka.ConfigMap{"sasl.mechanism": "SCRAM-SHA-512"})},

		{name: "OAUTHBEARER/unsecure JWT", skip: noOAuth, conf: kafka.ConfigMap{"bootstrap.servers": s.SASLPlaintext, "security.protocol": "sasl_plaintext",
			"sasl.mechanism": "OAUTHBEARER", "enable.sasl.oauthbearer.unsecure.jwt": true,
			"sasl.oauthbearer.config": "principal=jwt-user scope=kafka lifeSeconds=600 extension_traceId=abc"}},
		{name: "OAUTHBEARER/application token", skip: noOAuth, token: appToken("app-user"), conf: kafka.ConfigMap{
			"bootstrap.servers": s.SASLPlaintext, "security.protocol": "sasl_plaintext", "sasl.mechanism": "OAUTHBEARER",
			"sasl.oauthbearer.config": "anything the application wants"}},
		{name: "OAUTHBEARER/SASL_SSL unsecure JWT", skip: noOAuth, conf: kafka.ConfigMap{"bootstrap.servers": s.SASLSSL, "security.protocol": "sasl_ssl",
			"ssl.ca.location": s.CAFile, "sasl.mechanism": "OAUTHBEARER", "enable.sasl.oauthbearer.unsecure.jwt": true, "sasl.oauthbearer.config": "principal=jwt-user"}},
		{name: "OIDC/client credentials", skip: noOAuth, conf: with(oidcConf(te, "purekafka-client", "oidc-client-secret"), kafka.ConfigMap{
			"bootstrap.servers": s.SASLPlaintext, "security.protocol": "sasl_plaintext"})},
	}
	topic := s.Cluster.CreateTopic(t, 1)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip != "" {
				t.Skip(tc.skip)
			}
			logs := roundTrip(t, tc.conf, topic, tc.token)
			logs.assertNoSecret(t, s.Password, s.KeyPassword, "oidc-client-secret")
		})
	}
	if s.OAuthBearer {
		assert.Positive(t, te.count(), "the OIDC case fetched its token from the endpoint")
	}
}

// TestSecurityFailures: every way of being refused fails fast, with
// confluent's error code, as an Error event and from the blocking calls,
// without a retry storm and without the secret in any text.
func TestSecurityFailures(t *testing.T) {
	s := kafkatest.Secure(t)
	const badPassword = "not-the-password-42"
	te := newTokenEndpoint(t, "purekafka-client", "oidc-client-secret", "oidc-user")
	saslSSL := kafka.ConfigMap{"bootstrap.servers": s.SASLSSL, "security.protocol": "sasl_ssl", "ssl.ca.location": s.CAFile}
	mtls := kafka.ConfigMap{"bootstrap.servers": s.MTLS, "security.protocol": "ssl", "ssl.ca.location": s.CAFile}
	auth := failureCheck{code: kafka.ErrAuthentication, secrets: []string{badPassword}}
	sslErr := failureCheck{code: kafka.ErrSsl, secrets: []string{s.KeyPassword}}
	expired := time.Now().Add(-time.Hour)

	for _, tc := range []struct {
		securityCase
		want failureCheck
	}{
		{securityCase{name: "PLAIN/wrong password", conf: with(saslSSL, kafka.ConfigMap{"sasl.mechanism": "PLAIN", "sasl.username": s.User, "sasl.password": badPassword})}, auth},
		{securityCase{name: "SCRAM-SHA-256/wrong password", conf: with(saslSSL, kafka.ConfigMap{"sasl.mechanism": "SCRAM-SHA-256", "sasl.username": s.User, "sasl.password": badPassword})}, auth},
		{securityCase{name: "SCRAM-SHA-512/unknown user", conf: kafka.ConfigMap{"bootstrap.servers": s.SASLPlaintext, "security.protocol": "sasl_plaintext",
			"sasl.mechanism": "SCRAM-SHA-512", "sasl.username": "nobody-" + kafkatest.UniqueName(t, "u"), "sasl.password": badPassword}}, auth},
		{securityCase{name: "SSL/wrong CA", conf: kafka.ConfigMap{"bootstrap.servers": s.SSL, "security.protocol": "ssl", "ssl.ca.location": s.TLSFile("other-ca.crt")}}, sslErr},
		{securityCase{name: "SSL/hostname mismatch", conf: kafka.ConfigMap{"bootstrap.servers": s.BadHost, "security.protocol": "ssl", "ssl.ca.location": s.CAFile}}, sslErr},
		{securityCase{name: "mTLS/no client certificate", conf: mtls}, sslErr},
		{securityCase{name: "mTLS/expired client certificate", conf: with(mtls, kafka.ConfigMap{"ssl.certificate.location": s.TLSFile("client-expired.crt"), "ssl.key.location": s.ClientKey})}, sslErr},
		{securityCase{name: "mTLS/untrusted client certificate", conf: with(mtls, kafka.ConfigMap{"ssl.certificate.location": s.TLSFile("other-client.crt"), "ssl.key.location": s.TLSFile("other-client.key")})}, sslErr},
		{securityCase{name: "OAUTHBEARER/token rejected by the broker", token: func() kafka.OAuthBearerToken {
			// The broker checks the JWT's own exp claim, which says it
			// expired an hour ago; the expiration given to purekafka is
			// in the future, so only the broker can refuse it.
			return kafka.OAuthBearerToken{TokenValue: unsecuredJWT("app-user", expired), Expiration: time.Now().Add(time.Hour), Principal: "app-user"}
		}, conf: kafka.ConfigMap{"bootstrap.servers": s.SASLPlaintext, "security.protocol": "sasl_plaintext", "sasl.mechanism": "OAUTHBEARER"}},
			failureCheck{code: kafka.ErrAuthentication, secrets: []string{unsecuredJWT("app-user", expired)}}},
		{securityCase{name: "OIDC/wrong client secret", conf: with(oidcConf(te, "purekafka-client", badPassword),
			kafka.ConfigMap{"bootstrap.servers": s.SASLPlaintext, "security.protocol": "sasl_plaintext"})}, auth},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.HasPrefix(tc.name, "OAUTHBEARER") || strings.HasPrefix(tc.name, "OIDC") {
				if !s.OAuthBearer {
					t.Skip("the broker's SASL listeners do not enable OAUTHBEARER")
				}
			}
			expectFailure(t, tc.conf, tc.want, tc.token)
		})
	}
}

// TestSecurityGSSAPIRejected: Kerberos is not available, as in
// confluent-kafka-go's prebuilt Linux library, and construction says so.
func TestSecurityGSSAPIRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		conf kafka.ConfigMap
	}{
		{"explicit", kafka.ConfigMap{"security.protocol": "sasl_ssl", "sasl.mechanism": "GSSAPI"}},
		{"librdkafka's default mechanism", kafka.ConfigMap{"security.protocol": "sasl_plaintext"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := kafka.NewProducer(&tc.conf)
			require.Error(t, err)
			assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())
			assert.Contains(t, err.Error(), "No provider for SASL mechanism GSSAPI")
			cconf := with(tc.conf, kafka.ConfigMap{"group.id": "g"})
			_, err = kafka.NewConsumer(&cconf)
			require.Error(t, err)
			assert.Equal(t, kafka.ErrInvalidArg, err.(kafka.Error).Code())
		})
	}
}

// TestSecuritySetSaslCredentials: credentials changed at runtime are used
// by the next connections, on the real broker and on kfake.
func TestSecuritySetSaslCredentials(t *testing.T) {
	type target struct {
		conf             kafka.ConfigMap
		user, password   string
		createTopic      func(t *testing.T) string
		wantFailureCodes []kafka.ErrorCode
	}
	run := func(t *testing.T, tg target) {
		conf := with(tg.conf, kafka.ConfigMap{"sasl.username": tg.user, "sasl.password": "wrong-at-first"})
		p, err := kafka.NewProducer(&conf)
		require.NoError(t, err)
		defer p.Close()
		_, err = p.GetMetadata(nil, true, 3000)
		require.Error(t, err)
		assert.Contains(t, tg.wantFailureCodes, err.(kafka.Error).Code(), "%v", err)

		require.NoError(t, p.SetSaslCredentials(tg.user, tg.password))
		_, err = p.GetMetadata(nil, true, int(waitBound/time.Millisecond))
		require.NoError(t, err, "new connections use the new credentials")

		topic := tg.createTopic(t)
		roundTrip(t, with(tg.conf, kafka.ConfigMap{"sasl.username": tg.user, "sasl.password": tg.password}), topic, nil)
	}
	t.Run("kafka", func(t *testing.T) {
		s := kafkatest.Secure(t)
		run(t, target{
			conf: kafka.ConfigMap{"bootstrap.servers": s.SASLSSL, "security.protocol": "sasl_ssl", "ssl.ca.location": s.CAFile,
				"sasl.mechanism": "SCRAM-SHA-256"},
			user: s.User, password: s.Password,
			createTopic:      func(t *testing.T) string { return s.Cluster.CreateTopic(t, 1) },
			wantFailureCodes: []kafka.ErrorCode{kafka.ErrAuthentication},
		})
	})
	t.Run("kfake", func(t *testing.T) {
		c := newKfake(t, kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-512", "kfake-user", "kfake-password"))
		run(t, target{
			conf: kafka.ConfigMap{"bootstrap.servers": strings.Join(c.ListenAddrs(), ","), "security.protocol": "sasl_plaintext",
				"sasl.mechanism": "SCRAM-SHA-512"},
			user: "kfake-user", password: "kfake-password",
			createTopic: func(t *testing.T) string { return kafkatest.UniqueName(t, "t") },
			// kfake drops the connection on a wrong password instead of
			// answering SASL_AUTHENTICATION_FAILED as Kafka does, and
			// franz-go retries a dropped connection until the call's
			// timeout.
			wantFailureCodes: []kafka.ErrorCode{kafka.ErrAuthentication, kafka.ErrTransport, kafka.ErrTimedOut},
		})
	})
}

// TestSecurityScramUserLifecycle: a SCRAM user created through the
// AdminClient (itself connected over SASL_SSL) can authenticate and
// round-trip; once deleted, it is refused with ErrAuthentication.
func TestSecurityScramUserLifecycle(t *testing.T) {
	s := kafkatest.Secure(t)
	adminConf := kafka.ConfigMap{"bootstrap.servers": s.SASLSSL, "security.protocol": "sasl_ssl", "ssl.ca.location": s.CAFile,
		"sasl.mechanism": "SCRAM-SHA-512", "sasl.username": s.User, "sasl.password": s.Password}
	a, err := kafka.NewAdminClient(&adminConf)
	require.NoError(t, err)
	defer a.Close()

	user := kafkatest.UniqueName(t, "u")
	const password = "lifecycle-secret"
	up, err := a.AlterUserScramCredentials(ctx30(t), []kafka.UserScramCredentialUpsertion{{
		User: user, ScramCredentialInfo: kafka.ScramCredentialInfo{Mechanism: kafka.ScramMechanismSHA512, Iterations: 8192},
		Password: []byte(password), Salt: nil,
	}}, nil)
	require.NoError(t, err)
	require.Equal(t, kafka.ErrNoError, up.Errors[user].Code(), "%v", up.Errors[user])

	userConf := with(adminConf, kafka.ConfigMap{"sasl.username": user, "sasl.password": password})
	// The broker applies the credential asynchronously.
	require.Eventually(t, func() bool {
		p, err := kafka.NewProducer(&userConf)
		if err != nil {
			return false
		}
		defer p.Close()
		_, err = p.GetMetadata(nil, true, 5000)
		return err == nil
	}, waitBound, 200*time.Millisecond, "the new user can authenticate")
	desc, err := a.DescribeUserScramCredentials(ctx30(t), []string{user})
	require.NoError(t, err)
	require.Equal(t, []kafka.ScramCredentialInfo{{Mechanism: kafka.ScramMechanismSHA512, Iterations: 8192}}, desc.Descriptions[user].ScramCredentialInfos)
	roundTrip(t, userConf, s.Cluster.CreateTopic(t, 1), nil)

	del, err := a.AlterUserScramCredentials(ctx30(t), nil, []kafka.UserScramCredentialDeletion{{User: user, Mechanism: kafka.ScramMechanismSHA512}})
	require.NoError(t, err)
	require.Equal(t, kafka.ErrNoError, del.Errors[user].Code(), "%v", del.Errors[user])
	require.Eventually(t, func() bool {
		p, err := kafka.NewProducer(&userConf)
		if err != nil {
			return false
		}
		defer p.Close()
		_, err = p.GetMetadata(nil, true, 5000)
		return err != nil && err.(kafka.Error).Code() == kafka.ErrAuthentication
	}, waitBound, 200*time.Millisecond, "the deleted user is refused with ErrAuthentication")
}

// TestSecurityKfake: the same round trips and refusals against kfake,
// which needs no broker set-up: TLS and mTLS with certificates made here,
// PLAIN and SCRAM with kfake's SASL, and OAUTHBEARER (which kfake does not
// implement) with kfake answering authentication through a control hook.
func TestSecurityKfake(t *testing.T) {
	pki := newTestPKI(t)
	serverCert, _, _ := pki.issue(t, "server", certOpts{cn: "localhost", hosts: []string{"127.0.0.1", "localhost"}})
	expiredCert, _, _ := pki.issue(t, "expired", certOpts{cn: "localhost", hosts: []string{"127.0.0.1"},
		notBefore: time.Now().Add(-48 * time.Hour), notAfter: time.Now().Add(-24 * time.Hour)})
	wrongHostCert, _, _ := pki.issue(t, "wronghost", certOpts{cn: "wrong-host.invalid", hosts: []string{"wrong-host.invalid"}})
	_, clientCrt, clientKey := pki.issue(t, "client", certOpts{cn: "client", client: true})
	tlsCluster := func(t *testing.T, cert tls.Certificate, requireClient bool) string {
		cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		if requireClient {
			cfg.ClientAuth, cfg.ClientCAs = tls.RequireAndVerifyClientCert, pki.pool()
		}
		return strings.Join(newKfake(t, kfake.TLS(cfg)).ListenAddrs(), ",")
	}
	ssl := func(bootstrap string, extra kafka.ConfigMap) kafka.ConfigMap {
		return with(kafka.ConfigMap{"bootstrap.servers": bootstrap, "security.protocol": "ssl", "ssl.ca.location": pki.caFile}, extra)
	}

	t.Run("SSL", func(t *testing.T) {
		roundTrip(t, ssl(tlsCluster(t, serverCert, false), nil), kafkatest.UniqueName(t, "t"), nil)
	})
	t.Run("SSL/hostname verification off", func(t *testing.T) {
		roundTrip(t, ssl(tlsCluster(t, wrongHostCert, false), kafka.ConfigMap{"ssl.endpoint.identification.algorithm": "none"}), kafkatest.UniqueName(t, "t"), nil)
	})
	t.Run("mTLS", func(t *testing.T) {
		roundTrip(t, ssl(tlsCluster(t, serverCert, true), kafka.ConfigMap{"ssl.certificate.location": clientCrt, "ssl.key.location": clientKey}),
			kafkatest.UniqueName(t, "t"), nil)
	})
	for _, tc := range []struct {
		name string
		conf func(t *testing.T) kafka.ConfigMap
	}{
		{"SSL/expired server certificate", func(t *testing.T) kafka.ConfigMap { return ssl(tlsCluster(t, expiredCert, false), nil) }},
		{"SSL/hostname mismatch", func(t *testing.T) kafka.ConfigMap { return ssl(tlsCluster(t, wrongHostCert, false), nil) }},
		{"SSL/wrong CA", func(t *testing.T) kafka.ConfigMap {
			other := newTestPKI(t)
			return ssl(tlsCluster(t, serverCert, false), kafka.ConfigMap{"ssl.ca.location": other.caFile})
		}},
		{"mTLS/no client certificate", func(t *testing.T) kafka.ConfigMap { return ssl(tlsCluster(t, serverCert, true), nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expectFailure(t, tc.conf(t), failureCheck{code: kafka.ErrSsl}, nil)
		})
	}

	for _, mech := range []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"} {
		t.Run(mech, func(t *testing.T) {
			c := newKfake(t, kfake.EnableSASL(), kfake.Superuser(mech, "kfake-user", "kfake-password"))
			roundTrip(t, kafka.ConfigMap{"bootstrap.servers": strings.Join(c.ListenAddrs(), ","), "security.protocol": "sasl_plaintext",
				"sasl.mechanism": mech, "sasl.username": "kfake-user", "sasl.password": "kfake-password"}, kafkatest.UniqueName(t, "t"), nil).
				assertNoSecret(t, "kfake-password")
		})
	}

	oauthCluster := func(t *testing.T, check func(string, map[string]string) string) (*oauthOnKfake, kafka.ConfigMap) {
		c := newKfake(t)
		o := &oauthOnKfake{check: check}
		o.install(c)
		return o, kafka.ConfigMap{"bootstrap.servers": strings.Join(c.ListenAddrs(), ","), "security.protocol": "sasl_plaintext", "sasl.mechanism": "OAUTHBEARER"}
	}
	acceptAll := func(string, map[string]string) string { return "" }
	t.Run("OAUTHBEARER/application token", func(t *testing.T) {
		o, conf := oauthCluster(t, acceptAll)
		n := 0
		token := func() kafka.OAuthBearerToken {
			n++
			return kafka.OAuthBearerToken{TokenValue: fmt.Sprintf("app-token-%d", n), Expiration: time.Now().Add(time.Hour),
				Principal: "app", Extensions: map[string]string{"traceId": "t1"}}
		}
		roundTrip(t, with(conf, kafka.ConfigMap{"sasl.oauthbearer.config": "app config"}), kafkatest.UniqueName(t, "t"), token).
			assertNoSecret(t, "app-token-")
		tokens, exts := o.seen()
		require.NotEmpty(t, tokens)
		for i, tok := range tokens {
			assert.True(t, strings.HasPrefix(tok, "app-token-"), tok)
			assert.Equal(t, map[string]string{"traceId": "t1"}, exts[i])
		}
	})
	t.Run("OAUTHBEARER/unsecure JWT", func(t *testing.T) {
		o, conf := oauthCluster(t, acceptAll)
		roundTrip(t, with(conf, kafka.ConfigMap{"enable.sasl.oauthbearer.unsecure.jwt": true, "sasl.oauthbearer.config": "principal=jwt-user extension_traceId=t2"}),
			kafkatest.UniqueName(t, "t"), nil)
		tokens, exts := o.seen()
		require.NotEmpty(t, tokens)
		assert.True(t, strings.HasPrefix(tokens[0], "eyJhbGciOiJub25lIn0."), "an unsecured JWS: %s", tokens[0])
		assert.Equal(t, map[string]string{"traceId": "t2"}, exts[0])
	})
	t.Run("OIDC/client credentials", func(t *testing.T) {
		o, conf := oauthCluster(t, acceptAll)
		te := newTokenEndpoint(t, "kfake-client", "kfake-oidc-secret", "oidc-user")
		roundTrip(t, with(conf, oidcConf(te, "kfake-client", "kfake-oidc-secret")), kafkatest.UniqueName(t, "t"), nil).
			assertNoSecret(t, "kfake-oidc-secret")
		tokens, _ := o.seen()
		require.NotEmpty(t, tokens)
		assert.Positive(t, te.count())
	})
	t.Run("OAUTHBEARER/token rejected", func(t *testing.T) {
		_, conf := oauthCluster(t, func(string, map[string]string) string { return `{"status":"invalid_token"}` })
		expectFailure(t, conf, failureCheck{code: kafka.ErrAuthentication, secrets: []string{"rejected-token"}}, func() kafka.OAuthBearerToken {
			return kafka.OAuthBearerToken{TokenValue: "rejected-token", Expiration: time.Now().Add(time.Hour)}
		})
	})
	t.Run("OAUTHBEARER/token refresh failure", func(t *testing.T) {
		_, conf := oauthCluster(t, acceptAll)
		p, err := kafka.NewProducer(&conf)
		require.NoError(t, err)
		defer p.Close()
		ev := nextEvent(t, p.Events())
		require.IsType(t, kafka.OAuthBearerTokenRefresh{}, ev)
		require.NoError(t, p.SetOAuthBearerTokenFailure("identity provider unreachable"))
		ev = nextEvent(t, p.Events())
		require.IsType(t, kafka.Error{}, ev)
		assert.Equal(t, kafka.ErrAuthentication, ev.(kafka.Error).Code())
		assert.Contains(t, ev.(kafka.Error).Error(), "identity provider unreachable")
		_, err = p.GetMetadata(nil, true, int(failBound/time.Millisecond))
		require.Error(t, err)
		assert.Equal(t, kafka.ErrAuthentication, err.(kafka.Error).Code(), "%v", err)
	})
}
