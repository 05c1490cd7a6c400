package client

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"slices"

	"github.com/twmb/franz-go/pkg/kmsg"
)

// scramSaltSize is the size of the random salt generated for an upsertion
// without one, librdkafka's choice.
const scramSaltSize = 64

// DescribeUserScramCredentials describes the SCRAM credentials of users, or
// of every user when users is empty. A user without credentials gets
// ErrResourceNotFound in its description.
func (a *AdminClient) DescribeUserScramCredentials(ctx context.Context, users []string, options ...DescribeUserScramCredentialsAdminOption) (result DescribeUserScramCredentialsResult, err error) {
	result.Descriptions = map[string]UserScramCredentialsDescription{}
	if err := a.verify(); err != nil {
		return result, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	for i, u := range users {
		if u == "" {
			return result, Errorf(ErrInvalidArg, "Empty users aren't allowed, index %d", i)
		}
	}
	if hasDuplicates(users) {
		return result, NewError(ErrInvalidArg, "Duplicate users aren't allowed in the same request", false)
	}
	req := kmsg.NewPtrDescribeUserSCRAMCredentialsRequest()
	for _, u := range users {
		ru := kmsg.NewDescribeUserSCRAMCredentialsRequestUser()
		ru.Name = u
		req.Users = append(req.Users, ru)
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return result, c.fail(err)
	}
	if resp.ErrorCode != 0 {
		return result, adminError(resp.ErrorCode, resp.ErrorMessage)
	}
	for _, r := range resp.Results {
		d := UserScramCredentialsDescription{User: r.User}
		if r.ErrorCode != 0 {
			// Code only, as the reference builds it.
			d.Error = NewError(ErrorCode(r.ErrorCode), "", false)
			result.Descriptions[r.User] = d
			continue
		}
		d.ScramCredentialInfos = make([]ScramCredentialInfo, 0, len(r.CredentialInfos))
		for _, ci := range r.CredentialInfos {
			d.ScramCredentialInfos = append(d.ScramCredentialInfos, ScramCredentialInfo{
				Iterations: int(ci.Iterations),
				Mechanism:  ScramMechanism(ci.Mechanism),
			})
		}
		result.Descriptions[r.User] = d
	}
	return result, nil
}

// AlterUserScramCredentials creates or replaces (upsertions) and deletes
// SCRAM credentials. Passwords are salted and hashed here; only the salted
// hash is sent. The result maps each user to its outcome.
func (a *AdminClient) AlterUserScramCredentials(ctx context.Context, upsertions []UserScramCredentialUpsertion, deletions []UserScramCredentialDeletion, options ...AlterUserScramCredentialsAdminOption) (result AlterUserScramCredentialsResult, err error) {
	result.Errors = map[string]Error{}
	if err := a.verify(); err != nil {
		return result, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return result, err
	}
	if len(upsertions)+len(deletions) == 0 {
		return result, NewError(ErrInvalidArg, "At least one alteration is required", false)
	}
	req := kmsg.NewPtrAlterUserSCRAMCredentialsRequest()
	// librdkafka numbers upsertions first, then deletions, in its messages.
	for i, u := range upsertions {
		if msg := checkScramAlteration(u.User, u.ScramCredentialInfo.Mechanism); msg != "" {
			return result, Errorf(ErrInvalidArg, msg, i)
		}
		switch {
		case len(u.Password) == 0:
			return result, Errorf(ErrInvalidArg, "Empty password at index %d", i)
		case u.ScramCredentialInfo.Iterations <= 0:
			return result, Errorf(ErrInvalidArg, "Non-positive iterations at index %d", i)
		}
		salt := slices.Clone(u.Salt)
		if len(salt) == 0 {
			salt = make([]byte, scramSaltSize)
			if _, err := rand.Read(salt); err != nil {
				return result, Errorf(ErrFail, "Failed to generate salt at index %d: %v", i, err)
			}
		}
		salted, err := saltedPassword(u.ScramCredentialInfo.Mechanism, u.Password, salt, u.ScramCredentialInfo.Iterations)
		if err != nil {
			return result, Errorf(ErrInvalidArg, "Failed to hash password at index %d: %v", i, err)
		}
		ru := kmsg.NewAlterUserSCRAMCredentialsRequestUpsertion()
		ru.Name = u.User
		ru.Mechanism = int8(u.ScramCredentialInfo.Mechanism)
		ru.Iterations = int32(u.ScramCredentialInfo.Iterations)
		ru.Salt = salt
		ru.SaltedPassword = salted
		req.Upsertions = append(req.Upsertions, ru)
	}
	for j, d := range deletions {
		i := len(upsertions) + j
		if msg := checkScramAlteration(d.User, d.Mechanism); msg != "" {
			return result, Errorf(ErrInvalidArg, msg, i)
		}
		rd := kmsg.NewAlterUserSCRAMCredentialsRequestDeletion()
		rd.Name = d.User
		rd.Mechanism = int8(d.Mechanism)
		req.Deletions = append(req.Deletions, rd)
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return result, c.fail(err)
	}
	for _, r := range resp.Results {
		result.Errors[r.User] = adminError(r.ErrorCode, r.ErrorMessage)
	}
	return result, nil
}

// checkScramAlteration returns librdkafka's message (with a %d for the
// index) for an alteration it refuses, or "". Mechanisms other than the two
// SCRAM hashes cannot be hashed, so they count as unspecified.
func checkScramAlteration(user string, m ScramMechanism) string {
	switch {
	case m != ScramMechanismSHA256 && m != ScramMechanismSHA512:
		return "SCRAM mechanism must be specified at index %d"
	case user == "":
		return "Empty user at index %d"
	}
	return ""
}

// saltedPassword is SCRAM's SaltedPassword: PBKDF2 with the mechanism's
// HMAC, as long as the hash.
func saltedPassword(m ScramMechanism, password, salt []byte, iterations int) ([]byte, error) {
	if m == ScramMechanismSHA512 {
		return pbkdf2.Key(sha512.New, string(password), salt, iterations, sha512.Size)
	}
	return pbkdf2.Key(sha256.New, string(password), salt, iterations, sha256.Size)
}
