package bench

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
)

// theBroker is the cluster of this test binary, opened by TestMain.
var theBroker *broker

// TestMain opens the broker (the real one from KAFKA_BOOTSTRAP, else
// kfake), prints the settings as benchfmt configuration lines when
// benchmarks run, and deletes the benchmark topics at the end.
func TestMain(m *testing.M) {
	flag.Parse()
	b, err := openBroker()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	theBroker = b
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		printSettings(os.Stdout, b)
	}
	code := m.Run()
	b.close()
	os.Exit(code)
}

// topics caches the topic of each sub-benchmark, so the repeated calls
// go test makes of one benchmark (to size b.N, and for -count) share it.
var topics sync.Map // benchmark name -> topic

// topicFor returns the sub-benchmark's topic, creating it on first use.
func topicFor(b *testing.B) string {
	if t, ok := topics.Load(b.Name()); ok {
		return t.(string)
	}
	t, err := theBroker.topic(b.Name())
	if err != nil {
		b.Fatal(err)
	}
	topics.Store(b.Name(), t)
	return t
}
