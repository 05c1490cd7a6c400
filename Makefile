# purekafka: every task a developer or CI runs. `make help` lists them.
SHELL   := /bin/bash
GO      ?= go
KAFKA   := bash $(CURDIR)/internal/testenv/kafka.sh
# Loads KAFKA_BOOTSTRAP etc. of the broker kafka.sh started into a recipe line.
WITH_KAFKA = eval "$$($(KAFKA) env)" &&

# CGO_ENABLED=0 targets users cross-compile for.
CROSS_TARGETS := linux/amd64 linux/arm64 linux/arm linux/386 windows/amd64 windows/arm64 \
                 darwin/arm64 darwin/amd64 freebsd/amd64
# Packages whose unit tests also run under qemu on arm and arm64: the ones
# whose arithmetic could differ on 32-bit (hashes, offsets).
QEMU_PKGS := ./partitioner ./client
TOOLS   := $(CURDIR)/.tools/bin
GOLANGCI_VERSION := v2.15.0

.PHONY: help deps demo test test-fast test-main test-restart test-security kafka-sec-down test-compat test-bench check-deps cross cross-test \
        kafka-up kafka-down kafka-clean bench lint vet

help:
	@echo "make demo        run the demo job on the embedded broker"
	@echo "make test        vet + race tests against kfake AND a real Kafka broker (started if needed),"
	@echo "                 the arm/arm64 runs under qemu, then the compat/ and bench/ modules"
	@echo "make test-fast   race tests against the embedded broker only"
	@echo "make cross       CGO_ENABLED=0 builds for $(CROSS_TARGETS)"
	@echo "make kafka-up    start the real broker (1 node; 'make kafka-up NODES=3' for three)"
	@echo "make kafka-down  stop it;  make kafka-clean  also delete its data"
	@echo "make bench       the side-by-side benchmarks;  make lint  golangci-lint"

deps:
	bash internal/testenv/deps.sh

demo:
	$(GO) run ./internal/demo

vet:
	$(GO) vet ./...
	@u=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$u" ]; then echo "gofmt needed: $$u"; exit 1; fi

test: vet check-deps kafka-up test-main test-restart cross-test test-compat test-bench

test-main:
	$(WITH_KAFKA) $(GO) test -race -count=1 ./...

# Tests that restart the shared broker, run alone after the others.
test-restart: kafka-up
	$(WITH_KAFKA) PUREKAFKA_RESTART_TESTS=1 $(GO) test -race -count=1 -run 'AcrossBrokerRestart' ./...

# A second broker with TLS, mTLS, SASL (PLAIN, SCRAM, OAUTHBEARER) listeners
# on ports 49092-49098, certificates made with openssl at first start.
KAFKA_SEC = KAFKA_DIR=$(CURDIR)/.kafka-sec KAFKA_PORT_BASE=49092 KAFKA_SECURITY=1 $(KAFKA)

test-security:
	@$(KAFKA) fetch
	@mkdir -p .kafka-sec && for l in .kafka/lib-*; do ln -sfn $(CURDIR)/$$l .kafka-sec/$${l#.kafka/}; done
	@$(KAFKA_SEC) up >/dev/null
	set -o pipefail; eval "$$($(KAFKA_SEC) env)" && $(GO) test -race -count=1 -v -run 'Security|TLS|SASL|OAuth' ./... | grep -E '^\s*--- |^(ok|FAIL|PASS)'

kafka-sec-down:
	@$(KAFKA_SEC) down

# The reliability suite: a three-node cluster of its own (ports 19092-19113,
# data in $(FAULTS_DIR), never the shared broker), the fault tests against
# it with -race, the memory test without (the race detector's shadow memory
# would swamp the RSS it reports), then the cluster down (its logs stay in
# $(FAULTS_DIR) for a post-mortem; the next run starts clean).
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
	@$(KAFKA_FAULTS) clean >/dev/null
	@$(KAFKA_FAULTS) up 3 >/dev/null
	set -o pipefail; trap '$(KAFKA_FAULTS) down' EXIT; eval "$$($(KAFKA_FAULTS) env)" && export PUREKAFKA_FAULT_TESTS=1 && \
	  $(GO) test -race -count=1 -timeout 12m -v -skip 'TestMemory' ./internal/faults/ 2>&1 | grep -v '^%' && \
	  $(GO) test -count=1 -timeout 5m -v -run 'TestMemory' ./internal/faults/ 2>&1 | grep -v '^%'

# Each fuzz target for $(FUZZTIME): a duration, or an exec count such as
# 20000x. CI uses a count: a duration can expire while a worker minimizes a
# new input, which go test reports as "context deadline exceeded".
# Seeds: the f.Add calls and testdata/fuzz/.
fuzz:
	@set -eo pipefail; for pt in $(FUZZ_TARGETS); do \
	  echo "fuzz $${pt#*:} ($${pt%%:*}, $(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$${pt#*:}\$$" -fuzztime $(FUZZTIME) $${pt%%:*} 2>&1 | grep -v '^fuzz: elapsed'; \
	done

test-fast:
	KAFKA_BOOTSTRAP= $(GO) test -race -count=1 ./...

test-compat: kafka-up
	cd compat && $(WITH_KAFKA) $(GO) test -count=1 ./...

test-bench: kafka-up
	cd bench && $(WITH_KAFKA) $(GO) test -count=1 -run . -bench . -benchtime 1x ./...

# The main module must stay cgo-free and must not depend on confluent-kafka-go.
check-deps:
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

# Runs $(QEMU_PKGS)' tests as linux/arm (32-bit, ARMv7) and linux/arm64
# binaries under qemu-user-static (installed by `make deps`).
cross-test:
	@command -v qemu-arm-static >/dev/null || { echo "qemu-arm-static missing: run make deps"; exit 1; }
	@set -e; dir=$$(mktemp -d); trap 'rm -rf $$dir' EXIT; \
	for p in $(QEMU_PKGS); do \
	  n=$$(basename $$p); \
	  CGO_ENABLED=0 GOOS=linux GOARCH=arm GOARM=7 $(GO) test -c -o $$dir/$$n.arm $$p; \
	  CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) test -c -o $$dir/$$n.arm64 $$p; \
	  echo "qemu-arm-static $$p"; (cd $$p && qemu-arm-static $$dir/$$n.arm -test.count=1); \
	  echo "qemu-aarch64-static $$p"; (cd $$p && qemu-aarch64-static $$dir/$$n.arm64 -test.count=1); \
	done

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
