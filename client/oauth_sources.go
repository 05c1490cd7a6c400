package client

import (
	"cmp"
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// oauthTokenSource picks the built-in token source the configuration asks
// for: the unsecured JWT builder, the OIDC client-credentials flow, or none
// (nil: the application answers OAuthBearerTokenRefresh events).
func oauthTokenSource(conf OAuthBearerConfig) (tokenSource, error) {
	switch {
	case conf.UnsecureJWT:
		// A bad sasl.oauthbearer.config is reported by the first refresh,
		// as an ErrAuthentication event, where librdkafka reports it too.
		return func(context.Context) (OAuthBearerToken, error) {
			return unsecuredJWT(conf.Config, time.Now())
		}, nil
	case conf.Method == "oidc":
		return oidcSource(conf)
	}
	return nil, nil
}

// unsecuredJWT builds the unsigned token enable.sasl.oauthbearer.unsecure.jwt
// asks for, from sasl.oauthbearer.config: space-separated name=value pairs
// principal (required), principalClaimName (sub), scope (comma-separated),
// scopeClaimName (scope), lifeSeconds (3600) and extension_<key>. The token
// is a JWS with {"alg":"none"} and an empty signature (RFC 7515 appendix
// A.5), which Kafka's built-in unsecured validator accepts. It is meant for
// development and tests only.
func unsecuredJWT(config string, now time.Time) (OAuthBearerToken, error) {
	fail := func(format string, args ...any) (OAuthBearerToken, error) {
		return OAuthBearerToken{}, fmt.Errorf("invalid sasl.oauthbearer.config: "+format, args...)
	}
	if strings.TrimSpace(config) == "" {
		return fail("empty; it needs at least principal=<name>")
	}
	fields := map[string]string{}
	ext := map[string]string{}
	for _, f := range strings.Fields(config) {
		name, value, ok := strings.Cut(f, "=")
		if !ok {
			return fail("%q is not name=value", f)
		}
		if value == "" {
			return fail("%q has an empty value", name)
		}
		if key, isExt := strings.CutPrefix(name, "extension_"); isExt {
			if key == "" {
				return fail("extension_ needs a key name")
			}
			if err := validateOAuthBearerExtension(key, value); err != nil {
				return OAuthBearerToken{}, err
			}
			ext[key] = value
			continue
		}
		switch name {
		case "principal", "principalClaimName", "scope", "scopeClaimName", "lifeSeconds":
		default:
			return fail("unknown name %q", name)
		}
		if _, dup := fields[name]; dup {
			return fail("%q given more than once", name)
		}
		fields[name] = value
	}
	principal := fields["principal"]
	if principal == "" {
		return fail("principal=<name> is required")
	}
	life := 3600
	if s, ok := fields["lifeSeconds"]; ok {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return fail("lifeSeconds must be a positive integer, not %q", s)
		}
		life = n
	}
	principalClaim := cmp.Or(fields["principalClaimName"], "sub")
	scopeClaim := cmp.Or(fields["scopeClaimName"], "scope")
	var scopes []string
	seen := map[string]bool{}
	for _, s := range strings.Split(fields["scope"], ",") {
		if s != "" && !seen[s] {
			seen[s] = true
			scopes = append(scopes, s)
		}
	}

	// Claims are written by hand to keep their order and the
	// millisecond-precision numeric dates; names and values go through
	// encoding/json for escaping.
	exp := now.Add(time.Duration(life) * time.Second)
	var b strings.Builder
	b.WriteByte('{')
	writeJSONString(&b, principalClaim)
	b.WriteByte(':')
	writeJSONString(&b, principal)
	fmt.Fprintf(&b, `,"iat":%s,"exp":%s`, numericDate(now), numericDate(exp))
	if len(scopes) > 0 {
		b.WriteByte(',')
		writeJSONString(&b, scopeClaim)
		b.WriteByte(':')
		list, _ := json.Marshal(scopes)
		b.Write(list)
	}
	b.WriteByte('}')
	enc := base64.RawURLEncoding
	token := enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString([]byte(b.String())) + "."
	tok := OAuthBearerToken{
		TokenValue: token,
		// The token's own exp claim has millisecond precision.
		Expiration: time.UnixMilli(exp.UnixMilli()),
		Principal:  principal,
	}
	if len(ext) > 0 {
		tok.Extensions = ext
	}
	return tok, nil
}

