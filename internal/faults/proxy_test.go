package faults

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kbin"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// proxy is a loopback TCP proxy between a client and the brokers that can
// stall, reset and slice the connections it carries: network faults without
// killing a broker.
//
// It listens on one port per broker. Because a client learns broker
// addresses from the brokers themselves, the proxy reads the Kafka frames
// it forwards and rewrites the addresses in the responses that carry them
// (Metadata, FindCoordinator, DescribeCluster, and the leader hints of
// Produce and Fetch), so that every later connection goes through it too.
type proxy struct {
	routes map[string]string // broker address -> proxy address
	lns    []net.Listener
	done   chan struct{} // closed by close
	wg     sync.WaitGroup

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	gate   chan struct{} // closed while traffic flows; open while stalled
	resets int

	slice atomic.Int64 // >0: forward in writes of at most this many bytes
}

// maxFrame bounds a frame the proxy buffers; Kafka's own default socket
// request limit is 100 MiB.
const maxFrame = 100 << 20

// newProxy starts a proxy in front of brokers (host:port as they advertise
// themselves); close it when done.
func newProxy(t *testing.T, brokers []string) *proxy {
	t.Helper()
	p := &proxy{routes: map[string]string{}, done: make(chan struct{}), conns: map[net.Conn]struct{}{}, gate: make(chan struct{})}
	close(p.gate)
	for _, b := range brokers {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		p.lns = append(p.lns, ln)
		p.routes[b] = ln.Addr().String()
		p.wg.Go(func() { p.accept(ln, b) })
	}
	return p
}

// addrs are the proxy's listening addresses, one per broker.
func (p *proxy) addrs() []string {
	var out []string
	for _, ln := range p.lns {
		out = append(out, ln.Addr().String())
	}
	return out
}

// bootstrap is the bootstrap.servers value that reaches the brokers
// through the proxy.
func (p *proxy) bootstrap() string { return strings.Join(p.addrs(), ",") }

func (p *proxy) accept(ln net.Listener, broker string) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return // closed
		}
		b, err := net.Dial("tcp", broker)
		if err != nil {
			_ = c.Close()
			continue
		}
		if !p.track(c, b) {
			return
		}
		// Requests and responses are matched by correlation id: the
		// response's layout depends on the request's key and version.
		var sent sync.Map // correlation id -> [2]int16{key, version}
		p.wg.Go(func() { p.pump(b, c, &sent, true) })
		p.wg.Go(func() { p.pump(c, b, &sent, false) })
	}
}

// track registers a connection pair, or closes it if the proxy is closing.
func (p *proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.done:
		for _, c := range cs {
			_ = c.Close()
		}
		return false
	default:
	}
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	return true
}

// pump forwards frames from src to dst until either fails, then closes both
// so that the other direction ends too.
func (p *proxy) pump(dst, src net.Conn, sent *sync.Map, requests bool) {
	defer func() {
		p.mu.Lock()
		delete(p.conns, src)
		delete(p.conns, dst)
		p.mu.Unlock()
		_ = src.Close()
		_ = dst.Close()
	}()
	var size [4]byte
	for {
		if _, err := io.ReadFull(src, size[:]); err != nil {
			return
		}
		n := binary.BigEndian.Uint32(size[:])
		if n < 4 || n > maxFrame {
			return
		}
		frame := make([]byte, 4+n)
		copy(frame, size[:])
		if _, err := io.ReadFull(src, frame[4:]); err != nil {
			return
		}
		if requests && n >= 8 {
			// request header: key int16, version int16, correlation id int32
			key, version := int16(binary.BigEndian.Uint16(frame[4:])), int16(binary.BigEndian.Uint16(frame[6:]))
			sent.Store(binary.BigEndian.Uint32(frame[8:]), [2]int16{key, version})
		} else if !requests {
			if kv, ok := sent.LoadAndDelete(binary.BigEndian.Uint32(frame[4:])); ok {
				frame = p.rewrite(frame, kv.([2]int16))
			}
		}
		if err := p.write(dst, frame); err != nil {
			return
		}
	}
}

