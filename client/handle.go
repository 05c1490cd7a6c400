package client

// Handle is implemented by Producer, Consumer and AdminClient, as in
// confluent-kafka-go. It is sealed: only this module's clients implement it,
// by embedding Sealed, which is how an AdminClient can be made from any of
// them.
type Handle interface {
	// IsClosed reports whether the client was closed.
	IsClosed() bool
	// SetOAuthBearerToken sets the SASL/OAUTHBEARER token to use.
	SetOAuthBearerToken(oauthBearerToken OAuthBearerToken) error
	// SetOAuthBearerTokenFailure reports that obtaining a token failed.
	SetOAuthBearerTokenFailure(errstr string) error

	instance() *Instance
}

// Sealed, embedded in a client type (under an unexported alias, so that it
// adds no exported field), gives the client the unexported method that
// Handle requires.
type Sealed struct{ inst *Instance }

// Seal returns the Sealed value for inst.
func Seal(inst *Instance) Sealed { return Sealed{inst: inst} }

func (s Sealed) instance() *Instance { return s.inst } //nolint:unused // reached through Handle on the types embedding Sealed

// InstanceOf returns the instance behind a Handle.
func InstanceOf(h Handle) *Instance { return h.instance() }
