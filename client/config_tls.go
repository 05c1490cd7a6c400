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
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
	"github.com/youmark/pkcs8"
	"software.sslmate.com/src/go-pkcs12"
)

// SASLCredentials holds the PLAIN/SCRAM user name and password the kgo.SASL
// option in Config.Opts reads at every authentication, so that the handle's
// SetSaslCredentials can change them for future connections, as librdkafka
// does.
type SASLCredentials struct {
	mu             sync.RWMutex
	user, password string
}

// Set replaces the credentials used by new connections.
func (s *SASLCredentials) Set(user, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.password = user, password
}

// Get returns the current credentials.
func (s *SASLCredentials) Get() (user, password string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.user, s.password
}

// buildNetwork returns the dialer (TCP options, TLS) and SASL options.
func (c *Config) buildNetwork() ([]kgo.Opt, error) {
	st := c.st
	if st.usesTLS() {
		tc, err := c.buildTLS()
		if err != nil {
			return nil, err
		}
		c.TLSConfig = tc
	}
	timeout := st.ms("socket.connection.setup.timeout.ms")
	opts := []kgo.Opt{
		kgo.DialTimeout(timeout), // informational: the dialer below applies it
		kgo.Dialer(newDialer(dialSettings{
			timeout:   timeout,
			keepAlive: st.boolean("socket.keepalive.enable"),
			noDelay:   st.boolean("socket.nagle.disable"),
			family:    st.str("broker.address.family"),
			tls:       c.TLSConfig,
		})),
	}
	if c.SASLMechanism == "" {
		return opts, nil
	}
	if c.SASLMechanism == "OAUTHBEARER" {
		source, err := oauthTokenSource(c.OAuthBearer)
		if err != nil {
			return nil, err
		}
		c.oauth = newOAuthBearer(c.OAuthBearer, source, timeout)
		return append(opts, c.oauth.mechanism()), nil
	}
	c.SASL = &SASLCredentials{user: st.str("sasl.username"), password: st.str("sasl.password")}
	creds := c.SASL
	switch c.SASLMechanism {
	case "PLAIN":
		opts = append(opts, kgo.SASL(plain.Plain(func(context.Context) (plain.Auth, error) {
			u, p := creds.Get()
			return plain.Auth{User: u, Pass: p}, nil
		})))
	case "SCRAM-SHA-256", "SCRAM-SHA-512":
		fn := func(context.Context) (scram.Auth, error) {
			u, p := creds.Get()
			return scram.Auth{User: u, Pass: p}, nil
		}
		if c.SASLMechanism == "SCRAM-SHA-256" {
			opts = append(opts, kgo.SASL(scram.Sha256(fn)))
		} else {
			opts = append(opts, kgo.SASL(scram.Sha512(fn)))
		}
	}
	return opts, nil
}

// dialSettings are the socket.* properties the dialer honours.
type dialSettings struct {
	timeout   time.Duration
	keepAlive bool
	noDelay   bool
	family    string
	tls       *tls.Config
}

// newDialer returns a kgo dial function. The whole set-up, TLS handshake
// included, is bounded by socket.connection.setup.timeout.ms, as in
// librdkafka.
func newDialer(s dialSettings) func(context.Context, string, string) (net.Conn, error) {
	return func(ctx context.Context, network, host string) (net.Conn, error) {
		ctx, cancel := context.WithTimeout(ctx, s.timeout)
		defer cancel()
		switch s.family {
		case "v4":
			network = "tcp4"
		case "v6":
			network = "tcp6"
		}
		d := net.Dialer{KeepAlive: -1} // librdkafka leaves SO_KEEPALIVE off by default
		if s.keepAlive {
			d.KeepAlive = 0 // Go's default keep-alive period
		}
		conn, err := d.DialContext(ctx, network, host)
		if err != nil {
			return nil, err
		}
		if tcp, ok := conn.(*net.TCPConn); ok && !s.noDelay {
			_ = tcp.SetNoDelay(false) // best effort, like setsockopt in librdkafka
		}
		if s.tls == nil {
			return conn, nil
		}
		cfg := s.tls.Clone()
		if cfg.ServerName == "" {
			if h, _, err := net.SplitHostPort(host); err == nil {
				cfg.ServerName = h
			}
		}
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			_ = conn.Close()
			return nil, err
		}
		return alertConn{tc}, nil
	}
}

