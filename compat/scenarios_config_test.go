package compat

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// Configuration scenarios. The cases come from
// ../client/testdata/config-golden.json (constructor calls captured from
// confluent-kafka-go v2.11.1, drawn from librdkafka's CONFIGURATION.md:
// every property with valid, invalid, empty and out-of-range values, at
// the top level and under default.topic.config, the consistency checks
// and the go.* properties); here each one is replayed live through both
// clients' constructors, grouped by the kind of mistake. The captured
// results are not used: the comparison is between the two live clients.

func init() {
	for _, k := range configKinds {
		register(scenario{name: "config/" + k.name, offline: true, run: func(e *Env) { configScenario(e, k.name) }})
	}
	register(
		scenario{name: "config/configmap-set", offline: true, run: configMapSet},
		scenario{name: "config/error-code-names", offline: true, run: errorCodeNames},
	)
}

// configKinds classifies a case by what confluent-kafka-go answered when
// it was captured; "accepted" holds the cases it accepted.
var configKinds = []struct {
	name  string
	match func(c goldenCase) bool
}{
	{"accepted", func(c goldenCase) bool { return c.Result.OK }},
	{"unknown-property", func(c goldenCase) bool { return strings.Contains(c.Result.Text, "No such configuration property") }},
	{"wrong-type", func(c goldenCase) bool {
		t := c.Result.Text
		return strings.Contains(t, "expects type") || strings.Contains(t, "Invalid value type") ||
			strings.Contains(t, "Invalid value for configuration property") || strings.Contains(t, "cannot be set to empty value")
	}},
	{"out-of-range", func(c goldenCase) bool { return strings.Contains(c.Result.Text, "outside allowed range") }},
	{"invalid-value", func(c goldenCase) bool {
		return strings.Contains(c.Result.Text, "Invalid value \"") || strings.Contains(c.Result.Text, "Unsupported")
	}},
	{"conflicting-or-other", func(c goldenCase) bool { return true }},
}

type goldenValue struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

type goldenEntry struct {
	K string `json:"k"`
	goldenValue
}

type goldenCase struct {
	Name   string        `json:"name"`
	Role   string        `json:"role"`
	Config []goldenEntry `json:"config"`
	Result struct {
		OK   bool   `json:"ok"`
		Text string `json:"text"`
	} `json:"result"`
}

var (
	goldenOnce  sync.Once
	goldenCases map[string][]goldenCase
	goldenErr   error
)

// casesOf returns the golden cases of one kind, each in exactly one kind
// (the first that matches).
func casesOf(kind string) ([]goldenCase, error) {
	goldenOnce.Do(func() {
		var b []byte
		b, goldenErr = os.ReadFile("../client/testdata/config-golden.json")
		if goldenErr != nil {
			return
		}
		var all []goldenCase
		if goldenErr = json.Unmarshal(b, &all); goldenErr != nil {
			return
		}
		goldenCases = map[string][]goldenCase{}
		for _, c := range all {
			for _, k := range configKinds {
				if k.match(c) {
					goldenCases[k.name] = append(goldenCases[k.name], c)
					break
				}
			}
		}
	})
	return goldenCases[kind], goldenErr
}

// value decodes a golden value into the neutral Config form.
func (v goldenValue) value() (any, error) {
	var out any
	switch v.T {
	case "s":
		var s string
		return s, json.Unmarshal(v.V, &s)
	case "b":
		var b bool
		return b, json.Unmarshal(v.V, &b)
	case "i":
		var i int
		err := json.Unmarshal(v.V, &i)
		return i, err
	case "i64":
		var i int64
		err := json.Unmarshal(v.V, &i)
		return i, err
	case "f64":
		var f float64
		err := json.Unmarshal(v.V, &f)
		return f, err
	case "dur":
		var s string
		if err := json.Unmarshal(v.V, &s); err != nil {
			return nil, err
		}
		return time.ParseDuration(s)
	case "nil":
		return nil, nil
	case "chan":
		return LogChan{}, nil
	case "strs":
		var s []string
		return s, json.Unmarshal(v.V, &s)
	case "map":
		var es []goldenEntry
		if err := json.Unmarshal(v.V, &es); err != nil {
			return nil, err
		}
		m := Config{}
		for _, e := range es {
			x, err := e.value()
			if err != nil {
				return nil, err
			}
			m[e.K] = x
		}
		return m, nil
	}
	return out, fmt.Errorf("unknown golden value type %q", v.T)
}

