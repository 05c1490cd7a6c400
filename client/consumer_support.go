package client

import "github.com/twmb/franz-go/pkg/kgo"

// NewSiblingClient creates one more franz-go client for the same handle:
// the same configuration (cfg.Opts, OAUTHBEARER token included), the same
// log destination, instance name and connection Error events, plus extra.
// A Consumer needs it because franz-go fixes a client's consuming mode
// (group or direct partitions) at creation, while a confluent-kafka-go
// Consumer switches between Subscribe and Assign at will.
// The caller owns and closes the returned client.
func (h *Instance) NewSiblingClient(extra ...kgo.Opt) (*kgo.Client, error) {
	opts := make([]kgo.Opt, 0, len(h.cfg.Opts)+len(extra)+2)
	opts = append(opts, h.cfg.Opts...)
	opts = append(opts, extra...)
	opts = append(opts, kgo.WithLogger(h.log), kgo.WithHooks(h.connHook))
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, Errorf(ErrInvalidArg, "%v", err)
	}
	return cl, nil
}
