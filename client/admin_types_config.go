package client

import "fmt"

// ConfigResource is a resource with configuration entries: the argument of
// DescribeConfigs (entries ignored), AlterConfigs and IncrementalAlterConfigs.
type ConfigResource struct {
	// Type is the resource type: ResourceTopic, ResourceBroker or
	// ResourceGroup.
	Type ResourceType
	// Name is the resource name; for brokers, the broker id.
	Name string
	// Config are the entries to set or alter.
	Config []ConfigEntry
}

// String returns "Resource(TYPE, name)".
func (c ConfigResource) String() string {
	return fmt.Sprintf("Resource(%s, %s)", c.Type, c.Name)
}

// ConfigEntry is one configuration change.
type ConfigEntry struct {
	// Name is the property name.
	Name string
	// Value is the property value.
	Value string
	// Operation is the operation for AlterConfigs.
	Operation AlterOperation
	// IncrementalOperation is the operation for IncrementalAlterConfigs.
	IncrementalOperation AlterConfigOpType
}

// String returns `Op name="value"`.
func (c ConfigEntry) String() string {
	return fmt.Sprintf("%v %s=\"%s\"", c.Operation, c.Name, c.Value)
}

// StringMapToConfigEntries turns a map of properties into ConfigEntries
// that all use operation, for AlterConfigs.
func StringMapToConfigEntries(stringMap map[string]string, operation AlterOperation) []ConfigEntry {
	var entries []ConfigEntry
	for k, v := range stringMap {
		entries = append(entries, ConfigEntry{Name: k, Value: v, Operation: operation})
	}
	return entries
}

// StringMapToIncrementalConfigEntries turns a map of properties into
// ConfigEntries for IncrementalAlterConfigs, each with the operation
// operationMap gives its name (Set when absent).
func StringMapToIncrementalConfigEntries(stringMap map[string]string, operationMap map[string]AlterConfigOpType) []ConfigEntry {
	var entries []ConfigEntry
	for k, v := range stringMap {
		entries = append(entries, ConfigEntry{Name: k, Value: v, IncrementalOperation: operationMap[k]})
	}
	return entries
}

// ConfigEntryResult is one configuration property of a DescribeConfigs
// result.
type ConfigEntryResult struct {
	// Name is the property name.
	Name string
	// Value is the value; "" for sensitive properties, which the broker
	// does not reveal.
	Value string
	// Source is where the value comes from.
	Source ConfigSource
	// IsReadOnly is true if the property cannot be altered dynamically.
	IsReadOnly bool
	// IsDefault is true if the value is the default.
	IsDefault bool
	// IsSensitive is true for secrets.
	IsSensitive bool
	// IsSynonym is true for the entries of Synonyms.
	IsSynonym bool
	// Synonyms are the properties that also define this value, in order of
	// precedence, by name.
	Synonyms map[string]ConfigEntryResult
}

// String returns `name="value"`.
func (c ConfigEntryResult) String() string {
	return fmt.Sprintf("%s=\"%s\"", c.Name, c.Value)
}

// ConfigResourceResult is the outcome for one resource of DescribeConfigs,
// AlterConfigs or IncrementalAlterConfigs.
type ConfigResourceResult struct {
	// Type is the resource type.
	Type ResourceType
	// Name is the resource name.
	Name string
	// Error is the resource's error.
	Error Error
	// Config holds the properties by name (DescribeConfigs only); nil when
	// there are none.
	Config map[string]ConfigEntryResult
}

// String returns "ResourceResult(TYPE, name, N config(s))", or the error in
// place of the count.
func (c ConfigResourceResult) String() string {
	if c.Error.Code() != ErrNoError {
		return fmt.Sprintf("ResourceResult(%s, %s, \"%v\")", c.Type, c.Name, c.Error)
	}
	return fmt.Sprintf("ResourceResult(%s, %s, %d config(s))", c.Type, c.Name, len(c.Config))
}

