# purekafka: every task a developer or CI runs. `make help` lists them.
SHELL   := /bin/bash
GO      ?= go
KAFKA   := bash $(CURDIR)/internal/testenv/kafka.sh
# Loads KAFKA_BOOTSTRAP etc. of the broker kafka.sh started into a recipe line.
WITH_KAFKA = eval "$$($(KAFKA) env)" &&

# CGO_ENABLED=0 targets users cross-compile for.
CROSS_TARGETS := linux/amd64 linux/arm64 linux/arm linux/386 windows/amd64 windows/arm64 \
                 darwin/arm64 darwin/amd64 freebsd/amd64
TOOLS   := $(CURDIR)/.tools/bin
GOLANGCI_VERSION := v2.15.0

.PHONY: help deps demo test apicheck test-fast test-main test-restart test-security kafka-sec-down test-compat test-bench check-deps cross cross-test \
        static-check kafka-up kafka-down kafka-clean bench lint vet

help:
	@echo "make demo        run the demo job on the embedded broker"
	@echo "make test        vet + race tests against kfake AND a real Kafka broker (started if needed),"
	@echo "                 test-security, cross-test, static-check, then the compat/ and bench/ modules"
	@echo "make test-fast   race tests against the embedded broker only"
	@echo "make test-security  the TLS/SASL/OAUTHBEARER tests against a secured broker (ports 28092-28098)"
	@echo "make test-faults the reliability suite on a 3-node cluster of its own;  make fuzz  the fuzz targets"
	@echo "make fuzz-compat  the librdkafka-vs-purekafka partitioner fuzz target of compat/"
	@echo "make cross       CGO_ENABLED=0 builds for $(CROSS_TARGETS)"
	@echo "make cross-test  every package's tests run under qemu for linux/arm64 and linux/arm (CGO_ENABLED=0),"
	@echo "                 compiled and vetted for windows, darwin and linux/386"
	@echo "make static-check  the CGO_ENABLED=0 demo binary is statically linked and runs"
	@echo "make kafka-up    start the real broker (1 node; 'make kafka-up NODES=3' for three)"
	@echo "make kafka-down  stop it and the secured broker;  make kafka-clean  also delete its data"
	@echo "make bench       the side-by-side benchmarks;  make lint  golangci-lint"

deps:
	bash internal/testenv/deps.sh

demo:
	$(GO) run ./internal/demo

vet:
	$(GO) vet ./...
	@u=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$u" ]; then echo "gofmt needed: $$u"; exit 1; fi

test: deps vet check-deps apicheck kafka-up test-main test-restart test-security cross-test static-check test-compat test-bench

test-main:
	$(WITH_KAFKA) $(GO) test -race -count=1 ./...

# Tests that restart the shared broker, run alone after the others.
test-restart: kafka-up
	$(WITH_KAFKA) PUREKAFKA_RESTART_TESTS=1 $(GO) test -race -count=1 -run 'AcrossBrokerRestart' ./...

# A second broker with TLS, mTLS, SASL (PLAIN, SCRAM, OAUTHBEARER) listeners
# on ports 28092-28098, certificates made with openssl at first start.
KAFKA_SEC = KAFKA_DIR=$(CURDIR)/.kafka-sec KAFKA_PORT_BASE=28092 KAFKA_SECURITY=1 $(KAFKA)