// alertConn is a TLS connection whose alerts from the broker surface as a
// *tlsAlertError instead of crypto/tls's *net.OpError. A broker refusing
// the client certificate (missing, expired, untrusted) sends its alert
// after a TLS 1.3 handshake has completed on the client's side, so franz-go
// meets it on its first read. Seeing a *net.OpError there, franz-go would
// take it for a network failure of that one broker and try the next until
// the call's timeout; as a distinct error it fails the call at once, as a
// failed handshake does, and ErrorFromKgo reports ErrSsl.
type alertConn struct{ *tls.Conn }

// Read implements net.Conn.
func (c alertConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if oe, ok := errors.AsType[*net.OpError](err); ok && oe.Op == "remote error" {
		err = &tlsAlertError{text: oe.Error()}
	}
	return n, err
}

// tlsAlertError is a TLS alert received from the broker. It deliberately
// does not unwrap to the *net.OpError it replaces; see alertConn.
type tlsAlertError struct{ text string }

func (e *tlsAlertError) Error() string { return e.text }

// notSupported is the error for a property purekafka cannot honour, in the
// form librdkafka uses for features missing from a build.
func notSupported(p string) error {
	return Errorf(ErrInvalidArg, "Configuration property \"%s\" not supported in this build: %s", p, globalIndex.lookup(p).note)
}

// buildTLS builds the TLS client configuration from the ssl.* properties.
func (c *Config) buildTLS() (*tls.Config, error) {
	st := c.st
	for _, p := range []string{"ssl.engine.location", "ssl.crl.location"} {
		if st.str(p) != "" {
			return nil, notSupported(p)
		}
	}
	cfg := &tls.Config{}
	if s := st.str("ssl.cipher.suites"); s != "" {
		suites, err := parseCipherSuites(s)
		if err != nil {
			return nil, err
		}
		cfg.CipherSuites = suites
	}
	if s := st.str("ssl.curves.list"); s != "" {
		curves, err := parseCurves(s)
		if err != nil {
			return nil, err
		}
		cfg.CurvePreferences = curves
	}
	roots, err := loadRoots(st.str("ssl.ca.location"), st.str("ssl.ca.pem"))
	if err != nil {
		return nil, err
	}
	cfg.RootCAs = roots
	cert, err := loadClientCert(st)
	if err != nil {
		return nil, err
	}
	if loc := st.str("ssl.keystore.location"); loc != "" {
		// librdkafka loads the keystore after the PEM certificate and key,
		// so it wins when both are configured.
		if cert, err = loadKeystore(loc, st.str("ssl.keystore.password")); err != nil {
			return nil, err
		}
	}
	if cert != nil {
		cfg.Certificates = []tls.Certificate{*cert}
	}
	switch {
	case !st.boolean("enable.ssl.certificate.verification"):
		cfg.InsecureSkipVerify = true
	case st.str("ssl.endpoint.identification.algorithm") == "none":
		// Verify the chain but not the host name: crypto/tls can only do
		// that by skipping its own check and verifying by hand.
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("broker presented no certificate")
			}
			opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool()}
			for _, ic := range cs.PeerCertificates[1:] {
				opts.Intermediates.AddCert(ic)
			}
			_, err := cs.PeerCertificates[0].Verify(opts)
			return err
		}
	}
	return cfg, nil
}

// loadRoots returns the CA pool from ssl.ca.location (a file, a directory
// of PEM files, or "probe") and ssl.ca.pem, or nil for the system pool.
func loadRoots(location, pemText string) (*x509.CertPool, error) {
	if (location == "" || location == "probe") && pemText == "" {
		return nil, nil
	}
	pool := x509.NewCertPool()
	if location != "" && location != "probe" {
		files := []string{location}
		if fi, err := os.Stat(location); err == nil && fi.IsDir() {
			entries, err := os.ReadDir(location)
			if err != nil {
				return nil, Errorf(ErrInvalidArg, "ssl.ca.location failed: %v", err)
			}
			files = files[:0]
			for _, e := range entries {
				if !e.IsDir() {
					files = append(files, filepath.Join(location, e.Name()))
				}
			}
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, Errorf(ErrInvalidArg, "ssl.ca.location failed: %v", err)
			}
			pool.AppendCertsFromPEM(b)
		}
	}
	if pemText != "" && !pool.AppendCertsFromPEM([]byte(pemText)) {
		return nil, NewError(ErrInvalidArg, "failed to read certificate #0 from ssl.ca.pem: not in PEM format?", false)
	}
	return pool, nil
}

