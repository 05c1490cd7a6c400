package client

import "time"

// librdkafkaVersion and librdkafkaVersionStr are the librdkafka release
// confluent-kafka-go v2.11.1 bundles. LibraryVersion reports them (design
// decision D2) because applications gate features on the librdkafka version;
// reporting this library's own version would make them take wrong turns.
const (
	librdkafkaVersion    = 0x020b01ff
	librdkafkaVersionStr = "2.11.1"
)

// LibrdkafkaLinkInfo describes how the Kafka client is linked. There is no
// librdkafka here: the client is pure Go on top of franz-go, whose version
// it names (TestLinkInfoNamesFranzGo keeps that in step with go.mod). It is
// a constant, as in confluent-kafka-go, so it cannot be read from the
// build information at run time.
const LibrdkafkaLinkInfo = "pure-go purekafka: no librdkafka, built on franz-go v1.22.3 (librdkafka " + librdkafkaVersionStr + " API level)"

// LibraryVersion returns the librdkafka version this package emulates, as
// the integer 0xMMmmrrff (major, minor, revision, pre-release 0xff = final)
// and as a string.
func LibraryVersion() (int, string) {
	return librdkafkaVersion, librdkafkaVersionStr
}

// OAuthBearerToken is a SASL/OAUTHBEARER token handed to
// SetOAuthBearerToken.
type OAuthBearerToken struct {
	// TokenValue is the token itself, typically a JWS compact
	// serialization; it must match RFC 7628's SASL/OAUTHBEARER value syntax.
	TokenValue string
	// Expiration is when the token expires (local time); it must be in the
	// future when the token is set.
	Expiration time.Time
	// Principal is the Kafka principal name the token is for.
	Principal string
	// Extensions are optional SASL extensions sent with the token; keys and
	// values must match RFC 7628's syntax and the key "auth" is reserved.
	Extensions map[string]string
}
