package client

// SetSaslCredentials replaces the SASL PLAIN/SCRAM user name and password.
// As with librdkafka, connections already authenticated keep going; new
// connections use the new credentials. Like librdkafka, which stores the
// credentials whatever the mechanism, it succeeds without effect when
// neither PLAIN nor SCRAM is in use.
func (h *Instance) SetSaslCredentials(username, password string) error {
	if h.IsClosed() {
		return NewClosedClientError()
	}
	if h.cfg.SASL != nil {
		h.cfg.SASL.Set(username, password)
	}
	return nil
}

// SetOAuthBearerToken installs the SASL/OAUTHBEARER token new connections
// authenticate with, usually in answer to an OAuthBearerTokenRefresh event;
// connections waiting for a token proceed at once. A refresh is requested
// again at 80% of the token's remaining lifetime.
//
// It fails with ErrState unless OAUTHBEARER is the configured mechanism,
// and with ErrInvalidArg for an expiration that is not in the future, an
// empty token value, or a token value or extension outside RFC 7628's
// syntax (extension keys are letters only and "auth" is reserved).
func (h *Instance) SetOAuthBearerToken(token OAuthBearerToken) error {
	if err := h.oauthState(); err != nil {
		return err
	}
	return h.cfg.oauth.set(token)
}

// SetOAuthBearerTokenFailure reports that obtaining a token failed. A token
// already set stays in use while it lasts; the next OAuthBearerTokenRefresh
// event follows 10 s later; connections waiting for a token fail with
// ErrAuthentication; and the failure is raised as an ErrAuthentication
// Error event unless it repeats the previous one. errstr must not be empty
// (ErrInvalidArg); without OAUTHBEARER configured it fails with ErrState.
func (h *Instance) SetOAuthBearerTokenFailure(errstr string) error {
	if err := h.oauthState(); err != nil {
		if !h.IsClosed() {
			// librdkafka's token-failure call returns the bare code,
			// unlike its set-token call, which also writes this text.
			return NewError(ErrState, "", false)
		}
		return err
	}
	return h.cfg.oauth.fail(errstr)
}

// oauthState is the check both OAUTHBEARER calls start with.
func (h *Instance) oauthState() error {
	if h.IsClosed() {
		return NewClosedClientError()
	}
	if h.cfg.oauth == nil {
		return NewError(ErrState, "SASL/OAUTHBEARER is not the configured authentication mechanism", false)
	}
	return nil
}
