// Package testenv holds the scripts that set up the test environment; this
// test checks that kafka.sh fails fast and clearly when the environment is
// wrong, instead of hanging.
package testenv

import (
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
		out, err := runScript(t, []string{"KAFKA_DIR=" + scratchKafkaDir(t, true),
			"KAFKA_PORT_BASE=" + strconv.Itoa(freePort(t)), "KAFKA_START_TIMEOUT=0"}, "up")
		require.Error(t, err)
		assert.Contains(t, out, "not listening on 127.0.0.1")
		assert.Contains(t, out, "after 0s")
	})
}