// loadClientCert builds the client certificate from ssl.certificate.* and
// ssl.key.*; nil when neither is configured.
func loadClientCert(st *confState) (*tls.Certificate, error) {
	certPEM, err := readPEMProperty(st, "ssl.certificate.location", "ssl.certificate.pem")
	if err != nil {
		return nil, err
	}
	keyPEM, err := readPEMProperty(st, "ssl.key.location", "ssl.key.pem")
	if err != nil {
		return nil, err
	}
	if certPEM == nil && keyPEM == nil {
		return nil, nil
	}
	keyProp := "ssl.key.location"
	if st.str(keyProp) == "" {
		keyProp = "ssl.key.pem"
	}
	if keyPEM == nil {
		return nil, nil // a certificate alone is loaded but never offered
	}
	if block, _ := pem.Decode(keyPEM); block == nil || !strings.Contains(block.Type, "PRIVATE KEY") {
		return nil, Errorf(ErrInvalidArg, "%s failed: not in PEM format?", keyProp)
	}
	if certPEM == nil {
		return nil, NewError(ErrInvalidArg, "Private key check failed: no certificate assigned", false)
	}
	if keyPEM, err = decryptKeyPEM(keyPEM, st.str("ssl.key.password")); err != nil {
		return nil, Errorf(ErrInvalidArg, "%s failed: %v", keyProp, err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, Errorf(ErrInvalidArg, "%s failed: %v", keyProp, err)
	}
	return &cert, nil
}

// readPEMProperty reads a PEM file property or its inline PEM twin.
func readPEMProperty(st *confState, location, inline string) ([]byte, error) {
	if loc := st.str(location); loc != "" {
		b, err := os.ReadFile(loc)
		if err != nil {
			return nil, Errorf(ErrInvalidArg, "%s failed: %v", location, err)
		}
		return b, nil
	}
	if s := st.str(inline); s != "" {
		return []byte(s), nil
	}
	return nil, nil
}

// decryptKeyPEM returns keyPEM with every encrypted private key decrypted
// with password (ssl.key.password): legacy RFC 1423 PEM encryption
// ("Proc-Type: 4,ENCRYPTED", OpenSSL's -traditional output) through
// crypto/x509, and encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY", OpenSSL 3's
// default, PBES2 with PBKDF2 or scrypt) through github.com/youmark/pkcs8,
// since the standard library cannot read it. Unencrypted blocks pass through
// unchanged, so a password given for a plain key is harmless, as in
// librdkafka.
func decryptKeyPEM(keyPEM []byte, password string) ([]byte, error) {
	var out []byte
	for rest := keyPEM; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		//lint:ignore SA1019 legacy PEM encryption is what ssl.key.password unlocks
		legacy := x509.IsEncryptedPEMBlock(block) //nolint:staticcheck // see above
		if (legacy || block.Type == "ENCRYPTED PRIVATE KEY") && password == "" {
			return nil, errors.New("the private key is encrypted but ssl.key.password is not set")
		}
		switch {
		case legacy:
			der, err := x509.DecryptPEMBlock(block, []byte(password)) //nolint:staticcheck // see above
			if err != nil {
				return nil, fmt.Errorf("cannot decrypt the private key with ssl.key.password: %w", err)
			}
			block = &pem.Block{Type: block.Type, Bytes: der}
		case block.Type == "ENCRYPTED PRIVATE KEY":
			key, err := pkcs8.ParsePKCS8PrivateKey(block.Bytes, []byte(password))
			if err != nil {
				return nil, fmt.Errorf("cannot decrypt the PKCS#8 private key with ssl.key.password: %w", err)
			}
			der, err := x509.MarshalPKCS8PrivateKey(key)
			if err != nil {
				return nil, err
			}
			block = &pem.Block{Type: "PRIVATE KEY", Bytes: der}
		}
		out = append(out, pem.EncodeToMemory(block)...)
	}
	return out, nil
}

// loadKeystore reads a PKCS#12 keystore (ssl.keystore.location, unlocked
// with ssl.keystore.password) into the client certificate: its private
// key, its certificate and any further certificates, which are sent as the
// chain, as librdkafka adds them to the TLS context as extra chain
// certificates. Both modern (AES, PBKDF2, SHA-256 MAC) and legacy (3DES,
// RC2, SHA-1) keystores are read, by software.sslmate.com/src/go-pkcs12.
func loadKeystore(location, password string) (*tls.Certificate, error) {
	data, err := os.ReadFile(location)
	if err != nil {
		return nil, Errorf(ErrInvalidArg, "ssl.keystore.location failed: %v", err)
	}
	key, leaf, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		return nil, Errorf(ErrInvalidArg, "ssl.keystore.location failed: cannot read PKCS#12 keystore %s: %v", location, err)
	}
	cert := &tls.Certificate{PrivateKey: key, Leaf: leaf, Certificate: [][]byte{leaf.Raw}}
	for _, c := range chain {
		cert.Certificate = append(cert.Certificate, c.Raw)
	}
	return cert, nil
}

