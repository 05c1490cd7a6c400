package client

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLinkInfoNamesFranzGo: LibrdkafkaLinkInfo names the franz-go version
// go.mod requires, so that it cannot go stale when franz-go is upgraded, and
// the librdkafka version LibraryVersion reports.
func TestLinkInfoNamesFranzGo(t *testing.T) {
	data, err := os.ReadFile("../go.mod")
	require.NoError(t, err)
	version := requiredVersion(data, "github.com/twmb/franz-go")
	require.NotEmpty(t, version, "go.mod requires github.com/twmb/franz-go")
	assert.Contains(t, LibrdkafkaLinkInfo, "franz-go "+version+" ")
	_, lib := LibraryVersion()
	assert.Contains(t, LibrdkafkaLinkInfo, "librdkafka "+lib+" ")
}

// requiredVersion returns the version go.mod requires of module path, in
// either the single-line or the block form of require, or "".
func requiredVersion(gomod []byte, path string) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		if len(fields) >= 2 && fields[0] == path {
			return fields[1]
		}
	}
	return ""
}

func TestRequiredVersion(t *testing.T) {
	gomod := []byte("module m\n\nrequire example.com/a v1.0.0\n\nrequire (\n\texample.com/b v0.2.0 // indirect\n\texample.com/bb v9.9.9\n)\n")
	for path, want := range map[string]string{"example.com/a": "v1.0.0", "example.com/b": "v0.2.0", "example.com/c": ""} {
		assert.Equal(t, want, requiredVersion(gomod, path), path)
	}
}
