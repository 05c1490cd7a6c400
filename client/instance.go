package client

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// instanceCounter numbers client instances process-wide, shared by every
// handle kind, because librdkafka names its instances that way
// ("rdkafka#producer-1", "rdkafka#consumer-2") and applications log and
// match on those names. It is the one piece of package-level mutable state.
var instanceCounter atomic.Int64

// Instance is what every client kind (Producer, Consumer, AdminClient) owns: the
// franz-go client, the instance name, the log channel and the fatal-error
// state. Queries that confluent offers on all handles (metadata, watermarks,
// offsets for times) live here once.
type Instance struct {
	// Client is the franz-go client doing the work.
	Client *kgo.Client

	cfg     *Config
	name    string
	mock    *MockCluster // test.mock.num.brokers' cluster, or nil
	logs    chan LogEvent
	ownLogs bool // the handle made logs, so it closes it
	// logsMu orders log sends against Close closing an owned logs
	// channel: franz-go can still log from a response being handled after
	// its Close returned.
	logsMu     sync.RWMutex
	logsClosed bool

	fatalMu sync.Mutex
	fatal   *Error

	relay    eventRelay
	connHook *connErrors
	// log is shared by every franz-go client of the handle, so that a
	// consumer's group client logs at the same level as its first one.
	log *logger

	closeOnce sync.Once
	closed    atomic.Bool
}

// InstanceKind is librdkafka's instance type, part of the instance name.
type InstanceKind string

// The instance types librdkafka knows. An AdminClient is a producer-type
// instance in librdkafka, and its name says so.
const (
	KindProducer InstanceKind = "producer"
	KindConsumer InstanceKind = "consumer"
)

// NewInstance creates the franz-go client for cfg with extra options appended
// (role-specific ones such as the partitioner or group settings), names the
// instance and wires logging. cfg.Warnings are logged once, here.
func NewInstance(kind InstanceKind, cfg *Config, extra ...kgo.Opt) (*Instance, error) {
	h := &Instance{
		cfg:  cfg,
		name: fmt.Sprintf("%s#%s-%d", cfg.ClientID, kind, instanceCounter.Add(1)),
	}
	if cfg.GoLogsChannelEnable {
		h.logs = cfg.GoLogsChannel
		if h.logs == nil {
			h.logs = make(chan LogEvent, 10000)
			h.ownLogs = true
		}
	}
	h.connHook = &connErrors{h: h}
	threshold := cfg.LogLevel
	if len(cfg.Debug) > 0 {
		threshold = 7 // librdkafka raises log_level to debug when debug contexts are set
	}
	lg := &logger{h: h, level: kgoLogLevel(cfg.LogLevel, len(cfg.Debug) > 0), threshold: threshold}
	h.log = lg
	opts := make([]kgo.Opt, 0, len(cfg.Opts)+len(extra)+2)
	opts = append(opts, cfg.Opts...)
	opts = append(opts, extra...)
	opts = append(opts, kgo.WithLogger(lg), kgo.WithHooks(h.connHook))
	if cfg.MockNumBrokers > 0 {
		// test.mock.num.brokers: librdkafka starts a mock cluster of its
		// own for the handle and ignores bootstrap.servers.
		mc, err := NewMockCluster(cfg.MockNumBrokers)
		if err != nil {
			return nil, err
		}
		if cfg.MockBrokerRTT > 0 {
			for id := 1; id <= cfg.MockNumBrokers; id++ {
				_ = mc.SetRoundtripDuration(id, cfg.MockBrokerRTT)
			}
		}
		h.mock = mc
		opts = append(opts, kgo.SeedBrokers(strings.Split(mc.BootstrapServers(), ",")...))
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		if h.mock != nil {
			h.mock.Close()
		}
		// kgo validates option combinations NewConfig did not anticipate;
		// report them as librdkafka reports bad configuration.
		return nil, Errorf(ErrInvalidArg, "%v", err)
	}
	h.Client = cl
	for _, w := range cfg.Warnings {
		lg.emit(4, "CONFWARN", w)
	}
	if cfg.oauth != nil {
		// The first token is requested now, before any connection, as
		// librdkafka does when the handle is created.
		cfg.oauth.start(h.relay.emit)
	}
	return h, nil
}

// String returns the instance name, such as "rdkafka#producer-1".
func (h *Instance) String() string { return h.name }

// Logs returns the log channel, or nil unless go.logs.channel.enable is set.
func (h *Instance) Logs() chan LogEvent { return h.logs }

// IsClosed reports whether Close was called.
func (h *Instance) IsClosed() bool { return h.closed.Load() }

// MarkClosed records that the handle is closing and reports whether this call
// did it: the owner runs its own shutdown only once, then calls Close.
func (h *Instance) MarkClosed() bool { return h.closed.CompareAndSwap(false, true) }