// opensslCiphers maps OpenSSL cipher names to the TLS 1.2 suites crypto/tls
// implements (TLS 1.3 suites are not configurable in Go).
var opensslCiphers = map[string]uint16{
	"ECDHE-ECDSA-AES128-GCM-SHA256": tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	"ECDHE-RSA-AES128-GCM-SHA256":   tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	"ECDHE-ECDSA-AES256-GCM-SHA384": tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	"ECDHE-RSA-AES256-GCM-SHA384":   tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	"ECDHE-ECDSA-CHACHA20-POLY1305": tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	"ECDHE-RSA-CHACHA20-POLY1305":   tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	"ECDHE-ECDSA-AES128-SHA":        tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
	"ECDHE-RSA-AES128-SHA":          tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
	"ECDHE-ECDSA-AES256-SHA":        tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
	"ECDHE-RSA-AES256-SHA":          tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
	"ECDHE-ECDSA-AES128-SHA256":     tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
	"ECDHE-RSA-AES128-SHA256":       tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
	"AES128-GCM-SHA256":             tls.TLS_RSA_WITH_AES_128_GCM_SHA256,
	"AES256-GCM-SHA384":             tls.TLS_RSA_WITH_AES_256_GCM_SHA384,
	"AES128-SHA":                    tls.TLS_RSA_WITH_AES_128_CBC_SHA,
	"AES256-SHA":                    tls.TLS_RSA_WITH_AES_256_CBC_SHA,
	"AES128-SHA256":                 tls.TLS_RSA_WITH_AES_128_CBC_SHA256,
	"DES-CBC3-SHA":                  tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
	"ECDHE-RSA-DES-CBC3-SHA":        tls.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
}

// parseCipherSuites maps an OpenSSL cipher list; keywords and unknown names
// are skipped like OpenSSL skips them, but at least one must match.
func parseCipherSuites(s string) ([]uint16, error) {
	var out []uint16
	for _, name := range strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ',' || r == ' ' }) {
		if id, ok := opensslCiphers[strings.TrimLeft(name, "+")]; ok {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return nil, NewError(ErrInvalidArg, "ssl.cipher.suites failed: no cipher match (purekafka supports the TLS 1.2 suites implemented by crypto/tls)", false)
	}
	return out, nil
}

// parseCurves maps an OpenSSL curves list to crypto/tls curve IDs.
func parseCurves(s string) ([]tls.CurveID, error) {
	var out []tls.CurveID
	for _, name := range strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ',' }) {
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "p-256", "prime256v1", "secp256r1":
			out = append(out, tls.CurveP256)
		case "p-384", "secp384r1":
			out = append(out, tls.CurveP384)
		case "p-521", "secp521r1":
			out = append(out, tls.CurveP521)
		case "x25519":
			out = append(out, tls.X25519)
		case "x25519mlkem768":
			out = append(out, tls.X25519MLKEM768)
		default:
			return nil, Errorf(ErrInvalidArg, "ssl.curves.list failed: group '%s' cannot be set", name)
		}
	}
	return out, nil
}

// parseBootstrapServers splits a broker list like librdkafka: entries
// separated by commas or spaces, an optional "proto://" prefix dropped,
// IPv6 in brackets, and port 9092 when none is given.
func parseBootstrapServers(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if i := strings.Index(f, "://"); i >= 0 {
			f = f[i+3:]
		}
		host, port := f, "9092"
		switch {
		case strings.HasPrefix(f, "["):
			if j := strings.Index(f, "]"); j >= 0 {
				host = f[:j+1]
				if rest := f[j+1:]; strings.HasPrefix(rest, ":") && len(rest) > 1 {
					port = rest[1:]
				}
			}
		case strings.Count(f, ":") == 1:
			host, port, _ = strings.Cut(f, ":")
			if port == "" {
				port = "9092"
			}
		case strings.Count(f, ":") > 1:
			host = "[" + f + "]" // bare IPv6 address
		}
		if host == "" {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%s", host, port))
	}
	return out
}