# The secured broker's tests, verbose: one subtest per mechanism and variant,
# with what each refusal said (the t.Log lines). The whole output is kept in
# .kafka-sec/test.log. The jars come from .kafka/ even when KAFKA_DIR names
# another broker.
test-security:
	@KAFKA_DIR=$(CURDIR)/.kafka $(KAFKA) fetch
	@mkdir -p .kafka-sec && for l in .kafka/lib-*; do ln -sfn $(CURDIR)/$$l .kafka-sec/$${l#.kafka/}; done
	@$(KAFKA_SEC) up >/dev/null
	set -o pipefail; eval "$$($(KAFKA_SEC) env)" && \
	  $(GO) test -race -count=1 -v -run 'Security|TLS|SASL|OAuth' ./... 2>&1 | tee .kafka-sec/test.log | \
	  grep -E '^\s*--- |^(ok|FAIL|PASS|panic:)|^\s+\S+\.go:[0-9]+: '

kafka-sec-down:
	@$(KAFKA_SEC) down

# The reliability suite: a three-node cluster of its own (ports 19092-19113,
# data in $(FAULTS_DIR), never the shared broker), the fault tests against
# it with -race, the memory test without (the race detector's shadow memory
# would swamp the RSS it reports), then the cluster down (its logs stay in
# $(FAULTS_DIR) for a post-mortem; the next run starts clean). Budget: 10
# minutes from the cluster's start to the memory test's end, enforced by the
# two -timeout values (8m30s in all) and a check of the elapsed time.
FAULTS_DIR   ?= $(CURDIR)/.kafka-faults
KAFKA_FAULTS  = KAFKA_DIR=$(FAULTS_DIR) $(KAFKA)
FUZZTIME     ?= 20s
# package:target, every fuzz target of the main module
FUZZ_TARGETS := ./client:FuzzConfigMapSet ./client:FuzzNewConfig ./client:FuzzNewOffset ./client:FuzzHeaderString \
                ./partitioner:FuzzPartitioners ./producer:FuzzWireSizeCoversEncoding ./consumer:FuzzFillHeaders

.PHONY: test-faults fuzz

test-faults:
	@$(KAFKA) fetch
	@mkdir -p $(FAULTS_DIR) && for l in .kafka/lib-*; do ln -sfn $(CURDIR)/$$l $(FAULTS_DIR)/$${l#.kafka/}; done
	set -o pipefail; SECONDS=0; trap '$(KAFKA_FAULTS) down' EXIT; \
	  $(KAFKA_FAULTS) clean >/dev/null && $(KAFKA_FAULTS) up 3 >/dev/null && \
	  eval "$$($(KAFKA_FAULTS) env)" && export PUREKAFKA_FAULT_TESTS=1 && \
	  $(GO) test -race -count=1 -timeout 7m -v -skip 'TestMemory' ./internal/faults/ 2>&1 | grep -v '^%' && \
	  $(GO) test -count=1 -timeout 90s -v -run 'TestMemory' ./internal/faults/ 2>&1 | grep -v '^%' && \
	  echo "test-faults: $${SECONDS}s of its 600s budget" && \
	  if [ $$SECONDS -gt 600 ]; then echo "test-faults: over its 10-minute budget"; exit 1; fi

# Each fuzz target for $(FUZZTIME): a duration, or an exec count such as
# 20000x. CI uses a count: a duration can expire while a worker minimizes a
# new input, which go test reports as "context deadline exceeded".
# Seeds: the f.Add calls and testdata/fuzz/.
fuzz:
	@set -eo pipefail; for pt in $(FUZZ_TARGETS); do \
	  echo "fuzz $${pt#*:} ($${pt%%:*}, $(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$${pt#*:}\$$" -fuzztime $(FUZZTIME) $${pt%%:*} 2>&1 | grep -v '^fuzz: elapsed'; \
	done

# The differential fuzz target of compat/ (a cgo module: its first build
# compiles confluent-kafka-go and links librdkafka): the fuzzer looks for a
# key and partition count on which purekafka and librdkafka 2.11.1 disagree.
.PHONY: fuzz-compat
fuzz-compat:
	@echo "fuzz FuzzPartitionersMatchLibrdkafka (compat, $(FUZZTIME))"
	@set -o pipefail; cd compat && \
	  $(GO) test -run '^$$' -fuzz '^FuzzPartitionersMatchLibrdkafka$$' -fuzztime $(FUZZTIME) . 2>&1 | grep -v '^fuzz: elapsed'

# Every KAFKA_*/PUREKAFKA_* variable (a broker's address, the secured
# broker's, the fault tests' switch) is unset, so only kfake is used.
test-fast:
	env $$(env | sed -n 's/^\(\(KAFKA\|PUREKAFKA\|FAULTS\)_[A-Za-z0-9_]*\)=.*/-u \1/p') PUREKAFKA_FAST=1 \
	  $(GO) test -race -count=1 ./...

# compat/ is one package, tested in local directory mode (no package
# argument) so that its output is shown even when it passes: TestMain ends
# it with "compat: N scenarios, N identical, 0 different".
test-compat: kafka-up
	cd compat && $(GO) vet ./... && $(WITH_KAFKA) $(GO) test -count=1 -timeout 20m

test-bench: kafka-up
	cd bench && $(WITH_KAFKA) $(GO) test -count=1 -run . -bench . -benchtime 1x ./...

# API parity with confluent-kafka-go v2.11.1, measured by the shared apicheck
# tool (outside this repository: it is skipped, saying so, where it is absent).
APICHECK_DIR ?= $(CURDIR)/../shared/tools/apicheck
apicheck:
	@set -o pipefail; if [ -f $(APICHECK_DIR)/main.go ]; then \
	  (cd $(APICHECK_DIR) && $(GO) build -o $(TOOLS)/apicheck .) && \
	  $(TOOLS)/apicheck $(APICHECK_DIR)/testdata/confluent-kafka-go-v2.11.1.api.json $(CURDIR)/kafka | tail -n 3; \
	else echo "apicheck: $(APICHECK_DIR) not found, API parity not measured"; fi

# The main module must stay cgo-free and must not depend on confluent-kafka-go.
check-deps:
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod/go.sum are not tidy: run go mod tidy"; $(GO) mod tidy -diff; exit 1; }
	@bad=$$($(GO) list -deps -f '{{if and (not .Standard) .CgoFiles}}{{.ImportPath}}{{end}}' ./...); \
	  if [ -n "$$bad" ]; then echo "cgo packages in the main module's deps: $$bad"; exit 1; fi
	@if $(GO) list -deps -test ./... | grep -q confluentinc; then \
	  echo "the main module depends on confluentinc"; exit 1; fi
	@echo "check-deps: no cgo, no confluentinc in the main module's dependencies"

cross:
	@set -e; for t in $(CROSS_TARGETS); do \
	  echo "CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} go build ./..."; \
	  CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build ./...; \
	done

# Every package of the main module with tests, CGO_ENABLED=0: run as
# linux/arm64 and linux/arm (32-bit, ARMv7) binaries under qemu-user-static
# (installed by `make deps`) against the embedded broker only; compiled and
# vetted for windows/amd64, windows/arm64, darwin/amd64, darwin/arm64 and
# linux/386. See internal/testenv/cross-test.sh for its knobs.
cross-test:
	GO=$(GO) bash internal/testenv/cross-test.sh

# The demo built with CGO_ENABLED=0 is a static binary (`file`, `ldd`) and
# runs on the embedded broker.
static-check:
	GO=$(GO) bash internal/testenv/static-check.sh

kafka-up:
	@$(KAFKA) up $(or $(NODES),1) >/dev/null

kafka-down:
	@$(KAFKA) down
	@$(KAFKA_SEC) down

kafka-clean:
	@$(KAFKA) clean

# Runs the side-by-side suite 5 times and writes bench/RESULTS.md and
# bench/results.png (medians, ratios to confluent-kafka-go, the machine).
bench: kafka-up
	cd bench && $(WITH_KAFKA) $(GO) run ./cmd/report

lint:
	@test -x $(TOOLS)/golangci-lint || GOBIN=$(TOOLS) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)
	$(TOOLS)/golangci-lint run ./...
