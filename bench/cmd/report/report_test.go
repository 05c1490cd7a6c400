package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sample is go test output shaped like the suite's, three runs of two
// workloads, with a warning line in the middle as librdkafka may print.
const sample = `report-mode: full
report-rounds: 3
report-load-before: 1.00 1.00 1.00
broker: kafka (real Apache Kafka at 127.0.0.1:9092)
kafka-version: 4.4.0
goos: linux
cpu: AMD EPYC
BenchmarkProduce/size=100/codec=none/client=purekafka-2   1000   900 ns/op   120.0 MB/s   3.0 allocs/msg   1000 cpu-ns/msg   1100000 msgs/s
BenchmarkProduce/size=100/codec=none/client=confluent-2   1000   1500 ns/op  70.0 MB/s    7.0 allocs/msg   2000 cpu-ns/msg   600000 msgs/s
BenchmarkProduce/size=100/codec=none/client=franz-go-2    1000   600 ns/op   180.0 MB/s   1.0 allocs/msg   500 cpu-ns/msg    1600000 msgs/s
%4|1795650565.099|CONFWARN|rdkafka#consumer-2| a warning
BenchmarkProduce/size=100/codec=none/client=purekafka-2   1000   900 ns/op   120.0 MB/s   3.0 allocs/msg   1200 cpu-ns/msg   1300000 msgs/s
BenchmarkProduce/size=100/codec=none/client=confluent-2   1000   1500 ns/op  70.0 MB/s    7.0 allocs/msg   2400 cpu-ns/msg   700000 msgs/s
BenchmarkProduce/size=100/codec=none/client=franz-go-2    1000   600 ns/op   180.0 MB/s   1.0 allocs/msg   550 cpu-ns/msg    1500000 msgs/s
BenchmarkProduce/size=100/codec=none/client=purekafka-2   1000   900 ns/op   120.0 MB/s   3.0 allocs/msg   1100 cpu-ns/msg   1200000 msgs/s
BenchmarkProduceLatency/size=100/client=purekafka-2   100   2000000 ns/op   0.06 MB/s   40 allocs/msg   300000 cpu-ns/msg   500 msgs/s   400 p50-us   2000 p99-us
BenchmarkProduceLatency/size=100/client=confluent-2   100   2000000 ns/op   0.06 MB/s   13 allocs/msg   300000 cpu-ns/msg   500 msgs/s   450 p50-us   5000 p99-us
PASS
report-load-after: 2.00 2.00 2.00
report-duration: 1m0s
`

func TestParseMediansAndTargets(t *testing.T) {
	r, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.workloads, ","); got != "Produce/size=100/codec=none,ProduceLatency/size=100" {
		t.Fatalf("workloads %q", got)
	}
	if got := strings.Join(r.clients, ","); got != "purekafka,confluent,franz-go" {
		t.Fatalf("clients %q", got)
	}
	if m, _ := r.medianOf("Produce/size=100/codec=none", "purekafka", "msgs/s"); m != 1200000 {
		t.Errorf("odd median %v, want 1200000", m)
	}
	if m, _ := r.medianOf("Produce/size=100/codec=none", "confluent", "msgs/s"); m != 650000 {
		t.Errorf("even median %v, want 650000", m)
	}
	if r.config["kafka-version"] != "4.4.0" || r.config["cpu"] != "AMD EPYC" {
		t.Errorf("config %v", r.config)
	}

	var md bytes.Buffer
	writeMarkdown(&md, r, machine{cores: 2, cpuModel: "AMD EPYC", goVersion: "go1.26"}, "results.png", "results.bench")
	out := md.String()
	for _, want := range []string{
		"| Produce/size=100/codec=none: purekafka msgs/s >= 1.2x confluent | met | 1.85x (1,200,000 vs 650,000 msgs/s) |",
		"| Produce/size=100/codec=none: purekafka msgs/s >= 0.9x franz-go | **missed** | 0.77x",
		"| Produce/size=100/codec=none: purekafka allocs/msg within 2 of franz-go | met | 3.00 vs 1.00 |",
		"| ProduceLatency/size=100: purekafka p99 <= confluent p99 | met |",
		"| purekafka | 1,200,000 | 1.85× | 0.77× |",
		"median of 3 runs",
		"| load average (1/5/15 min) before / after | 1.00 1.00 1.00 / 2.00 2.00 2.00 |",
		"| report-rounds |", // run facts are not repeated as settings
		"| sarama |",        // absent from the input: not in the table at all
	} {
		absent := want == "| sarama |" || want == "| report-rounds |"
		if strings.Contains(out, want) == absent {
			t.Errorf("report: presence of %q is wrong in:\n%s", want, out)
		}
	}

	png := filepath.Join(t.TempDir(), "chart.png")
	if err := writeChart(png, r); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(png); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("chart is not a PNG (%v)", err)
	}
}

func TestThousands(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 1234567.4: "1,234,567", -1234: "-1,234"} {
		if got := thousands(v); got != want {
			t.Errorf("thousands(%v) = %q, want %q", v, got, want)
		}
	}
}
