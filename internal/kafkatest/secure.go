package kafkatest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
)

// SecureBroker is the real broker's secured listeners, as exported by
// `kafka.sh env` for a broker started with KAFKA_SECURITY=1 (see
// internal/testenv/kafka.sh for how each listener is set up).
type SecureBroker struct {
	// Cluster is the same broker's PLAINTEXT listener, for test set-up
	// (creating topics) that is not under test.
	Cluster *Cluster

	SASLPlaintext string // SASL_PLAINTEXT: PLAIN, SCRAM-SHA-256/512, OAUTHBEARER (unsecured JWT)
	SSL           string // SSL, client certificate optional
	SASLSSL       string // SASL_SSL: the SASL_PLAINTEXT mechanisms over TLS
	MTLS          string // SSL, client certificate required
	BadHost       string // SSL with a valid certificate for another host name

	CAFile     string // the CA that signed every broker and client certificate
	ClientCert string // client certificate (CN=client) and its unencrypted PKCS#8 key
	ClientKey  string
	// TLSDir holds the other client key forms and certificates: see
	// TLSFile.
	TLSDir string
	// KeyPassword encrypts client-legacy-enc.key, client-pkcs8-enc.key,
	// client.p12 and client-3des.p12.
	KeyPassword string

	User, Password string // a PLAIN and SCRAM user (SCRAM for both hashes)
	// OAuthBearer reports whether the SASL listeners accept OAUTHBEARER
	// tokens checked by Kafka's unsecured-JWT validator.
	OAuthBearer bool
}

// secureHint tells a developer how to get the secured-broker tests to run.
const secureHint = "secured Kafka broker not configured (KAFKA_SASL_SSL_BOOTSTRAP unset): run `make test-security`, or " +
	"`KAFKA_DIR=/tmp/ksec KAFKA_PORT_BASE=28092 KAFKA_SECURITY=1 internal/testenv/kafka.sh up` and eval its `env` output"

// Secure returns the secured broker from the environment, skipping the test
// with instructions when it is not configured.
func Secure(t testing.TB) *SecureBroker {
	t.Helper()
	env := func(k string) string { return strings.TrimSpace(os.Getenv(k)) }
	if env("KAFKA_SASL_SSL_BOOTSTRAP") == "" {
		t.Skip(secureHint)
	}
	s := &SecureBroker{
		SASLPlaintext: env("KAFKA_SASL_PLAINTEXT_BOOTSTRAP"),
		SSL:           env("KAFKA_SSL_BOOTSTRAP"),
		SASLSSL:       env("KAFKA_SASL_SSL_BOOTSTRAP"),
		MTLS:          env("KAFKA_MTLS_BOOTSTRAP"),
		BadHost:       env("KAFKA_SSL_BADHOST_BOOTSTRAP"),
		CAFile:        env("KAFKA_CA_FILE"),
		ClientCert:    env("KAFKA_CLIENT_CERT"),
		ClientKey:     env("KAFKA_CLIENT_KEY"),
		TLSDir:        env("KAFKA_TLS_DIR"),
		KeyPassword:   env("KAFKA_CLIENT_KEY_PASSWORD"),
		User:          env("KAFKA_SASL_USER"),
		Password:      env("KAFKA_SASL_PASSWORD"),
		OAuthBearer:   env("KAFKA_SASL_OAUTHBEARER") != "",
	}
	if c, ok := Real(); ok {
		s.Cluster = c
	}
	for name, v := range map[string]string{
		"KAFKA_BOOTSTRAP": s.bootstrap(), "KAFKA_SASL_PLAINTEXT_BOOTSTRAP": s.SASLPlaintext, "KAFKA_SSL_BOOTSTRAP": s.SSL,
		"KAFKA_MTLS_BOOTSTRAP": s.MTLS, "KAFKA_SSL_BADHOST_BOOTSTRAP": s.BadHost, "KAFKA_CA_FILE": s.CAFile,
		"KAFKA_TLS_DIR": s.TLSDir, "KAFKA_SASL_USER": s.User,
	} {
		if v == "" {
			t.Fatalf("%s is unset: the environment comes from an older kafka.sh; re-run `kafka.sh up` with KAFKA_SECURITY=1 and eval its env", name)
		}
	}
	s.checkScramUser(t)
	return s
}

// checkScramUser fails the test, saying why, unless the broker answers on
// its PLAINTEXT listener and the SASL user has credentials for both SCRAM
// mechanisms. kafka.sh creates them when it formats the broker (one
// --add-scram per user and mechanism), so they are in the metadata the
// broker loads before it opens its listeners and nothing is altered here.
// A broker that is not running, or whose data was formatted without them,
// is a set-up error to report at once, not something to retry for every
// test.
func (s *SecureBroker) checkScramUser(t testing.TB) {
	t.Helper()
	if s.Cluster == nil || s.Password == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	described, err := s.Cluster.Admin(t).DescribeUserSCRAMs(ctx, s.User)
	if err != nil {
		t.Fatalf("the secured broker does not answer on %s: %v; is it running? `make test-security` starts it "+
			"(its log: $KAFKA_DIR/run/node1/logs/server.log)", s.Cluster.Bootstrap, err)
	}
	d := described[s.User]
	have := map[kadm.ScramMechanism]bool{}
	for _, ci := range d.CredInfos {
		have[ci.Mechanism] = true
	}
	if d.Err != nil || !have[kadm.ScramSha256] || !have[kadm.ScramSha512] {
		t.Fatalf("SASL user %s has SCRAM credentials %v (error %v), want SCRAM-SHA-256 and SCRAM-SHA-512: "+
			"the broker was formatted without them; re-create it with `kafka.sh clean` and `make test-security`",
			s.User, d.CredInfos, d.Err)
	}
}

func (s *SecureBroker) bootstrap() string {
	if s.Cluster == nil {
		return ""
	}
	return s.Cluster.Bootstrap
}

// TLSFile returns the path of a file in TLSDir: client-legacy-enc.key,
// client-pkcs8-enc.key, client.p12, client-3des.p12, client-expired.crt
// (the client certificate, expired), other-client.crt / other-client.key
// (signed by other-ca.crt, which the broker does not trust).
func (s *SecureBroker) TLSFile(name string) string { return filepath.Join(s.TLSDir, name) }
