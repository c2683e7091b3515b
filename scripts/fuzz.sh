#!/usr/bin/env bash
# libFuzzer targets of kitsune-lite, built with this toolchain's swiftc -sanitize=fuzzer,address
# (the engine, the program's option parsers and the C helpers all instrumented), seeded from the
# shared captures and the sample, each run for SECONDS; then the capture corpus is replayed
# through the router builds under qemu (a 32-bit armv7 build above all: libFuzzer has no
# armv7 runtime, so the 32-bit engine gets the corpus the 64-bit fuzzing grew).
#
#   scripts/fuzz.sh [SECONDS] [TARGETS...]     (default 60; packets capture model options)
#   REPLAY_LIMIT=N: replay at most N capture inputs on each router build (default 400)
#
# Results: .build-fuzz/results.txt (one line a target: executions, seconds, crashes, corpus),
# crash inputs in .build-fuzz/crashes/TARGET/. Exit status 1 if any target found a crash or
# a router build ended a replay with a signal.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(packets capture model options)
SHARED=${SHARED:-../shared}
DEV=$SHARED/data/dev/dev.pcap
SWIFTC=${SWIFTC:-swiftc}
CC=${CC:-clang}
out=.build-fuzz
mkdir -p "$out/objects" "$out/crashes"
flags=(-sanitize=fuzzer,address -enable-experimental-feature Extern -parse-as-library -O -wmo -I "$out/objects" -I Sources/CSupport/include
       -module-cache-path "$out/module-cache")

