package main

import (
	"bufio"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// results are the parsed benchmark lines: per workload, per client, the
// samples of every metric, plus the configuration lines of the output.
type results struct {
	workloads []string                       // in order of appearance
	clients   []string                       // in order of appearance
	samples   map[string]map[string]*samples // workload -> client -> samples
	config    map[string]string              // "key: value" lines, first value
	configKey []string                       // their order
}

// samples are the values of each metric over the runs of one benchmark.
type samples map[string][]float64

// median returns the median of metric, and whether there was any sample.
func (s samples) median(metric string) (float64, bool) {
	vs := slices.Clone(s[metric])
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2], true
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2, true
}

// span returns the smallest and largest sample of metric.
func (s samples) span(metric string) (lo, hi float64) {
	vs := s[metric]
	if len(vs) == 0 {
		return 0, 0
	}
	return slices.Min(vs), slices.Max(vs)
}

var (
	configLine = regexp.MustCompile(`^([a-z][a-zA-Z0-9_-]*): (.*)$`)
	procSuffix = regexp.MustCompile(`-\d+$`)
)

// parse reads go test -bench output (the benchfmt text format).
func parse(r io.Reader) (*results, error) {
	res := &results{samples: map[string]map[string]*samples{}, config: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := configLine.FindStringSubmatch(line); m != nil {
			if _, ok := res.config[m[1]]; !ok {
				res.config[m[1]] = m[2]
				res.configKey = append(res.configKey, m[1])
			}
			continue
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 {
			continue
		}
		name := procSuffix.ReplaceAllString(f[0], "")
		workload, client, ok := strings.Cut(name, "/client=")
		if !ok {
			continue
		}
		workload = strings.TrimPrefix(workload, "Benchmark")
		byClient := res.samples[workload]
		if byClient == nil {
			byClient = map[string]*samples{}
			res.samples[workload] = byClient
			res.workloads = append(res.workloads, workload)
		}
		s := byClient[client]
		if s == nil {
			s = &samples{}
			byClient[client] = s
		}
		if !slices.Contains(res.clients, client) {
			res.clients = append(res.clients, client)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			(*s)[f[i+1]] = append((*s)[f[i+1]], v)
		}
	}
	return res, sc.Err()
}

// get returns the samples of client in workload, or nil.
func (r *results) get(workload, client string) samples {
	if s := r.samples[workload][client]; s != nil {
		return *s
	}
	return nil
}

// medianOf is the median of metric for client in workload.
func (r *results) medianOf(workload, client, metric string) (float64, bool) {
	s := r.get(workload, client)
	if s == nil {
		return 0, false
	}
	return s.median(metric)
}
