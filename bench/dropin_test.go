package bench

import (
	"bytes"
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// purekafka is a drop-in replacement for confluent-kafka-go, so its
// benchmark code is confluent's with one import changed: each
// purekafka_*_test.go twin is generated from confluent_*_test.go by
// twinSource. TestDropInTwins fails when a twin is stale;
//
//	go test -run TestDropInTwins -update-twins
//
// rewrites them.
var updateTwins = flag.Bool("update-twins", false, "rewrite purekafka_*_test.go from confluent_*_test.go")

const (
	confluentImport = `"github.com/confluentinc/confluent-kafka-go/v2/kafka"`
	purekafkaImport = `"github.com/purekafka/purekafka/kafka"`
)

// twinPairs are the files that have a purekafka twin.
var twinPairs = map[string]string{
	"confluent_produce_test.go": "purekafka_produce_test.go",
	"confluent_consume_test.go": "purekafka_consume_test.go",
}

var (
	ckIdent       = regexp.MustCompile(`\bck([A-Z])`)
	confluentOnly = regexp.MustCompile(`(?m)^.*// confluent-only\n`)
)

// twinSource turns a confluent file into its purekafka twin: the import
// path, the "ck" identifier prefix (to "pk") and the registered client name
// change, and lines marked "// confluent-only" (librdkafka tuning that
// purekafka would only warn about) are dropped; nothing else changes.
func twinSource(src []byte) ([]byte, error) {
	out := confluentOnly.ReplaceAll(src, nil)
	out = bytes.ReplaceAll(out, []byte(confluentImport), []byte(purekafkaImport))
	out = ckIdent.ReplaceAll(out, []byte("pk$1"))
	out = bytes.ReplaceAll(out, []byte(`("confluent", `), []byte(`("purekafka", `))
	header := []byte("// Code generated from confluent_*_test.go by dropin_test.go (go test -run TestDropInTwins -update-twins). DO NOT EDIT.\n\n")
	return format.Source(append(header, out...))
}

func TestDropInTwins(t *testing.T) {
	for from, to := range twinPairs {
		src, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		want, err := twinSource(src)
		if err != nil {
			t.Fatalf("%s: %v", from, err)
		}
		if *updateTwins {
			if err := os.WriteFile(to, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(filepath.Clean(to))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not the twin of %s: run go test -run TestDropInTwins -update-twins", to, from)
		}
	}
}