echo "building the fuzz targets in $out"
set -e
"$SWIFTC" "${flags[@]}" -module-name FixedPoint -emit-module -emit-module-path "$out/objects/FixedPoint.swiftmodule" \
    -c Sources/FixedPoint/*.swift -o "$out/objects/FixedPoint.o"
mapfile -t engine < <(find Sources/KitsuneEmbedded -name '*.swift' | sort)
"$SWIFTC" "${flags[@]}" -module-name KitsuneEmbedded -emit-module \
    -emit-module-path "$out/objects/KitsuneEmbedded.swiftmodule" -c "${engine[@]}" -o "$out/objects/KitsuneEmbedded.o"
c_objects=()
for source in support minimal_scan minimal_format capture_guard; do
    "$CC" -O1 -g -fsanitize=fuzzer-no-link,address -I Sources/CSupport/include -c "Sources/CSupport/$source.c" \
        -o "$out/objects/$source.o"
    c_objects+=("$out/objects/$source.o")
done
libraries=("$out/objects/FixedPoint.o" "$out/objects/KitsuneEmbedded.o" "${c_objects[@]}" -lpcap)
# Links one target, quietly about a harmless linker note (grep's status is not the link's: the
# target is removed first and must exist after, or an old one would be fuzzed in its place).
link_target() {  # target, swiftc arguments...
    local target=$1
    shift
    rm -f "$out/fuzz-$target"
    "$SWIFTC" "$@" -o "$out/fuzz-$target" 2>&1 | grep -v 'Cannot export local symbol' || true
    [ -x "$out/fuzz-$target" ] || { echo "building fuzz-$target failed" >&2; exit 1; }
}
for target in packets capture model; do
    name=$(tr '[:lower:]' '[:upper:]' <<<"${target:0:1}")${target:1}
    link_target "$target" "${flags[@]}" -module-name "Fuzz$name" Fuzz/FuzzEngine.swift "Fuzz/Fuzz$name.swift" "${libraries[@]}"
done
# The option parsers live in the program: its sources (not its entry points) and the target.
mapfile -t program < <(ls Sources/kitsune-lite/*.swift | grep -v -e main.swift -e EmbeddedEntryPoint.swift)
link_target options "${flags[@]}" -module-name kitsune_lite "${program[@]}" Fuzz/FuzzEngine.swift Fuzz/FuzzOptions.swift \
    "${libraries[@]}"
set +e

echo "seeding the corpora"
seeds=$out/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{packets,capture,model,options}
python3 scripts/hostile-captures.py "$DEV" "$seeds/hostile" --interfaces 1100 >/dev/null
# Captures: the sample, a few hundred packets of each shared capture, the crafted ones.
python3 - "$seeds" "$SHARED/data" Samples/lan-scan-and-flood.pcapng <<'EOF'
import glob, importlib.util, os, shutil, struct, sys
seeds, data, sample = sys.argv[1:]
spec = importlib.util.spec_from_file_location('synthetic', 'scripts/synthetic-capture.py')
synthetic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(synthetic)
for path in sorted(glob.glob(os.path.join(data, '*', '*.pcap*'))) + [sample]:
    if path.endswith('.gz'):
        continue
    try:
        packets = synthetic.read_capture(path)
    except SystemExit:
        continue
    name = os.path.basename(path).split('.')[0]
    for start in (0, len(packets) // 2):
        chosen = packets[start:start + 300]
        with open(os.path.join(seeds, 'capture', '%s-%d.pcap' % (name, start)), 'wb') as out:
            out.write(struct.pack('<IHHiIII', 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
            for time, length, frame in chosen:
                out.write(struct.pack('<IIII', (time // 10**9) & 0xFFFFFFFF, time % 10**9, len(frame), length) + frame)
        # The same packets in the packets target's format: u8 kind, u32 step, u32 length, u16 size, bytes.
        with open(os.path.join(seeds, 'packets', '%s-%d' % (name, start)), 'wb') as out:
            out.write(b'\x00')
            previous = chosen[0][0] if chosen else 0
            for time, length, frame in chosen:
                out.write(struct.pack('<BIIH', 0, max(0, time - previous) & 0xFFFFFFFF, length, len(frame)) + frame)
                previous = time
for path in glob.glob(os.path.join(seeds, 'hostile', '*')):
    if os.path.getsize(path) < 1 << 20:
        shutil.copy(path, os.path.join(seeds, 'capture', os.path.basename(path)))
EOF
# Models: one trained in each arithmetic on dev.pcap's first packets (with a correct checksum,
# the first byte even: the target reads it as it is; odd: the target recomputes the checksum).
for arithmetic in float32 q16 float64; do
    .build/release/kitsune-lite train "$seeds/capture/dev-0.pcap" --arithmetic "$arithmetic" --fm-grace 50 \
        --ad-grace 150 --calibration 90 --model "$seeds/model.tmp" 2>/dev/null \
        && { printf '\0' | cat - "$seeds/model.tmp" >"$seeds/model/$arithmetic"; printf '\1' | cat - "$seeds/model.tmp" \
             >"$seeds/model/$arithmetic-crc"; }
done
rm -f "$seeds/model.tmp"
i=0
for words in "--max-ae 10 --fm-grace 5000 --ad-grace 50000" "--memory-budget 16M --socket-streams 4096" \
             "--learning-rate 0.1 --hidden-ratio 0.75 --features extended" "--arithmetic q16 --alert-rate 10 --warmup 60" \
             "--false-alarm-rate 0.0001 --calibration 10000 --seconds 3600 --packets 100000" "[[0,1,2],[3,4]]"; do
    printf '%s' "$words" | tr ' ' '\0' >"$seeds/options/$i"
    i=$((i + 1))
done

status=0
: >"$out/results.txt"
for target in "${TARGETS[@]}"; do
    corpus=$out/corpus/$target
    mkdir -p "$corpus" "$out/crashes/$target"
    echo "fuzzing $target for $SECONDS_EACH s"
    case $target in packets) longest=4096 ;; options) longest=512 ;; *) longest=65536 ;; esac
    (cd "$out/crashes/$target" && ASAN_OPTIONS=detect_leaks=0 "../../fuzz-$target" -max_total_time="$SECONDS_EACH" \
        -rss_limit_mb=2048 -max_len=$longest -timeout=10 -print_final_stats=1 "../../corpus/$target" "../../seeds/$target" \
        >"../../$target.log" 2>&1)
    code=$?
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$target.log" | grep -o '[0-9]*$')
    crashes=$(find "$out/crashes/$target" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
    line="$target: executions=${executions:-0} seconds=$SECONDS_EACH crashes=$crashes corpus=$(ls "$corpus" | wc -l) exit=$code"
    echo "$line" | tee -a "$out/results.txt"
    if [ "$crashes" -gt 0 ] || [ "$code" -ne 0 ]; then
        status=1
        grep -m3 -E 'ERROR|runtime failure|Fatal error|precondition' "$out/$target.log"
    fi
done

# The capture corpus through the router builds that are there, under qemu: status 0, 1 or 2.
# At most REPLAY_LIMIT inputs (default 400; qemu runs a few a second), spread over the corpus.
mapfile -t replay < <(ls "$out"/corpus/capture/* "$seeds"/capture/* 2>/dev/null \
    | awk -v limit="${REPLAY_LIMIT:-400}" '{ lines[NR] = $0 } END { step = NR > limit ? NR / limit : 1;
        for (i = 1; i <= NR; i += step) print lines[int(i)] }')
found_builds=0
for board_file in board-configs/*.mk; do
    board=$(basename "$board_file" .mk)
    # The board's runner, as its toolchain names it (toolchains/TOOLCHAIN.env).
    # shellcheck source=/dev/null
    qemu=$(QEMU=; source "toolchains/$(toolchains/board-config.sh "$board" TOOLCHAIN).env"; echo "$QEMU")
    for arithmetic in "" float32 q16; do
        binary=.build-cross/boards/$board/${arithmetic:+$arithmetic/}kitsune-lite
        [ -x "$binary" ] || continue
        found_builds=$((found_builds + 1))
        command -v "$qemu" >/dev/null || { echo "replay on $board: no runner '$qemu'" | tee -a "$out/results.txt"; status=1; continue; }
        replayed=0 signalled=0
        for input in "${replay[@]}"; do
            [ -f "$input" ] || continue
            timeout 60 "$qemu" "$binary" score "$input" --fm-grace 40 --ad-grace 60 --memory-budget 2M --out /dev/null \
                >/dev/null 2>&1
            code=$?
            replayed=$((replayed + 1))
            if [ "$code" -gt 2 ]; then
                signalled=$((signalled + 1))
                mkdir -p "$out/crashes/replay-$board"
                cp "$input" "$out/crashes/replay-$board/"
            fi
        done
        line="replay on $board ${arithmetic:-(own arithmetic)}: $replayed captures, $signalled ended by a signal"
        echo "$line" | tee -a "$out/results.txt"
        [ "$signalled" -eq 0 ] || status=1
    done
done
# Said, not silent: make fuzz alone, without router builds (make cross), replays on none.
[ "$found_builds" -gt 0 ] || echo "replay: no router build in .build-cross, none replayed" | tee -a "$out/results.txt"
exit $status