// construct builds the client of role with cfg and closes it, returning
// the constructor's error. Only the constructor is compared; Close is
// given closeWait, since a confluent-kafka-go consumer with an empty
// group.id never returns from Close (it is then left behind).
func construct(cl Client, role string, cfg Config) error {
	var closer func()
	var err error
	switch role {
	case "producer":
		var p Producer
		if p, err = cl.NewProducer(cfg); err == nil {
			closer = p.Close
		}
	case "consumer":
		var c Consumer
		if c, err = cl.NewConsumer(cfg); err == nil {
			closer = func() { _ = c.Close() }
		}
	case "admin":
		var a Admin
		if a, err = cl.NewAdmin(cfg); err == nil {
			closer = a.Close
		}
	default:
		return fmt.Errorf("unknown role %q", role)
	}
	if closer != nil {
		done := make(chan struct{})
		go func() {
			closer()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(closeWait):
		}
	}
	return err
}

// closeWait bounds the Close of a client made only to check its
// configuration.
const closeWait = 5 * time.Second

// configScenario constructs every case of one kind, without
// bootstrap.servers (none is needed to construct), and logs the outcome.
func configScenario(e *Env, kind string) {
	cases, err := casesOf(kind)
	if err != nil {
		e.T.Fatal(err)
	}
	e.Logf("%d cases", len(cases))
	// librdkafka writes a warning to stderr for every deprecated or
	// ignored property it is given; hundreds of them would bury the
	// test output.
	defer silenceStderr(e.T)()
	cfgs := make([]Config, len(cases))
	for i, c := range cases {
		cfgs[i] = Config{}
		for _, en := range c.Config {
			v, err := en.value()
			if err != nil {
				e.T.Fatalf("%s: %v", c.Name, err)
			}
			cfgs[i][en.K] = v
		}
	}
	// Constructing and closing a librdkafka client takes about 100ms of
	// waiting (its threads' wake-up intervals), little CPU; hundreds of
	// them one after another would take a minute, so they run a few at a
	// time. The results are logged in case order.
	errs := make([]error, len(cases))
	var wg sync.WaitGroup
	sem := make(chan struct{}, constructWorkers)
	for i := range cases {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = construct(e.Client, cases[i].Role, cfgs[i])
		}()
	}
	wg.Wait()
	for i, c := range cases {
		e.Logf("%s: %s", c.Name, e.Err(errs[i]))
	}
}

// constructWorkers is how many clients configScenario builds at once.
const constructWorkers = 16

// silenceStderr points file descriptor 2, where librdkafka logs, at
// /dev/null until the returned function restores it.
func silenceStderr(t *testing.T) func() {
	t.Helper()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	saved, err := unix.Dup(2)
	require.NoError(t, err)
	require.NoError(t, unix.Dup2(int(null.Fd()), 2))
	return func() {
		_ = unix.Dup2(saved, 2)
		_ = unix.Close(saved)
		_ = null.Close()
	}
}

// configMapSet parses "key=value" strings with ConfigMap.Set.
func configMapSet(e *Env) {
	for _, kv := range []string{"a=b", "a", "=b", "a=", "a=b=c", "a==b", "", " a = b ", "a.b.c=1", "="} {
		m, err := e.Client.ConfigMapSet(kv)
		e.Logf("Set(%q) -> %s err=%s", kv, m, e.Err(err))
	}
}

// errorCodeNames renders every error code librdkafka defines, and some
// it does not, with ErrorCode.String().
func errorCodeNames(e *Env) {
	for code := -200; code <= 130; code++ {
		e.Logf("%d %s", code, e.Client.ErrorCodeString(code))
	}
}
