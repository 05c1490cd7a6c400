package client

import (
	"context"

	"github.com/twmb/franz-go/pkg/kmsg"
)

// Bounds of librdkafka's ACL enums (their __CNT values): librdkafka refuses
// values at or above them before sending.
const (
	resourceTypeCount        = 6 // up to TRANSACTIONAL_ID
	resourcePatternTypeCount = 5
	aclOperationCount        = 13
	aclPermissionTypeCount   = 4
)

// CreateACLs creates ACL bindings. Per-binding failures come back in the
// results, in the order of aclBindings; on a cluster without an authorizer
// each carries ErrSecurityDisabled.
func (a *AdminClient) CreateACLs(ctx context.Context, aclBindings ACLBindings, options ...CreateACLsAdminOption) (result []CreateACLResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if aclBindings == nil {
		return nil, NewError(ErrInvalidArg, "Expected non-nil slice of ACLBinding structs", false)
	}
	if len(aclBindings) == 0 {
		return nil, NewError(ErrInvalidArg, "Expected non-empty slice of ACLBinding structs", false)
	}
	req := kmsg.NewPtrCreateACLsRequest()
	for _, b := range aclBindings {
		if msg := checkACLBinding(b); msg != "" {
			return nil, Errorf(ErrInvalidArg, "Invalid arguments for ACL binding %v: %v", b, msg)
		}
		rc := kmsg.NewCreateACLsRequestCreation()
		rc.ResourceType = kmsg.ACLResourceType(b.Type)
		rc.ResourceName = b.Name
		rc.ResourcePatternType = kmsg.ACLResourcePatternType(b.ResourcePatternType)
		rc.Principal = b.Principal
		rc.Host = b.Host
		rc.Operation = kmsg.ACLOperation(b.Operation)
		rc.PermissionType = kmsg.ACLPermissionType(b.PermissionType)
		req.Creations = append(req.Creations, rc)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return nil, c.fail(err)
	}
	if len(resp.Results) != len(aclBindings) {
		return nil, Errorf(ErrBadMsg, "CreateAcls response protocol parse failure: Received %d acls in response, but %d were requested",
			len(resp.Results), len(aclBindings))
	}
	result = make([]CreateACLResult, len(resp.Results))
	for i, r := range resp.Results {
		result[i].Error = adminError(r.ErrorCode, r.ErrorMessage)
	}
	return result, nil
}

// DescribeACLs returns the ACL bindings matching aclBindingFilter.
//
// A broker-level error (ErrSecurityDisabled without an authorizer, an
// authorization failure) is returned in result.Error with err nil.
// librdkafka 2.11.1 drops that error and returns an empty, error-free
// result; reporting it is deliberate, since an empty list would claim that
// no ACLs exist.
func (a *AdminClient) DescribeACLs(ctx context.Context, aclBindingFilter ACLBindingFilter, options ...DescribeACLsAdminOption) (result *DescribeACLsResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if msg := checkACLFilter(aclBindingFilter); msg != "" {
		return nil, Errorf(ErrInvalidArg, "Invalid arguments for ACL binding filter %v: %v", aclBindingFilter, msg)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	f := aclFilter(aclBindingFilter)
	req := kmsg.NewPtrDescribeACLsRequest()
	req.ResourceType = f.ResourceType
	req.ResourceName = f.ResourceName
	req.ResourcePatternType = f.ResourcePatternType
	req.Principal = f.Principal
	req.Host = f.Host
	req.Operation = f.Operation
	req.PermissionType = f.PermissionType

	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return nil, c.fail(err)
	}
	result = &DescribeACLsResult{ACLBindings: ACLBindings{}, Error: adminError(resp.ErrorCode, resp.ErrorMessage)}
	for _, r := range resp.Resources {
		for _, acl := range r.ACLs {
			result.ACLBindings = append(result.ACLBindings, aclBindingOf(
				int8(r.ResourceType), r.ResourceName, int8(r.ResourcePatternType),
				acl.Principal, acl.Host, int8(acl.Operation), int8(acl.PermissionType)))
		}
	}
	return result, nil
}