// ACLBinding is an ACL: a principal's permission for an operation on
// resources. As an ACLBindingFilter, zero strings and the Any values match
// everything.
type ACLBinding struct {
	// Type is the resource type.
	Type ResourceType
	// Name is the resource name; for ResourceBroker "kafka-cluster".
	Name string
	// ResourcePatternType says how Name matches resource names.
	ResourcePatternType ResourcePatternType
	// Principal is the principal, such as "User:alice".
	Principal string
	// Host is the host the principal connects from, "*" for any.
	Host string
	// Operation is the operation.
	Operation ACLOperation
	// PermissionType allows or denies the operation.
	PermissionType ACLPermissionType
}

// ACLBindingFilter selects ACLs for DescribeACLs and DeleteACLs.
type ACLBindingFilter = ACLBinding

// ACLBindings is a sortable list of ACLBinding.
type ACLBindings []ACLBinding

// ACLBindingFilters is a list of ACLBindingFilter.
type ACLBindingFilters []ACLBindingFilter

// Len implements sort.Interface.
func (a ACLBindings) Len() int { return len(a) }

// Swap implements sort.Interface.
func (a ACLBindings) Swap(i, j int) { a[i], a[j] = a[j], a[i] }

// Less orders by type, name, pattern type, principal, host, operation and
// permission type. Equal bindings compare as less, as in the reference, so
// code that depends on the order of duplicates keeps its behaviour.
func (a ACLBindings) Less(i, j int) bool {
	x, y := a[i], a[j]
	switch {
	case x.Type != y.Type:
		return x.Type < y.Type
	case x.Name != y.Name:
		return x.Name < y.Name
	case x.ResourcePatternType != y.ResourcePatternType:
		return x.ResourcePatternType < y.ResourcePatternType
	case x.Principal != y.Principal:
		return x.Principal < y.Principal
	case x.Host != y.Host:
		return x.Host < y.Host
	case x.Operation != y.Operation:
		return x.Operation < y.Operation
	case x.PermissionType != y.PermissionType:
		return x.PermissionType < y.PermissionType
	}
	return true
}

// CreateACLResult is the outcome for one binding of CreateACLs.
type CreateACLResult struct {
	// Error is the binding's error; its Code() is ErrNoError on success.
	Error Error
}

// DescribeACLsResult is the result of DescribeACLs, and of each filter of
// DeleteACLs.
type DescribeACLsResult struct {
	// ACLBindings are the matching (or deleted) ACLs.
	ACLBindings ACLBindings
	// Error is the error for the filter.
	Error Error
}

// DeleteACLsResult is the outcome for one filter of DeleteACLs.
type DeleteACLsResult = DescribeACLsResult

// ScramCredentialInfo is the mechanism and iteration count of a SCRAM
// credential.
type ScramCredentialInfo struct {
	// Iterations is the PBKDF2 iteration count.
	Iterations int
	// Mechanism is the hash.
	Mechanism ScramMechanism
}

// UserScramCredentialsDescription describes the SCRAM credentials of a user.
type UserScramCredentialsDescription struct {
	// User is the user name.
	User string
	// ScramCredentialInfos are the user's credentials.
	ScramCredentialInfos []ScramCredentialInfo
	// Error is the user's error, such as ErrResourceNotFound for a user
	// without credentials.
	Error Error
}

// UserScramCredentialDeletion deletes a user's credential for a mechanism.
type UserScramCredentialDeletion struct {
	// User is the user name.
	User string
	// Mechanism is the credential's hash.
	Mechanism ScramMechanism
}

// UserScramCredentialUpsertion creates or replaces a user's credential.
type UserScramCredentialUpsertion struct {
	// User is the user name.
	User string
	// ScramCredentialInfo is the mechanism and iteration count.
	ScramCredentialInfo ScramCredentialInfo
	// Password is the password; only its salted hash is sent.
	Password []byte
	// Salt is the salt; a random one is generated when it is empty.
	Salt []byte
}

// DescribeUserScramCredentialsResult is the result of
// DescribeUserScramCredentials.
type DescribeUserScramCredentialsResult struct {
	// Descriptions are keyed by user name.
	Descriptions map[string]UserScramCredentialsDescription
}

// AlterUserScramCredentialsResult is the result of AlterUserScramCredentials.
type AlterUserScramCredentialsResult struct {
	// Errors are keyed by user name, ErrNoError on success.
	Errors map[string]Error
}
