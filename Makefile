# Thin wrappers around go commands; .ci/run runs `make test`.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE    ?= $(shell git log -1 --format=%cI 2>/dev/null)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)
CASE    := cases/ua-115-16.yaml
CASE_IR := cases/narges-mohammadi-2022.yaml

.PHONY: build demo test lint tools fuzz bench clean

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/appeal ./cmd/appeal

# The example letters: the Kazakhstan case in every language it has, and
# the Iranian case in Persian and Arabic, PDF and text,
# under out/demo/ (out/ itself is left for the README's own commands).
demo: build
	for lang in en ru kk de fr es; do \
		bin/appeal generate $(CASE) --lang $$lang --sender examples/sender.yaml --out out/demo --force || exit; \
		bin/appeal generate $(CASE) --lang $$lang --sender examples/sender.yaml --out out/demo --format text --force || exit; \
	done
	for lang in fa ar; do \
		bin/appeal generate $(CASE_IR) --lang $$lang --sender examples/sender.yaml --out out/demo --force || exit; \
		bin/appeal generate $(CASE_IR) --lang $$lang --sender examples/sender.yaml --out out/demo --format text --force || exit; \
	done

# Every test. The PDF tests read our output with poppler-utils and qpdf.
test: tools
	$(GO) vet ./...
	$(GO) test ./...

# What CI checks besides the tests: gofmt, go.mod tidy, staticcheck, the race
# detector on the packages that run work in parallel, that every OS the
# users have builds, and that the README's Use section runs as written.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) mod tidy -diff
	$(GO) run $(STATICCHECK) ./...
	$(GO) test -race ./internal/batch ./internal/pdf ./internal/render ./internal/cli ./internal/web ./internal/writers
	GOOS=windows $(GO) vet ./...
	GOOS=darwin $(GO) build ./...
	./scripts/readme-use

# Installs poppler-utils, qpdf and gettext when missing (apt-get, as root or with sudo),
# or says what to install.
tools:
	@./scripts/test-tools

# Each parser's fuzzer for FUZZTIME (default 20s).
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./internal/casefile -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) -fuzzminimizetime 3s
	$(GO) test ./internal/writers -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) -fuzzminimizetime 3s
	$(GO) test ./internal/importer -run '^$$' -fuzz FuzzImport -fuzztime $(FUZZTIME) -fuzzminimizetime 3s
	$(GO) test ./internal/output -run '^$$' -fuzz FuzzSlug -fuzztime $(FUZZTIME) -fuzzminimizetime 3s
	$(GO) test ./internal/po -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) -fuzzminimizetime 3s

# Prints letters/s and peak memory for 10,000 letters, and the PDF micro-benchmarks.
bench:
	$(GO) test ./internal/pdf -run '^$$' -bench . -benchmem
	./scripts/bench

clean:
	rm -rf bin out
