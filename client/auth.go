package client

// SetSaslCredentials replaces the SASL PLAIN/SCRAM user name and password.
// As with librdkafka, connections already authenticated keep going; new
// connections use the new credentials.
func (h *Instance) SetSaslCredentials(username, password string) error {
	if h.IsClosed() {
		return NewClosedClientError()
	}
	if h.cfg.SASL == nil {
		return NewError(ErrState, "SASL is not configured", false)
	}
	h.cfg.SASL.Set(username, password)
	return nil
}

// SetOAuthBearerToken sets the SASL/OAUTHBEARER token. Token handling is not
// wired to connections yet, so it fails unless OAUTHBEARER is configured, as
// librdkafka does, and otherwise reports the feature as not implemented.
func (h *Instance) SetOAuthBearerToken(token OAuthBearerToken) error {
	return h.oauthBearerNotSupported()
}

// SetOAuthBearerTokenFailure reports a failure to obtain a token; see
// SetOAuthBearerToken.
func (h *Instance) SetOAuthBearerTokenFailure(errstr string) error {
	return h.oauthBearerNotSupported()
}

func (h *Instance) oauthBearerNotSupported() error {
	if h.IsClosed() {
		return NewClosedClientError()
	}
	if h.cfg.SASLMechanism != "OAUTHBEARER" {
		return NewError(ErrState, "SASL/OAUTHBEARER is not the configured authentication mechanism", false)
	}
	return NewError(ErrNotImplemented, "SASL/OAUTHBEARER token handling is not implemented yet", false)
}
