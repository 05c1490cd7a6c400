// Package testenv holds the scripts that set up the test environment; this
// test checks that kafka.sh fails fast and clearly when the environment is
// wrong, instead of hanging.
package testenv

import (
	"bufio"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scratchKafkaDir returns an empty KAFKA_DIR that reuses the repository's
// downloaded jars, if there are any, so no test here needs the network.
func scratchKafkaDir(t *testing.T, withJars bool) string {
	t.Helper()
	dir := t.TempDir()
	if withJars {
		libs, _ := filepath.Glob("../../.kafka/lib-*")
		var lib string
		for _, l := range libs {
			if _, err := os.Stat(filepath.Join(l, ".ready")); err == nil {
				lib = l
			}
		}
		if lib == "" {
			t.Skip("no Kafka jars in .kafka/: run `make deps` first")
		}
		abs, err := filepath.Abs(lib)
		require.NoError(t, err)
		require.NoError(t, os.Symlink(abs, filepath.Join(dir, filepath.Base(lib))))
		t.Setenv("KAFKA_VERSION", strings.TrimPrefix(filepath.Base(lib), "lib-"))
	}
	return dir
}

func runScript(t *testing.T, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{"kafka.sh"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	t.Cleanup(func() {
		down := exec.Command("bash", "kafka.sh", "down")
		down.Env = cmd.Env
		_ = down.Run()
	})
	return string(out), err
}

// freePortPair returns a port p such that p and p+1 (a node's PLAINTEXT
// and controller ports) are free, from below Linux's ephemeral range
// (32768-60999) and away from the project's brokers: a random free port can
// have a neighbour that an outgoing connection takes a moment later.
func freePortPair(t *testing.T) int {
	t.Helper()
	for p := 21000 + rand.IntN(6000); p < 27998; p += 2 {
		var ls []net.Listener
		for _, q := range []int{p, p + 1} {
			if l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(q)); err == nil {
				ls = append(ls, l)
			}
		}
		for _, l := range ls {
			require.NoError(t, l.Close())
		}
		if len(ls) == 2 {
			return p
		}
	}
	t.Fatal("no two free neighbouring ports in 21000-27999")
	return 0
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	return port
}

func TestKafkaScriptBadEnvironment(t *testing.T) {
	t.Run("no java", func(t *testing.T) {
		out, err := runScript(t, []string{"KAFKA_DIR=" + scratchKafkaDir(t, false), "JAVA=/nonexistent/java"}, "up")
		require.Error(t, err)
		assert.Contains(t, out, "java not found")
	})
	t.Run("no maven", func(t *testing.T) {
		java, err := exec.LookPath("java")
		if err != nil {
			t.Skip("java is needed to get as far as Maven")
		}
		bin := t.TempDir()
		for _, tool := range []string{"bash", "awk", "cat", "head", "base64", "tr", "mkdir", "rm", "dirname"} {
			if p, err := exec.LookPath(tool); err == nil {
				require.NoError(t, os.Symlink(p, filepath.Join(bin, tool)))
			}
		}
		out, err := runScript(t, []string{"KAFKA_DIR=" + scratchKafkaDir(t, false), "JAVA=" + java, "PATH=" + bin}, "fetch")
		require.Error(t, err)
		assert.Contains(t, out, "mvn not found")
	})
	t.Run("port taken", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer func() { _ = l.Close() }()
		port := l.Addr().(*net.TCPAddr).Port
		out, err := runScript(t, []string{"KAFKA_DIR=" + scratchKafkaDir(t, true), "KAFKA_PORT_BASE=" + strconv.Itoa(port)}, "up")
		require.Error(t, err)
		assert.Contains(t, out, "is taken by another process")
	})
	t.Run("not up in time", func(t *testing.T) {
		// A stand-in for java that passes the version check and the
		// storage format, then "starts" a broker that only logs a line and
		// never listens: the script must give up after its timeout and
		// show that line from the broker's log.
		java := filepath.Join(t.TempDir(), "java")
		require.NoError(t, os.WriteFile(java, []byte(`#!/usr/bin/env bash
case "$*" in
  *-version*) echo 'openjdk version "17.0.99"' >&2 ;;
  *kafka.Kafka*) echo "stand-in broker: never listens"; while :; do sleep 0.2; done ;;
esac
`), 0o755))
		out, err := runScript(t, []string{"KAFKA_DIR=" + scratchKafkaDir(t, true), "JAVA=" + java,
			"KAFKA_PORT_BASE=" + strconv.Itoa(freePort(t)), "KAFKA_START_TIMEOUT=2"}, "up")
		require.Error(t, err)
		assert.Contains(t, out, "not listening on 127.0.0.1")
		assert.Contains(t, out, "after 2s")
		assert.Contains(t, out, "stand-in broker: never listens", "the tail of the broker's log is printed")
	})
}

// skipInFastMode skips tests that start a real broker when `make test-fast`
// (embedded broker only) runs them.
func skipInFastMode(t *testing.T) {
	if os.Getenv("PUREKAFKA_FAST") == "1" {
		t.Skip("starts a real broker; make test-fast runs the embedded broker only")
	}
}

// TestKafkaScriptPortHeldByAConnection: a port the broker needs but that an
// outgoing connection holds as its local port cannot be bound, yet nothing
// listens on it, so the script's port check lets the start go ahead and the
// broker shuts itself down. The script must see that start fail instead of
// calling the broker ready, and start it again once the port is free. (Port
// bases from 32768 lie in Linux's ephemeral range, where this happens.)
func TestKafkaScriptPortHeldByAConnection(t *testing.T) {
	skipInFastMode(t)
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java is needed to start a broker")
	}
	dir := scratchKafkaDir(t, true)
	base := freePortPair(t)
	peer, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer func() { _ = peer.Close() }()
	dialer := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: base}}
	holder, err := dialer.Dial("tcp", peer.Addr().String())
	require.NoError(t, err)
	defer func() { _ = holder.Close() }()
	accepted, err := peer.Accept()
	require.NoError(t, err)
	defer func() { _ = accepted.Close() }()
	// Closing the peer's end first leaves TIME_WAIT on the peer's port: the
	// holder's end, closed second, lets its port go at once, not after the
	// minute of TIME_WAIT the script would otherwise (rightly) wait out.
	release := func() {
		require.NoError(t, accepted.Close())
		_, err := holder.Read(make([]byte, 1))
		require.Error(t, err, "the peer's FIN has arrived")
		require.NoError(t, holder.Close())
	}

	env := append(os.Environ(), "KAFKA_DIR="+dir, "KAFKA_PORT_BASE="+strconv.Itoa(base))
	cmd := exec.Command("bash", "kafka.sh", "up")
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		down := exec.Command("bash", "kafka.sh", "down")
		down.Env = env
		_ = down.Run()
	})
	var lines []string
	retried := false
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if !retried && strings.Contains(sc.Text(), "starting it again") {
			retried = true
			release()
		}
	}
	out := strings.Join(lines, "\n")
	require.NoError(t, cmd.Wait(), out)
	assert.True(t, retried, "the failed start was retried: %s", out)
	assert.Contains(t, out, "port(s) "+strconv.Itoa(base)+" in use by a connection")
	assert.Contains(t, out, "ready, 1 node(s)")
}
