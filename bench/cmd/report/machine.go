package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// machine describes where the report ran.
type machine struct {
	cores     int
	cpuModel  string
	goVersion string
	kernel    string
	memory    string
}

func probeMachine() machine {
	m := machine{cores: runtime.NumCPU(), cpuModel: "unknown", goVersion: runtime.Version()}
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		m.goVersion = strings.TrimSpace(string(out)) // the toolchain that built the suite
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpuModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "MemTotal:") {
				m.memory = strings.Join(strings.Fields(strings.TrimPrefix(line, "MemTotal:")), " ")
				break
			}
		}
	}
	return m
}

// loadAverage is /proc/loadavg's 1, 5 and 15 minute load, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