// DeleteACLs deletes the ACL bindings matching each filter. The results, in
// the order of aclBindingFilters, list what each filter deleted, or its
// error.
func (a *AdminClient) DeleteACLs(ctx context.Context, aclBindingFilters ACLBindingFilters, options ...DeleteACLsAdminOption) (result []DeleteACLsResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if aclBindingFilters == nil {
		return nil, NewError(ErrInvalidArg, "Expected non-nil slice of ACLBindingFilter structs", false)
	}
	if len(aclBindingFilters) == 0 {
		return nil, NewError(ErrInvalidArg, "Expected non-empty slice of ACLBindingFilter structs", false)
	}
	req := kmsg.NewPtrDeleteACLsRequest()
	for _, f := range aclBindingFilters {
		if msg := checkACLFilter(f); msg != "" {
			return nil, Errorf(ErrInvalidArg, "Invalid arguments for ACL binding filter %v: %v", f, msg)
		}
		req.Filters = append(req.Filters, aclFilter(f))
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	c := a.begin(ctx, o)
	defer c.cancel()
	resp, err := req.RequestWith(c.ctx, c)
	if err != nil {
		return nil, c.fail(err)
	}
	result = make([]DeleteACLsResult, len(resp.Results))
	for i, r := range resp.Results {
		result[i] = DeleteACLsResult{ACLBindings: ACLBindings{}, Error: adminError(r.ErrorCode, r.ErrorMessage)}
		for _, m := range r.MatchingACLs {
			result[i].ACLBindings = append(result[i].ACLBindings, aclBindingOf(
				int8(m.ResourceType), m.ResourceName, int8(m.ResourcePatternType),
				m.Principal, m.Host, int8(m.Operation), int8(m.PermissionType)))
		}
	}
	return result, nil
}

// checkACLBinding applies librdkafka's checks for a binding to create: all
// strings set, no "any"/"match" wildcards, values within the enums. It
// returns librdkafka's message, or "".
func checkACLBinding(b ACLBinding) string {
	switch {
	case b.Name == "":
		return "Invalid resource name"
	case b.Principal == "":
		return "Invalid principal"
	case b.Host == "":
		return "Invalid host"
	case b.Type == ResourceAny || b.Type <= ResourceUnknown || b.Type >= resourceTypeCount:
		return "Invalid resource type"
	case b.ResourcePatternType == ResourcePatternTypeAny || b.ResourcePatternType == ResourcePatternTypeMatch ||
		b.ResourcePatternType <= ResourcePatternTypeUnknown || b.ResourcePatternType >= resourcePatternTypeCount:
		return "Invalid resource pattern type"
	case b.Operation == ACLOperationAny || b.Operation <= ACLOperationUnknown || b.Operation >= aclOperationCount:
		return "Invalid operation"
	case b.PermissionType == ACLPermissionTypeAny || b.PermissionType <= ACLPermissionTypeUnknown ||
		b.PermissionType >= aclPermissionTypeCount:
		return "Invalid permission type"
	}
	return ""
}

// checkACLFilter applies librdkafka's checks for a filter, which may use
// the wildcards and leave strings empty.
func checkACLFilter(f ACLBindingFilter) string {
	switch {
	case f.Type <= ResourceUnknown || f.Type >= resourceTypeCount:
		return "Invalid resource type"
	case f.ResourcePatternType <= ResourcePatternTypeUnknown || f.ResourcePatternType >= resourcePatternTypeCount:
		return "Invalid resource pattern type"
	case f.Operation <= ACLOperationUnknown || f.Operation >= aclOperationCount:
		return "Invalid operation"
	case f.PermissionType <= ACLPermissionTypeUnknown || f.PermissionType >= aclPermissionTypeCount:
		return "Invalid permission type"
	}
	return ""
}

// aclFilter converts a filter; empty strings are null on the wire, meaning
// "any", as librdkafka sends them.
func aclFilter(f ACLBindingFilter) kmsg.DeleteACLsRequestFilter {
	rf := kmsg.NewDeleteACLsRequestFilter()
	rf.ResourceType = kmsg.ACLResourceType(f.Type)
	rf.ResourceName = nonEmpty(f.Name)
	rf.ResourcePatternType = kmsg.ACLResourcePatternType(f.ResourcePatternType)
	rf.Principal = nonEmpty(f.Principal)
	rf.Host = nonEmpty(f.Host)
	rf.Operation = kmsg.ACLOperation(f.Operation)
	rf.PermissionType = kmsg.ACLPermissionType(f.PermissionType)
	return rf
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// aclBindingOf builds a binding from a response, mapping values outside the
// enums to their Unknown, as librdkafka does (with a warning we omit).
func aclBindingOf(resType int8, name string, pattern int8, principal, host string, op, perm int8) ACLBinding {
	b := ACLBinding{
		Type:                ResourceType(resType),
		Name:                name,
		ResourcePatternType: ResourcePatternType(pattern),
		Principal:           principal,
		Host:                host,
		Operation:           ACLOperation(op),
		PermissionType:      ACLPermissionType(perm),
	}
	if b.Type <= ResourceUnknown || b.Type >= resourceTypeCount {
		b.Type = ResourceUnknown
	}
	if b.ResourcePatternType <= ResourcePatternTypeUnknown || b.ResourcePatternType >= resourcePatternTypeCount {
		b.ResourcePatternType = ResourcePatternTypeUnknown
	}
	if b.Operation <= ACLOperationUnknown || b.Operation >= aclOperationCount {
		b.Operation = ACLOperationUnknown
	}
	if b.PermissionType <= ACLPermissionTypeUnknown || b.PermissionType >= aclPermissionTypeCount {
		b.PermissionType = ACLPermissionTypeUnknown
	}
	return b
}
