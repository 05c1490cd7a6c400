// Command report runs the bench suite several times, interleaved, and writes
// the medians as bench/RESULTS.md, a PNG chart (bench/results.png) and the
// raw go test output (bench/results.bench, which benchstat reads).
//
// Run it from the bench directory with the broker's environment loaded:
//
//	eval "$(bash ../internal/testenv/kafka.sh env)" && go run ./cmd/report
//
// go run ./cmd/report -from results.bench re-renders the report and chart
// from an earlier run's raw output without running anything.
//
// Each round runs every workload once in fresh test processes, so clients
// alternate in time and a burst of machine noise hits one sample of several
// clients rather than every sample of one. Without KAFKA_BOOTSTRAP the suite
// falls back to kfake, and RESULTS.md says so.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// job is one go test invocation: the benchmarks matching bench, each doing
// msgs messages (b.N, via -benchtime Nx).
type job struct {
	bench string
	msgs  int
}

// fullJobs are the workloads and message counts of the full report; each run
// of a throughput benchmark lasts about a second or more on 2 cores.
var fullJobs = []job{
	{`^BenchmarkProduce$/size=100/`, 1_000_000},
	{`^BenchmarkProduce$/size=1024/`, 300_000},
	{`^BenchmarkProduceLatency$`, 2_000},
	{`^BenchmarkConsume`, 1_000_000}, // Consume and ConsumeGroupCommit share one filled topic
}

// quickJobs check the tool itself in seconds.
var quickJobs = []job{
	{`^BenchmarkProduce$/size=100/codec=none/`, 20_000},
	{`^BenchmarkProduceLatency$`, 50},
	{`^BenchmarkConsume`, 20_000},
}

func main() {
	rounds := flag.Int("rounds", 5, "how many times to run every workload (the median is reported)")
	quick := flag.Bool("quick", false, "tiny workloads and one round, to check the tool; numbers mean nothing")
	out := flag.String("out", "RESULTS.md", "the Markdown report to write")
	png := flag.String("png", "results.png", "the chart to write")
	raw := flag.String("raw", "results.bench", "where to keep the raw go test output (benchstat input; bench/*.txt is gitignored)")
	from := flag.String("from", "", "render the report from this raw output of an earlier run instead of running the suite")
	flag.Parse()

	jobs := fullJobs
	if *quick {
		jobs, *rounds = quickJobs, 1
	}
	var err error
	if *from != "" {
		err = render(*from, *out, *png)
	} else {
		err = run(jobs, *rounds, *quick, *out, *png, *raw)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// The raw output starts and ends with lines recording how it was made, in
// the benchfmt configuration syntax so that benchstat passes over them.
const (
	keyMode       = "report-mode"
	keyRounds     = "report-rounds"
	keyJobs       = "report-messages-per-run"
	keyLoadBefore = "report-load-before"
	keyLoadAfter  = "report-load-after"
	keyDuration   = "report-duration"
)

// render writes the report from a raw output file.
func render(rawPath, out, png string) error {
	f, err := os.Open(rawPath)
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := parse(f)
	if err != nil {
		return err
	}
	if len(res.workloads) == 0 {
		return fmt.Errorf("no benchmark results in %s", rawPath)
	}
	var md bytes.Buffer
	writeMarkdown(&md, res, probeMachine(), filepath.Base(png), filepath.Base(rawPath))
	if err := os.WriteFile(out, md.Bytes(), 0o644); err != nil {
		return err
	}
	if err := writeChart(png, res); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	fmt.Fprintf(os.Stderr, "report: wrote %s and %s from %s\n", out, png, rawPath)
	return nil
}

func run(jobs []job, rounds int, quick bool, out, png, raw string) error {
	tmp, err := os.MkdirTemp("", "bench-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "bench.test")
	fmt.Fprintln(os.Stderr, "report: building the test binary")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go test -c: %w", err)
	}

	rawFile, err := os.Create(raw)
	if err != nil {
		return err
	}
	defer rawFile.Close()

	mode := "full"
	if quick {
		mode = "quick (tiny workloads, one run: the numbers only show that the tool works)"
	}
	var counts []string
	for _, j := range jobs {
		counts = append(counts, fmt.Sprintf("`%s` %s", j.bench, thousands(float64(j.msgs))))
	}
	fmt.Fprintf(rawFile, "%s: %s\n%s: %d\n%s: %s\n%s: %s\n", keyMode, mode, keyRounds, rounds,
		keyJobs, strings.Join(counts, "; "), keyLoadBefore, loadAverage())
	started := time.Now()
	for r := 1; r <= rounds; r++ {
		for _, j := range jobs {
			fmt.Fprintf(os.Stderr, "report: round %d/%d: %s x%d\n", r, rounds, j.bench, j.msgs)
			if err := runJob(bin, j, rawFile); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(rawFile, "%s: %s\n%s: %v\n", keyLoadAfter, loadAverage(), keyDuration, time.Since(started).Round(time.Second))
	if err := rawFile.Close(); err != nil {
		return err
	}
	return render(raw, out, png)
}

// runJob runs one go test invocation, echoing its result lines to stderr
// and copying its whole output to w.
func runJob(bin string, j job, w io.Writer) error {
	cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", j.bench,
		"-test.benchtime", fmt.Sprintf("%dx", j.msgs), "-test.count", "1", "-test.timeout", "60m")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(w, line)
		if strings.HasPrefix(line, "Benchmark") || strings.HasPrefix(line, "---") || strings.Contains(line, "FAIL") {
			fmt.Fprintln(os.Stderr, "  ", line)
		}
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%s: %w", j.bench, err)
	}
	return sc.Err()
}
