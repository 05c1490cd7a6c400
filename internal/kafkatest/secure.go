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
	"`KAFKA_DIR=/tmp/ksec KAFKA_PORT_BASE=49092 KAFKA_SECURITY=1 internal/testenv/kafka.sh up` and eval its `env` output"

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
	s.ensureScramUser(t)
	return s
}

// ensureScramUser makes sure the SASL user has credentials for both SCRAM
// mechanisms. Kafka 4.4's storage format keeps only the first --add-scram
// of a user, so the broker script's SCRAM-SHA-512 credential may be missing;
// upserting over the PLAINTEXT listener is idempotent.
func (s *SecureBroker) ensureScramUser(t testing.TB) {
	t.Helper()
	if s.Cluster == nil || s.Password == "" {
		return
	}
	adm := s.Cluster.Admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	want := []kadm.ScramMechanism{kadm.ScramSha256, kadm.ScramSha512}
	for {
		described, err := adm.DescribeUserSCRAMs(ctx, s.User)
		if err == nil {
			have := map[kadm.ScramMechanism]bool{}
			for _, ci := range described[s.User].CredInfos {
				have[ci.Mechanism] = true
			}
			var up []kadm.UpsertSCRAM
			for _, m := range want {
				if !have[m] {
					up = append(up, kadm.UpsertSCRAM{User: s.User, Mechanism: m, Iterations: 8192, Password: s.Password})
				}
			}
			if len(up) == 0 {
				return
			}
			_, err = adm.AlterUserSCRAMs(ctx, nil, up)
		}
		if ctx.Err() != nil {
			t.Fatalf("SCRAM credentials for %s: %v", s.User, err)
		}
		time.Sleep(100 * time.Millisecond)
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