// write sends b to dst, waiting while the proxy is stalled and cutting b
// into slices when slicing is on: the receiver then sees a frame arrive in
// many small reads.
func (p *proxy) write(dst net.Conn, b []byte) error {
	for len(b) > 0 {
		p.mu.Lock()
		gate := p.gate
		p.mu.Unlock()
		select {
		case <-gate:
		case <-p.done:
			return net.ErrClosed
		}
		n := len(b)
		if s := int(p.slice.Load()); s > 0 {
			n = min(n, s)
		}
		if _, err := dst.Write(b[:n]); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}

// rewrite points the broker addresses in a response at the proxy. A
// response it cannot parse is forwarded as it is.
func (p *proxy) rewrite(frame []byte, kv [2]int16) []byte {
	key, version := kv[0], kv[1]
	switch key {
	case int16(kmsg.Produce), int16(kmsg.Fetch), int16(kmsg.Metadata), int16(kmsg.FindCoordinator), int16(kmsg.DescribeCluster):
	default:
		return frame
	}
	resp := kmsg.ResponseForKey(key)
	resp.SetVersion(version)
	body := frame[8:] // after size and correlation id
	header := 0
	if resp.IsFlexible() {
		// flexible response headers carry tagged fields: a count, then
		// (tag, size, data) for each; brokers send none, but skip them.
		r := &kbin.Reader{Src: body}
		kmsg.SkipTags(r)
		if !r.Ok() {
			return frame
		}
		header = len(body) - len(r.Src)
	}
	if err := resp.ReadFrom(body[header:]); err != nil {
		return frame
	}
	changed := false
	route := func(host *string, port *int32) {
		if to, ok := p.routes[net.JoinHostPort(*host, strconv.Itoa(int(*port)))]; ok {
			h, ps, _ := net.SplitHostPort(to)
			pn, _ := strconv.Atoi(ps)
			*host, *port = h, int32(pn)
			changed = true
		}
	}
	switch r := resp.(type) {
	case *kmsg.MetadataResponse:
		for i := range r.Brokers {
			route(&r.Brokers[i].Host, &r.Brokers[i].Port)
		}
	case *kmsg.FindCoordinatorResponse:
		route(&r.Host, &r.Port)
		for i := range r.Coordinators {
			route(&r.Coordinators[i].Host, &r.Coordinators[i].Port)
		}
	case *kmsg.DescribeClusterResponse:
		for i := range r.Brokers {
			route(&r.Brokers[i].Host, &r.Brokers[i].Port)
		}
	case *kmsg.ProduceResponse:
		for i := range r.Brokers {
			route(&r.Brokers[i].Host, &r.Brokers[i].Port)
		}
	case *kmsg.FetchResponse:
		for i := range r.Brokers {
			route(&r.Brokers[i].Host, &r.Brokers[i].Port)
		}
	}
	if !changed {
		return frame
	}
	out := append(make([]byte, 0, len(frame)), frame[:8+header]...)
	out = resp.AppendTo(out)
	binary.BigEndian.PutUint32(out, uint32(len(out)-4))
	return out
}

// stall holds every byte in both directions, on existing and new
// connections, until resume.
func (p *proxy) stall() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.gate:
		p.gate = make(chan struct{})
	default: // already stalled
	}
}

// resume lets traffic flow again after stall.
func (p *proxy) resume() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.gate:
	default:
		close(p.gate)
	}
}

// setSlice makes the proxy forward in writes of at most n bytes; 0 turns
// slicing off.
func (p *proxy) setSlice(n int) { p.slice.Store(int64(n)) }

// reset aborts every open connection with a TCP RST (SO_LINGER 0), as a
// crashed middlebox or a peer's kernel would, and returns how many it cut.
func (p *proxy) reset() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for c := range p.conns {
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		_ = c.Close()
		delete(p.conns, c)
		n++
	}
	p.resets += n
	return n
}

// close stops the proxy and waits for all its goroutines.
func (p *proxy) close() error {
	p.mu.Lock()
	close(p.done)
	p.mu.Unlock()
	var errs []error
	for _, ln := range p.lns {
		if err := ln.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	p.reset()
	p.wg.Wait()
	return errors.Join(errs...)
}

// String summarises the proxy for the test output.
func (p *proxy) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return fmt.Sprintf("%d listeners, %d connections open, %d reset", len(p.lns), len(p.conns), p.resets)
}