// Close closes the franz-go client and, if the handle made it, the log
// channel. Idempotent.
func (h *Instance) Close() {
	h.closed.Store(true)
	h.closeOnce.Do(func() {
		if h.cfg.oauth != nil {
			h.cfg.oauth.stop()
		}
		h.relay.close()
		h.Client.Close()
		if h.mock != nil {
			h.mock.Close()
		}
		if h.ownLogs {
			h.logsMu.Lock()
			h.logsClosed = true
			close(h.logs)
			h.logsMu.Unlock()
		}
	})
}

// FatalError returns the first fatal error raised on this instance, or nil.
func (h *Instance) FatalError() error {
	h.fatalMu.Lock()
	defer h.fatalMu.Unlock()
	if h.fatal == nil {
		return nil
	}
	return *h.fatal
}

// SetFatal records err (marked fatal) as the instance's fatal error unless one
// is already set, as librdkafka keeps the first. It reports whether err was
// recorded, so the caller emits the Error event only once.
func (h *Instance) SetFatal(err Error) bool {
	err = WithFatal(err)
	h.fatalMu.Lock()
	defer h.fatalMu.Unlock()
	if h.fatal != nil {
		return false
	}
	h.fatal = &err
	return true
}

// logger adapts kgo's logger to librdkafka's: LogEvents on the log channel when
// the application asked for them, otherwise warnings and errors on stderr in
// librdkafka's line format.
type logger struct {
	h     *Instance
	level kgo.LogLevel
	// threshold is log_level: lines of a higher (less severe) syslog
	// level are dropped, as librdkafka drops them, CONFWARN included.
	threshold int
}

func (l *logger) Level() kgo.LogLevel { return l.level }

func (l *logger) Log(level kgo.LogLevel, msg string, keyvals ...any) {
	var b strings.Builder
	b.WriteString(msg)
	for i := 0; i+1 < len(keyvals); i += 2 {
		fmt.Fprintf(&b, " %v=%v", keyvals[i], keyvals[i+1])
	}
	l.emit(syslogLevel(level), tagOf(msg), b.String())
}

func (l *logger) emit(syslog int, tag, msg string) {
	if syslog > l.threshold {
		return
	}
	ev := LogEvent{Name: l.h.name, Tag: tag, Message: msg, Level: syslog, Timestamp: time.Now()}
	if l.h.logs != nil {
		// Never block franz-go's goroutines on an application that stopped
		// reading its log channel; a dropped log line is the lesser harm.
		l.h.logsMu.RLock()
		if !l.h.logsClosed {
			trySendLog(l.h.logs, ev)
		}
		l.h.logsMu.RUnlock()
		return
	}
	if syslog <= 4 {
		fmt.Fprintf(os.Stderr, "%%%d|%.3f|%s|%s| %s\n", syslog,
			float64(ev.Timestamp.UnixMilli())/1000, tag, l.h.name, msg)
	}
}

// trySendLog sends ev unless the channel is full or closed.
func trySendLog(c chan LogEvent, ev LogEvent) {
	defer func() { _ = recover() }() // the application may close its own channel
	select {
	case c <- ev:
	default:
	}
}

// syslogLevel maps kgo levels to the syslog severities LogEvent.Level uses.
func syslogLevel(l kgo.LogLevel) int {
	switch l {
	case kgo.LogLevelError:
		return 3
	case kgo.LogLevelWarn:
		return 4
	case kgo.LogLevelInfo:
		return 6
	default:
		return 7
	}
}

// kgoLogLevel maps librdkafka's log_level (syslog 0..7) and debug contexts to
// the most verbose kgo level worth producing.
func kgoLogLevel(logLevel int, debug bool) kgo.LogLevel {
	switch {
	case debug || logLevel >= 7:
		return kgo.LogLevelDebug
	case logLevel >= 5:
		return kgo.LogLevelInfo
	case logLevel == 4:
		return kgo.LogLevelWarn
	default:
		return kgo.LogLevelError
	}
}

// tagOf derives a librdkafka-like facility from a kgo log message, since kgo
// has no facilities and users filter on LogEvent.Tag.
func tagOf(msg string) string {
	m := strings.ToLower(msg)
	switch {
	case strings.Contains(m, "metadata"):
		return "METADATA"
	case strings.Contains(m, "group"), strings.Contains(m, "heartbeat"), strings.Contains(m, "assign"):
		return "CGRP"
	case strings.Contains(m, "fetch"):
		return "FETCH"
	case strings.Contains(m, "produc"):
		return "PRODUCE"
	case strings.Contains(m, "connect"), strings.Contains(m, "dial"):
		return "CONNECT"
	case strings.Contains(m, "sasl"), strings.Contains(m, "auth"):
		return "SASL"
	case strings.Contains(m, "transact"), strings.Contains(m, "txn"):
		return "TXN"
	default:
		return "KGO"
	}
}