func writeJSONString(b *strings.Builder, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

// numericDate renders t as a JWT NumericDate in seconds with milliseconds.
func numericDate(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64)
}

// oidcSource is sasl.oauthbearer.method=oidc: the OAuth 2.0
// client-credentials grant against sasl.oauthbearer.token.endpoint.url,
// done by golang.org/x/oauth2/clientcredentials. The client authenticates
// with HTTP Basic (client id and secret), sends sasl.oauthbearer.scope as
// given, and expects a JWT access token whose exp and sub claims give the
// token's lifetime and principal; sasl.oauthbearer.extensions (k=v,...)
// become SASL extensions. https.ca.location / https.ca.pem replace the
// system roots for the token endpoint.
func oidcSource(conf OAuthBearerConfig) (tokenSource, error) {
	if conf.GrantType != "" && conf.GrantType != "client_credentials" {
		return nil, Errorf(ErrInvalidArg, "Configuration property \"sasl.oauthbearer.grant.type\" value %q is not supported by purekafka: only client_credentials is", conf.GrantType)
	}
	ext, err := parseOIDCExtensions(conf.Extensions)
	if err != nil {
		return nil, err
	}
	roots, err := loadRoots(conf.HTTPSCALocation, conf.HTTPSCAPEM)
	if err != nil {
		return nil, err
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = &tls.Config{RootCAs: roots}
	httpClient := &http.Client{Transport: transport}
	cc := &clientcredentials.Config{
		ClientID:     conf.ClientID,
		ClientSecret: conf.ClientSecret,
		TokenURL:     conf.TokenEndpointURL,
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	if conf.Scope != "" {
		// One element: x/oauth2 joins scopes with spaces, and librdkafka
		// passes the property through unchanged.
		cc.Scopes = []string{conf.Scope}
	}
	return func(ctx context.Context) (OAuthBearerToken, error) {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, httpClient)
		t, err := cc.Token(ctx)
		if err != nil {
			return OAuthBearerToken{}, fmt.Errorf("OIDC token request to %s failed: %w", conf.TokenEndpointURL, err)
		}
		claims, err := jwtClaims(t.AccessToken)
		if err != nil {
			return OAuthBearerToken{}, fmt.Errorf("OIDC access token: %w", err)
		}
		tok := OAuthBearerToken{
			TokenValue: t.AccessToken,
			Expiration: time.UnixMilli(int64(claims.Exp * 1000)),
			Principal:  claims.Sub,
		}
		if len(ext) > 0 {
			tok.Extensions = ext
		}
		return tok, nil
	}, nil
}

// parseOIDCExtensions parses sasl.oauthbearer.extensions, "k=v,k2=v2".
func parseOIDCExtensions(s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	ext := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, Errorf(ErrInvalidArg, "sasl.oauthbearer.extensions: %q is not key=value", kv)
		}
		if err := validateOAuthBearerExtension(k, v); err != nil {
			return nil, err
		}
		ext[k] = v
	}
	return ext, nil
}

// jwtPayload is what the OIDC flow reads from an access token.
type jwtPayload struct {
	Exp float64 `json:"exp"`
	Sub string  `json:"sub"`
}

// jwtClaims decodes (without verifying: the broker does that) the payload
// of a JWS compact serialization and checks it has exp and sub.
func jwtClaims(token string) (jwtPayload, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return jwtPayload{}, fmt.Errorf("not a JWT: %d dot-separated parts instead of 3", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return jwtPayload{}, fmt.Errorf("JWT payload is not base64url: %w", err)
	}
	var p jwtPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		return jwtPayload{}, fmt.Errorf("JWT payload is not a JSON object: %w", err)
	}
	if p.Exp <= 0 {
		return jwtPayload{}, fmt.Errorf("JWT has no valid exp claim")
	}
	if p.Sub == "" {
		return jwtPayload{}, fmt.Errorf("JWT has no sub claim")
	}
	return p, nil
}
