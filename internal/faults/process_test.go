package faults

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Clients that a test crashes run in child processes: kill -9 of a process
// is the only honest client crash, since a goroutine cannot be killed and a
// Close is a clean shutdown. The child is this test binary re-run with
// -test.run naming a helper test that does nothing unless childRoleEnv says
// it is the child.
const childRoleEnv = "PUREKAFKA_FAULTS_CHILD"

// child is one client process.
type child struct {
	name string
	cmd  *exec.Cmd
	out  string // its stdout and stderr
	done chan struct{}
	err  error // its exit status, once done is closed
}

// startChild runs helper test helper as role with env (KEY=VALUE), its
// output going to a file in dir.
func startChild(t *testing.T, dir, name, helper, role string, env ...string) *child {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	out := filepath.Join(dir, name+".out")
	f, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	require.NoError(t, err)
	cmd := exec.Command(exe, "-test.run=^"+helper+"$", "-test.count=1", "-test.timeout=0")
	cmd.Env = append(os.Environ(), append(env, childRoleEnv+"="+role)...)
	cmd.Stdout, cmd.Stderr = f, f
	require.NoError(t, cmd.Start())
	c := &child{name: name, cmd: cmd, out: out, done: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		_ = f.Close()
		close(c.done)
	}()
	t.Cleanup(func() { c.kill() })
	return c
}

// kill sends SIGKILL and waits until the process is gone.
func (c *child) kill() {
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

// stop asks the child to finish (SIGTERM) and waits, killing it after
// limit; it returns the child's exit error.
func (c *child) stop(limit time.Duration) error {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
		return c.err
	case <-time.After(limit):
		c.kill()
		return fmt.Errorf("%s did not stop within %v", c.name, limit)
	}
}

// exited reports whether the child has ended, and how.
func (c *child) exited() (bool, error) {
	select {
	case <-c.done:
		return true, c.err
	default:
		return false, nil
	}
}

// tail is the end of the child's output, for failure messages.
func (c *child) tail() string {
	b, _ := os.ReadFile(c.out)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-30):], "\n")
}

// isChild reports whether this process is the child for role; helper tests
// skip otherwise.
func isChild(role string) bool { return os.Getenv(childRoleEnv) == role }

// journal is an append-only file that child processes write events to and
// the parent reads in order. Each line is one write(2) on an O_APPEND file,
// so lines from different processes never interleave and the file order is
// the order in which the writes happened: the parent can tell whether a
// message was processed before or after an offset commit.
type journal struct {
	mu sync.Mutex
	f  *os.File
}

func openJournal(path string) (*journal, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &journal{f: f}, nil
}

// line appends one line. A failed write ends the child: a journal with a
// gap would make the parent report a loss that did not happen.
func (j *journal) line(format string, args ...any) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.WriteString(fmt.Sprintf(format, args...) + "\n"); err != nil {
		fmt.Fprintln(os.Stderr, "journal:", err)
		os.Exit(2)
	}
}

func (j *journal) close() { _ = j.f.Close() }

// journalReader reads the complete lines a journal has gained since the
// last call; a line still being written is left for the next.
type journalReader struct {
	path string
	off  int64
}

func (r *journalReader) next() ([]string, error) {
	f, err := os.Open(r.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	if _, err := f.Seek(r.off, 0); err != nil {
		return nil, err
	}
	var lines []string
	br := bufio.NewReader(f)
	for {
		s, err := br.ReadString('\n')
		if err != nil { // io.EOF, possibly with a partial line left for later
			return lines, nil
		}
		r.off += int64(len(s))
		lines = append(lines, strings.TrimSuffix(s, "\n"))
	}
}
