package client

import (
	"context"
	"strconv"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// DescribeConfigs describes the configuration of topics, brokers or groups,
// with synonyms. Per-resource errors come back in the results, in the order
// of resources.
func (a *AdminClient) DescribeConfigs(ctx context.Context, resources []ConfigResource, options ...DescribeConfigsAdminOption) (result []ConfigResourceResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if err := checkConfigResources(resources); err != nil {
		return nil, err
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	if err := checkSingleBroker(resources); err != nil {
		return nil, err
	}
	req := kmsg.NewPtrDescribeConfigsRequest()
	req.IncludeSynonyms = true
	for _, r := range resources {
		rr := kmsg.NewDescribeConfigsRequestResource()
		rr.ResourceType = configResourceType(r.Type)
		rr.ResourceName = r.Name
		req.Resources = append(req.Resources, rr)
	}

	c := a.begin(ctx, o)
	defer c.cancel()
	results := make([]ConfigResourceResult, len(resources))
	pos := newConfigPositions(resources)
	for _, shard := range c.sharded(req) {
		if shard.Err != nil {
			if c.done() {
				return nil, c.fail(shard.Err)
			}
			for _, rr := range shard.Req.(*kmsg.DescribeConfigsRequest).Resources {
				pos.fail(results, rr.ResourceType, rr.ResourceName, c.itemError(shard.Err))
			}
			continue
		}
		for _, rr := range shard.Resp.(*kmsg.DescribeConfigsResponse).Resources {
			i, ok := pos.take(rr.ResourceType, rr.ResourceName)
			if !ok {
				continue
			}
			results[i] = ConfigResourceResult{
				Type:   resourceTypeOfConfig(rr.ResourceType),
				Name:   rr.ResourceName,
				Error:  adminError(rr.ErrorCode, rr.ErrorMessage),
				Config: configEntryResults(rr.Configs),
			}
		}
	}
	pos.fillMissing(results)
	return results, nil
}

// configEntryResults converts the entries of one described resource; nil
// when there are none, as in the reference.
func configEntryResults(configs []kmsg.DescribeConfigsResponseResourceConfig) map[string]ConfigEntryResult {
	if len(configs) == 0 {
		return nil
	}
	m := make(map[string]ConfigEntryResult, len(configs))
	for _, c := range configs {
		e := ConfigEntryResult{
			Name:        c.Name,
			Value:       derefString(c.Value),
			Source:      ConfigSource(c.Source),
			IsReadOnly:  c.ReadOnly,
			IsDefault:   c.IsDefault || ConfigSource(c.Source) == ConfigSourceDefault,
			IsSensitive: c.IsSensitive,
		}
		if len(c.ConfigSynonyms) > 0 {
			e.Synonyms = make(map[string]ConfigEntryResult, len(c.ConfigSynonyms))
			for _, s := range c.ConfigSynonyms {
				e.Synonyms[s.Name] = ConfigEntryResult{
					Name:      s.Name,
					Value:     derefString(s.Value),
					Source:    ConfigSource(s.Source),
					IsSynonym: true,
				}
			}
		}
		m[c.Name] = e
	}
	return m
}

// AlterConfigs replaces the whole dynamic configuration of resources with
// the given entries; properties not given revert to their defaults.
//
// Deprecated: use IncrementalAlterConfigs, which changes only the given
// properties.
func (a *AdminClient) AlterConfigs(ctx context.Context, resources []ConfigResource, options ...AlterConfigsAdminOption) (result []ConfigResourceResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if err := checkConfigResources(resources); err != nil {
		return nil, err
	}
	req := kmsg.NewPtrAlterConfigsRequest()
	for _, r := range resources {
		rr := kmsg.NewAlterConfigsRequestResource()
		rr.ResourceType = configResourceType(r.Type)
		rr.ResourceName = r.Name
		for _, e := range r.Config {
			if e.Operation != AlterOperationSet {
				// The reference panics here.
				return nil, Errorf(ErrInvalidArg, "Invalid ConfigEntry.Operation: %v", e.Operation)
			}
			if e.Name == "" {
				return nil, Errorf(ErrInvalidArg, "Failed to add configuration %s: %s", e, ErrInvalidArg)
			}
			rc := kmsg.NewAlterConfigsRequestResourceConfig()
			rc.Name = e.Name
			rc.Value = kmsg.StringPtr(e.Value)
			rr.Configs = append(rr.Configs, rc)
		}
		req.Resources = append(req.Resources, rr)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	if err := checkSingleBroker(resources); err != nil {
		return nil, err
	}
	req.ValidateOnly = o.validateOnly
	return a.alterConfigs(ctx, o, resources, req)
}

// IncrementalAlterConfigs sets, deletes, appends to or subtracts from
// individual configuration properties of resources, each entry with its
// IncrementalOperation.
func (a *AdminClient) IncrementalAlterConfigs(ctx context.Context, resources []ConfigResource, options ...AlterConfigsAdminOption) (result []ConfigResourceResult, err error) {
	if err := a.verify(); err != nil {
		return nil, err
	}
	if err := checkConfigResources(resources); err != nil {
		return nil, err
	}
	req := kmsg.NewPtrIncrementalAlterConfigsRequest()
	for _, r := range resources {
		rr := kmsg.NewIncrementalAlterConfigsRequestResource()
		rr.ResourceType = configResourceType(r.Type)
		rr.ResourceName = r.Name
		for _, e := range r.Config {
			if e.IncrementalOperation < AlterConfigOpTypeSet || e.IncrementalOperation > AlterConfigOpTypeSubtract {
				return nil, NewError(ErrInvalidArg, "Invalid alter config operation type", false)
			}
			if e.Name == "" {
				return nil, NewError(ErrInvalidArg, "Config name mustn't be empty", false)
			}
			rc := kmsg.NewIncrementalAlterConfigsRequestResourceConfig()
			rc.Name = e.Name
			rc.Op = kmsg.IncrementalAlterConfigOp(e.IncrementalOperation)
			rc.Value = kmsg.StringPtr(e.Value)
			rr.Configs = append(rr.Configs, rc)
		}
		req.Resources = append(req.Resources, rr)
	}
	o, err := resolveOptions(options)
	if err != nil {
		return nil, err
	}
	if err := checkNoDuplicateConfigs(resources); err != nil {
		return nil, err
	}
	if err := checkSingleBroker(resources); err != nil {
		return nil, err
	}
	req.ValidateOnly = o.validateOnly
	return a.alterConfigs(ctx, o, resources, req)
}

// alterConfigs sends an AlterConfigs or IncrementalAlterConfigs request,
// which kgo shards (broker resources to their broker), and collects the
// per-resource outcomes.
func (a *AdminClient) alterConfigs(ctx context.Context, o adminOptions, resources []ConfigResource, req kmsg.Request) ([]ConfigResourceResult, error) {
	c := a.begin(ctx, o)
	defer c.cancel()
	results := make([]ConfigResourceResult, len(resources))
	pos := newConfigPositions(resources)
	for _, shard := range c.sharded(req) {
		if shard.Err != nil {
			if c.done() {
				return nil, c.fail(shard.Err)
			}
			for _, k := range alterConfigsKeys(shard.Req) {
				pos.fail(results, k.typ, k.name, c.itemError(shard.Err))
			}
			continue
		}
		for _, r := range alterConfigsOutcomes(shard) {
			if i, ok := pos.take(r.typ, r.name); ok {
				results[i] = ConfigResourceResult{Type: resourceTypeOfConfig(r.typ), Name: r.name, Error: adminError(r.code, r.msg)}
			}
		}
	}
	pos.fillMissing(results)
	return results, nil
}

// configKey is a resource in either alter request or response.
type configKey struct {
	typ  kmsg.ConfigResourceType
	name string
	code int16
	msg  *string
}

func alterConfigsKeys(req kmsg.Request) []configKey {
	var keys []configKey
	switch r := req.(type) {
	case *kmsg.AlterConfigsRequest:
		for _, rr := range r.Resources {
			keys = append(keys, configKey{typ: rr.ResourceType, name: rr.ResourceName})
		}
	case *kmsg.IncrementalAlterConfigsRequest:
		for _, rr := range r.Resources {
			keys = append(keys, configKey{typ: rr.ResourceType, name: rr.ResourceName})
		}
	}
	return keys
}

func alterConfigsOutcomes(shard kgo.ResponseShard) []configKey {
	var keys []configKey
	switch r := shard.Resp.(type) {
	case *kmsg.AlterConfigsResponse:
		for _, rr := range r.Resources {
			keys = append(keys, configKey{rr.ResourceType, rr.ResourceName, rr.ErrorCode, rr.ErrorMessage})
		}
	case *kmsg.IncrementalAlterConfigsResponse:
		for _, rr := range r.Resources {
			keys = append(keys, configKey{rr.ResourceType, rr.ResourceName, rr.ErrorCode, rr.ErrorMessage})
		}
	}
	return keys
}

// checkConfigResources rejects what librdkafka's ConfigResource constructor
// rejects: no name, or a negative type.
func checkConfigResources(resources []ConfigResource) error {
	if len(resources) == 0 {
		// The reference indexes resources[0] and panics.
		return NewError(ErrInvalidArg, "Expected non-empty slice of ConfigResource structs", false)
	}
	for _, r := range resources {
		if r.Name == "" || r.Type < 0 {
			return Errorf(ErrInvalidArg, "Invalid arguments for resource %v", r)
		}
	}
	return nil
}

// checkSingleBroker enforces librdkafka's rule that one call addresses at
// most one broker's configuration, named by its numeric id.
func checkSingleBroker(resources []ConfigResource) error {
	seen := false
	for _, r := range resources {
		if r.Type != ResourceBroker {
			continue
		}
		if seen {
			return NewError(ErrConflict, "Only one ConfigResource of type BROKER is allowed per call", false)
		}
		seen = true
		if id, err := strconv.ParseInt(r.Name, 10, 32); err != nil || id < 0 {
			return Errorf(ErrInvalidArg, "Expected an int32 broker_id for ConfigResource(type=BROKER, name=%s)", r.Name)
		}
	}
	return nil
}

// checkNoDuplicateConfigs is IncrementalAlterConfigs' extra validation.
func checkNoDuplicateConfigs(resources []ConfigResource) error {
	type key struct {
		t ResourceType
		n string
	}
	seen := map[key]bool{}
	for _, r := range resources {
		k := key{r.Type, r.Name}
		if seen[k] {
			return NewError(ErrInvalidArg, "Duplicate ConfigResource found", false)
		}
		seen[k] = true
		names := map[string]bool{}
		for _, e := range r.Config {
			if names[e.Name] {
				return NewError(ErrInvalidArg, "Duplicate ConfigEntry found", false)
			}
			names[e.Name] = true
		}
	}
	return nil
}

// configResourceType maps librdkafka's resource types to the protocol's
// config resource types, where a group is 32, not 3.
func configResourceType(t ResourceType) kmsg.ConfigResourceType {
	switch t {
	case ResourceTopic:
		return kmsg.ConfigResourceTypeTopic
	case ResourceBroker:
		return kmsg.ConfigResourceTypeBroker
	case ResourceGroup:
		return kmsg.ConfigResourceTypeGroupConfig
	}
	return kmsg.ConfigResourceTypeUnknown
}

// resourceTypeOfConfig is the inverse of configResourceType.
func resourceTypeOfConfig(t kmsg.ConfigResourceType) ResourceType {
	switch t {
	case kmsg.ConfigResourceTypeTopic:
		return ResourceTopic
	case kmsg.ConfigResourceTypeBroker:
		return ResourceBroker
	case kmsg.ConfigResourceTypeGroupConfig:
		return ResourceGroup
	}
	return ResourceUnknown
}

// configPositions maps resources in responses back to request order.
type configPositions struct {
	p   *positions
	res []ConfigResource
}

func newConfigPositions(resources []ConfigResource) *configPositions {
	return &configPositions{
		p: newPositions(len(resources), func(i int) string {
			return configKeyString(configResourceType(resources[i].Type), resources[i].Name)
		}),
		res: resources,
	}
}

func configKeyString(t kmsg.ConfigResourceType, name string) string {
	return strconv.Itoa(int(t)) + "," + name
}

func (cp *configPositions) take(t kmsg.ConfigResourceType, name string) (int, bool) {
	return cp.p.take(configKeyString(t, name))
}

// fail records err for a resource whose request failed.
func (cp *configPositions) fail(results []ConfigResourceResult, t kmsg.ConfigResourceType, name string, err Error) {
	if i, ok := cp.take(t, name); ok {
		results[i] = ConfigResourceResult{Type: cp.res[i].Type, Name: name, Error: err}
	}
}

func (cp *configPositions) fillMissing(results []ConfigResourceResult) {
	cp.p.fillMissing(func(i int) {
		results[i] = ConfigResourceResult{Type: cp.res[i].Type, Name: cp.res[i].Name, Error: missingResultError()}
	})
}

// derefString returns *s, or "" for nil (as C.GoString does for NULL).
func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
