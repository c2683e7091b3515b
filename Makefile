# kitsune-lite: build, test, check Embedded Swift, benchmark.
#
#   make setup           install the system packages the build and the tests need (Debian: libpcap-dev ...)
#   make demo            build, score the bundled sample capture, learn its normal start and
#                        print the incidents detect reports in it
#   make test            host tests (against ../shared/data), the engine's tests in a debug build
#                        (every buffer index and tracker list checked), and the Embedded Swift check
#   make embedded-check  compile all three modules in Embedded Swift mode, link, smoke-test
#   make example         a package that depends on this one (Examples/ScoreSample) scores the sample
#   make alerts          the incidents on dev.pcap and the IoT week, as the README gives them
#   make bench           packets/s and peak memory on ../shared/data/dev/dev.pcap (and of the x86-64
#                        router build when it is built), callgrind instructions
#                        per packet, everything also in bench.json (scripts/bench.sh)
#   make report-check    kitsune-lite report on dev.pcap, opened in headless Chromium: the
#                        screenshot must show the chart (docs/report-dev.png is one)
#   make cross BOARD=b   static, stripped Embedded Swift binary for a router (board-configs/b.mk)
#   make test-cross BOARD=b   run it under qemu on dev.pcap and compare with the host build
#   make test-live-cross BOARD=x86-64   that binary live, natively: capture on a veth pair, syslog,
#                        the OpenWrt service under procd, the overload replay (toolchains/live.sh)
#   make sizes BOARD=b   what takes the space in that binary
#   make count-cross BOARD=b [ARITHMETIC=q16]   instructions a packet of that binary in its own instruction
#                        set, under qemu with a counting plugin, by function, and their cycles in LLVM's
#                        model of the board's core (toolchains/count.sh, toolchains/block-report.py)
#   make fuzz            libFuzzer targets (packets, capture, model, options) for FUZZ_SECONDS each, then
#                        the capture corpus through the router builds under qemu (scripts/fuzz.sh)
#   make sanitize        the test suite with AddressSanitizer and UndefinedBehaviorSanitizer (Swift and C)
#   make soak            20 million packets in every arithmetic, memory sampled (scripts/soak.sh)
#   make package BOARD=b the board's .ipk for OpenWrt (opkg install): the binary, a procd init
#                        script and /etc/config/kitsune; the archive and init script checked

SWIFT        ?= swift
SWIFTC       ?= swiftc
CC           ?= clang
SHARED       ?= ../shared
DEV_PCAP     ?= $(SHARED)/data/dev/dev.pcap
SAMPLE       ?= Samples/lan-scan-and-flood.pcapng
BIN          := .build/release/kitsune-lite

# Embedded Swift for the host: the same compiler mode the router builds use.
EMBEDDED_TARGET ?= x86_64-unknown-linux-gnu
EMBEDDED_DIR    := .build-embedded/$(EMBEDDED_TARGET)
EMBEDDED_FLAGS  := -enable-experimental-feature Embedded -enable-experimental-feature Extern \
                   -wmo -Osize -parse-as-library -target $(EMBEDDED_TARGET) \
                   -module-cache-path $(EMBEDDED_DIR)/module-cache -I $(EMBEDDED_DIR)
