package compat

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// adapter_purekafka_test.go is adapter_confluent_test.go with the import
// path and the word "confluent" replaced, so that both clients are driven
// by the same adapter code line for line. Both words have nine letters, so
// the replacement keeps gofmt's alignment. Regenerate it with `go generate`
// after editing adapter_confluent_test.go.

//go:generate sh -c "{ echo '// Code generated from adapter_confluent_test.go by go generate (twin_test.go); DO NOT EDIT.'; echo; sed -e 's|github.com/confluentinc/confluent-kafka-go/v2/kafka|github.com/purekafka/purekafka/kafka|' -e 's/confluent/purekafka/g' -e 's/Confluent/Purekafka/g' adapter_confluent_test.go; } > adapter_purekafka_test.go"

const twinHeader = "// Code generated from adapter_confluent_test.go by go generate (twin_test.go); DO NOT EDIT.\n\n"

// twin is what go generate writes, computed in Go.
func twin(src string) string {
	src = strings.ReplaceAll(src, "github.com/confluentinc/confluent-kafka-go/v2/kafka", "github.com/purekafka/purekafka/kafka")
	src = strings.ReplaceAll(src, "confluent", "purekafka")
	src = strings.ReplaceAll(src, "Confluent", "Purekafka")
	return twinHeader + src
}

// TestAdapterTwin fails when adapter_purekafka_test.go is not the
// generated twin of adapter_confluent_test.go.
func TestAdapterTwin(t *testing.T) {
	src, err := os.ReadFile("adapter_confluent_test.go")
	require.NoError(t, err)
	got, err := os.ReadFile("adapter_purekafka_test.go")
	require.NoError(t, err)
	require.Equal(t, twin(string(src)), string(got), "adapter_purekafka_test.go is stale: run go generate in compat/")
}