FIXEDPOINT_SOURCES := $(wildcard Sources/FixedPoint/*.swift)
ENGINE_SOURCES     := $(shell find Sources/KitsuneEmbedded -name '*.swift')
# main.swift is the host entry point; Embedded Swift uses EmbeddedEntryPoint.swift.
PROGRAM_SOURCES    := $(filter-out Sources/kitsune-lite/main.swift,$(wildcard Sources/kitsune-lite/*.swift))

.PHONY: all build setup demo test unit-test invariant-check embedded-check example alerts bench cross test-cross sizes clean
.PHONY: package report-check fuzz sanitize soak test-openwrt count-cross test-live-cross

FUZZ_SECONDS ?= 60

fuzz: build
	SHARED=$(SHARED) scripts/fuzz.sh $(FUZZ_SECONDS)

# A build of its own (.build-sanitize): the tests find the sanitized kitsune-lite beside them.
# AddressSanitizer in Swift and C; UndefinedBehaviorSanitizer in C (swiftc has none: Swift traps
# on overflow and out-of-range itself, and ASan covers its unsafe pointers), every finding fatal.
# Leaks are not checked (the Swift runtime's own allocations outlive exit); any other finding
# stops the program, and so fails the test that ran it. The live-capture tests run alone, last
# (see unit-test).
SANITIZE_FLAGS := --sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
sanitize:
	$(SWIFT) build --build-tests -c release --scratch-path .build-sanitize $(SANITIZE_FLAGS)
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  KITSUNE_SANITIZED=1 KITSUNE_SHARED=$(abspath $(SHARED)) \
	  $(SWIFT) test -c release --skip-build --scratch-path .build-sanitize $(SANITIZE_FLAGS) --skip LiveCaptureTests
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  KITSUNE_SANITIZED=1 KITSUNE_SHARED=$(abspath $(SHARED)) \
	  $(SWIFT) test -c release --skip-build --scratch-path .build-sanitize $(SANITIZE_FLAGS) --filter LiveCaptureTests

soak: build
	SHARED=$(SHARED) scripts/soak.sh

BOARD ?= mt7981
BOARD_ARITHMETIC = $(shell toolchains/board-config.sh $(BOARD) ARITHMETIC 2>/dev/null)
OTHER_ARITHMETIC = $(if $(filter q16,$(BOARD_ARITHMETIC)),float32,q16)

all: build

build:
	$(SWIFT) build -c release

# libpcap to build; for make test: tcpreplay, iproute2, rsyslog (live capture and syslog tests),
# and what OpenWrt's procd needs to build (the service test), busybox its shell.
SETUP_PACKAGES := libpcap-dev tcpreplay iproute2 rsyslog busybox python3 cmake pkg-config libjson-c-dev libbsd-dev
setup:
	@if [ -f /usr/include/pcap/pcap.h ] && command -v tcpreplay cmake busybox >/dev/null && [ -f /usr/include/json-c/json.h ]; then \
	  echo "the packages are installed"; else \
	  bash -c '. toolchains/apt-retry.sh && apt_update && DEBIAN_FRONTEND=noninteractive apt_retry apt-get install -y --no-install-recommends $(SETUP_PACKAGES)'; fi

demo: build
	$(BIN) score $(SAMPLE) --fm-grace 5000 --ad-grace 22000 --out sample-scores.csv
	@echo "scores written to sample-scores.csv; the highest:"
	@sort -t, -k3 -g -r sample-scores.csv | head -5
	$(BIN) train $(SAMPLE) --model sample.model --fm-grace 5000 --ad-grace 22000 --calibration 1000 \
	  --false-alarm-rate 0.001
	@echo "the incidents detect reports in $(SAMPLE), with the model trained on its first 27,000 packets" \
	  "and its threshold set on the next 1,000 (the bundled sample's are normal traffic):"
	$(BIN) detect $(SAMPLE) --model sample.model

test: unit-test invariant-check embedded-check example test-openwrt

test-openwrt: build
	SHARED=$(abspath $(SHARED)) openwrt/tests/service-test.sh $(BIN)

# The live-capture tests replay traffic in real time and time it: they run after the others,
# alone, so that the parallel tests' load on the CPU does not skew the replay they measure.
unit-test:
	$(SWIFT) build --build-tests -c release
	KITSUNE_SHARED=$(abspath $(SHARED)) $(SWIFT) test -c release --skip-build --skip LiveCaptureTests
	KITSUNE_SHARED=$(abspath $(SHARED)) $(SWIFT) test -c release --skip-build --filter LiveCaptureTests

# What a router owner sees: the incidents on dev.pcap (the README's example) and the IoT week,
# the figures the README gives, from the tests that check them.
alerts: build
	$(SWIFT) build --build-tests -c release
	@# The tests' status, not grep's: a failing test must fail make alerts.
	KITSUNE_SHARED=$(abspath $(SHARED)) $(SWIFT) test -c release --skip-build --filter IncidentTests \
	  >.build/alerts.log 2>&1; status=$$?; grep -E '\[kitsune-lite tests\]|passed|failed' .build/alerts.log; exit $$status

# The engine's tests in a debug build: FixedBuffer checks every index and TrackerLists checks
# every list it changes (assertions, compiled out of release builds on purpose).
invariant-check:
	$(SWIFT) build --build-tests
	KITSUNE_SHARED=$(abspath $(SHARED)) $(SWIFT) test --skip-build --filter KitsuneEmbeddedTests

# A package that depends on this one by path (Examples/ScoreSample) scores the sample with the
# engine alone; its scores must be the program's, byte for byte.
# (Built afresh: SwiftPM does not always see files added to a package it depends on by path.)
example: build
	rm -rf Examples/ScoreSample/.build
	cd Examples/ScoreSample && $(SWIFT) build -c release
	Examples/ScoreSample/.build/release/ScoreSample $(SAMPLE) 2000 8000 > .build/example-scores.csv
	$(BIN) score $(SAMPLE) --fm-grace 2000 --ad-grace 8000 --out .build/program-scores.csv 2>/dev/null
	cmp .build/example-scores.csv .build/program-scores.csv
	@echo "example: a package depending on kitsune-lite scores the sample exactly as the program does"

embedded-check: build
	@mkdir -p $(EMBEDDED_DIR)
	$(SWIFTC) $(EMBEDDED_FLAGS) -module-name FixedPoint -emit-module \
	  -emit-module-path $(EMBEDDED_DIR)/FixedPoint.swiftmodule -c $(FIXEDPOINT_SOURCES) -o $(EMBEDDED_DIR)/FixedPoint.o
	$(SWIFTC) $(EMBEDDED_FLAGS) -module-name KitsuneEmbedded -emit-module \
	  -emit-module-path $(EMBEDDED_DIR)/KitsuneEmbedded.swiftmodule -c $(ENGINE_SOURCES) -o $(EMBEDDED_DIR)/KitsuneEmbedded.o
	$(SWIFTC) $(EMBEDDED_FLAGS) -I Sources/CSupport/include -module-name kitsune_lite \
	  -c $(PROGRAM_SOURCES) -o $(EMBEDDED_DIR)/kitsune-lite.o
	$(CC) -Os -c -I Sources/CSupport/include Sources/CSupport/support.c -o $(EMBEDDED_DIR)/support.o
	$(CC) -Os -c -I Sources/CSupport/include Sources/CSupport/minimal_scan.c -o $(EMBEDDED_DIR)/minimal_scan.o
	$(CC) -Os -c -I Sources/CSupport/include Sources/CSupport/minimal_format.c -o $(EMBEDDED_DIR)/minimal_format.o
	$(CC) -Os -c -I Sources/CSupport/include Sources/CSupport/capture_guard.c -o $(EMBEDDED_DIR)/capture_guard.o
	$(CC) -o $(EMBEDDED_DIR)/kitsune-lite $(EMBEDDED_DIR)/kitsune-lite.o $(EMBEDDED_DIR)/KitsuneEmbedded.o \
	  $(EMBEDDED_DIR)/FixedPoint.o $(EMBEDDED_DIR)/support.o $(EMBEDDED_DIR)/minimal_scan.o $(EMBEDDED_DIR)/minimal_format.o \
	  $(EMBEDDED_DIR)/capture_guard.o \
	  -lpcap -lm
	@# The Embedded binary must give the host binary's bytes on the sample.
	$(EMBEDDED_DIR)/kitsune-lite score $(SAMPLE) --fm-grace 2000 --ad-grace 8000 --out $(EMBEDDED_DIR)/embedded.csv 2>/dev/null
	$(BIN) score $(SAMPLE) --fm-grace 2000 --ad-grace 8000 --out $(EMBEDDED_DIR)/host.csv 2>/dev/null
	cmp $(EMBEDDED_DIR)/embedded.csv $(EMBEDDED_DIR)/host.csv
	$(EMBEDDED_DIR)/kitsune-lite score $(SAMPLE) --arithmetic q16 --fm-grace 2000 --ad-grace 8000 --out $(EMBEDDED_DIR)/embedded-q16.csv 2>/dev/null
	$(BIN) score $(SAMPLE) --arithmetic q16 --fm-grace 2000 --ad-grace 8000 --out $(EMBEDDED_DIR)/host-q16.csv 2>/dev/null
	cmp $(EMBEDDED_DIR)/embedded-q16.csv $(EMBEDDED_DIR)/host-q16.csv
	@echo "embedded-check: FixedPoint, KitsuneEmbedded and kitsune-lite compile in Embedded Swift; float32 and q16 scores identical to the host build"

# The report of dev.pcap as a browser shows it: train on its benign start, detect with EVE
# alerts, report, screenshot in headless Chromium, and check the chart's colours are drawn.
REPORT_DIR := .build/report-check
report-check: build
	@mkdir -p $(REPORT_DIR)
	@# detect appends to an EVE file (it is a log): start from none, or a second run doubles the alerts.
	rm -f $(REPORT_DIR)/eve.json $(REPORT_DIR)/report.png
	$(BIN) score $(DEV_PCAP) --fm-grace 5000 --ad-grace 22000 --out $(REPORT_DIR)/scores.csv 2>/dev/null
	$(BIN) train $(DEV_PCAP) --model $(REPORT_DIR)/dev.model --fm-grace 5000 --ad-grace 22000 --calibration 1385 \
	  --false-alarm-rate 0.001 2>/dev/null
	$(BIN) detect $(DEV_PCAP) --model $(REPORT_DIR)/dev.model --eve $(REPORT_DIR)/eve.json 2>/dev/null
	$(BIN) report $(REPORT_DIR)/scores.csv --labels $(SHARED)/data/dev/labels.csv --model $(REPORT_DIR)/dev.model \
	  --alerts $(REPORT_DIR)/eve.json --attacks $(SHARED)/data/dev/attacks.csv --out $(REPORT_DIR)/report.html
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1300 \
	  --screenshot=$(abspath $(REPORT_DIR))/report.png file://$(abspath $(REPORT_DIR))/report.html >/dev/null 2>&1
	python3 scripts/check-screenshot.py $(REPORT_DIR)/report.png

# With the x86-64 board's binary when it is built (make cross BOARD=x86-64) and this is x86-64,
# rebuilt first if a source changed since.
X86_64_ROUTER := $(if $(filter x86_64,$(shell uname -m)),$(wildcard .build-cross/boards/x86-64/kitsune-lite))
bench: build
	$(if $(X86_64_ROUTER),toolchains/build.sh --when-stale x86-64)
	ROUTER_BINARY=$(X86_64_ROUTER) scripts/bench.sh $(BIN) $(DEV_PCAP)

cross:
	toolchains/build.sh $(BOARD)

# The board's own arithmetic, then the other one built for the same CPU.
# Each also through the hostile inputs (toolchains/hostile.sh): never a signal, on 32 bits above all.
test-cross: build
	toolchains/build.sh $(BOARD)
	toolchains/test.sh $(BOARD) $(BIN) $(DEV_PCAP)
	toolchains/hostile.sh $(BOARD) $(DEV_PCAP)
	toolchains/build.sh $(BOARD) $(OTHER_ARITHMETIC)
	toolchains/test.sh $(BOARD) $(BIN) $(DEV_PCAP) $(OTHER_ARITHMETIC)
	toolchains/hostile.sh $(BOARD) $(DEV_PCAP) $(OTHER_ARITHMETIC)

# A board this machine runs natively (x86-64 here, and its default), live as a router runs it:
# qemu-user cannot capture (toolchains/live.sh, which builds the binary when it is stale). As root.
test-live-cross: BOARD := $(if $(filter command line environment,$(origin BOARD)),$(BOARD),x86-64)
test-live-cross: build
	$(SWIFT) build --build-tests -c release
	SWIFT=$(SWIFT) SHARED=$(abspath $(SHARED)) toolchains/live.sh $(BOARD)

sizes:
	toolchains/sizes.sh $(BOARD)

# The basis of a router's estimated packets/s: its instructions a packet on dev.pcap, training,
# detecting and the statistics alone (one packet in 64 scored), counted as QEMU runs them (not
# timed: the machine's load does not move them), and the cycles of those blocks in LLVM's model
# of the core.
count-cross: build
	toolchains/count.sh $(BOARD) "$(ARITHMETIC)" $(DEV_PCAP)

# The board's .ipk (toolchains/package.sh), then its checks (toolchains/check-package.sh). The
# binary is built as by make cross, but only when it is missing or older than a source or board
# setting (build_when_stale in toolchains/board.sh, the cross scripts' one rule).
ifneq ($(filter package,$(MAKECMDGOALS)),)
  ifeq ($(wildcard board-configs/$(BOARD).mk),)
    $(error make package: there is no board-configs/$(BOARD).mk)
  endif
  ifeq ($(shell toolchains/board-config.sh $(BOARD) OPKG_ARCH),)
    $(error make package: board $(BOARD) has no OPKG_ARCH, it is no OpenWrt target; the boards with one: $(shell toolchains/board-config.sh --openwrt))
  endif
endif

package:
	toolchains/build.sh --when-stale $(BOARD)
	toolchains/package.sh $(BOARD)
	toolchains/check-package.sh .build-cross/boards/$(BOARD)/kitsune-lite_*.ipk

clean:
	rm -rf .build .build-embedded .build-cross Examples/ScoreSample/.build sample-scores.csv sample.model
