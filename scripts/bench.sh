#!/usr/bin/env bash
# Benchmarks kitsune-lite on a capture: end-to-end packets/s for each arithmetic (float32,
# float64, q16) and feature set (extended, the default, and reference), the time of feature
# extraction and of KitNET, feature extraction alone, parsing alone, the capture repeated to a
# million packets, and peak memory. Each rate is given as the median and, in brackets, the best of RUNS runs
# (default 5): on a shared virtual machine other tenants slow single runs by up to a third, and
# the best run is the closest to what the code itself costs. Usage: scripts/bench.sh BINARY CAPTURE
# Every row also goes to BENCH_JSON (default bench.json) with the machine and the build, and,
# where valgrind is installed, callgrind's instructions per packet for score in float32 and q16:
# a count that does not depend on the machine's load, so changes compare across runs and machines;
# and cachegrind's data-cache misses per packet of detect in a Cortex-A53's caches.
set -euo pipefail
binary=${1:?binary}
capture=${2:?capture}
runs=${RUNS:-5}
json=${BENCH_JSON:-bench.json}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/rows.jsonl"

# Runs the command $runs times; prints rates (median and best) and memory from its summaries.
measure() {
    local label=$1; shift
    for run in $(seq "$runs"); do
        "$@" 2>"$work/stderr" >/dev/null
        grep -o 'summary: .*' "$work/stderr" | tail -1
    done >"$work/summaries"
    BENCH_ROWS="$work/rows.jsonl" python3 - "$label" "$work/summaries" <<'PY'
import statistics, sys
import json, os
label, path = sys.argv[1], sys.argv[2]
rows = [dict(field.split('=') for field in line.split()[1:]) for line in open(path)]
def rates_of(key):
    return [float(row['packets']) / float(row[key]) for row in rows if key in row and float(row[key]) > 0]
record = {'label': label, 'runs': len(rows), 'packets': int(rows[0]['packets'])}
for key, name in (('seconds', 'packets_per_second'), ('feature_seconds', 'features_per_second'),
                  ('kitnet_seconds', 'kitnet_per_second')):
    if rates_of(key):
        record[name] = {'median': statistics.median(rates_of(key)), 'best': max(rates_of(key))}
record['peak_rss_kib'] = statistics.median(float(row['peak_rss_kib']) for row in rows)
with open(os.environ['BENCH_ROWS'], 'a') as out:
    out.write(json.dumps(record) + '\n')
def values(key):
    return [float(row[key]) for row in rows if key in row]
def rate(key):
    rates = [float(row['packets']) / float(row[key]) for row in rows if key in row]
    return f"{statistics.median(rates):>8.0f} ({max(rates):>7.0f})"
line = f"{label:<30} {rate('seconds')} pkt/s"
if 'feature_seconds' in rows[0]:
    line += f"   features {rate('feature_seconds')}   KitNET {rate('kitnet_seconds')}"
line += f"   peak RSS {statistics.median(values('peak_rss_kib')) / 1024:5.1f} MiB"
if values('engine_kib'):
    line += f"   engine {statistics.median(values('engine_kib')) / 1024:5.1f} MiB"
print(line)
PY
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
compiler=$(swift --version 2>/dev/null | head -1 || echo unknown)
build="swift build -c release (SwiftPM release: -O, whole module, no unsafe flags; $compiler)"
echo "kitsune-lite benchmark: $capture, $runs runs each: median (best) packets/s; $(nproc) cores, $cpu"
echo "build: $build"
grace=(--fm-grace 5000 --ad-grace 22000)
# The default (extended) feature set, then the reference's: what the target's side costs.
for set in extended reference; do
    measure "score float32, $set" "$binary" score "$capture" --features $set --arithmetic float32 "${grace[@]}" \
        --out "$work/scores.csv"
    measure "score q16, $set" "$binary" score "$capture" --features $set --arithmetic q16 "${grace[@]}" \
        --out "$work/scores.csv"
done
measure "score float64, reference" "$binary" score "$capture" --features reference --arithmetic float64 "${grace[@]}" \
    --out "$work/scores.csv"
for set in extended reference; do
    measure "features float32, $set" "$binary" features "$capture" --features $set --arithmetic float32 \
        --out "$work/features.f64"
    measure "features q16, $set" "$binary" features "$capture" --features $set --arithmetic q16 --out "$work/features.f64"
done

# Detecting with a model of the capture's benign start, its threshold calibrated on benign packets
# alone as report-check's (scoring only, incidents drained), and
# the statistics alone: one packet in 64 scored, the overload sampling's sparsest, the rate up to
# which a live detector keeps every packet in the statistics.
"$binary" train "$capture" "${grace[@]}" --calibration 1385 --false-alarm-rate 0.001 --model "$work/benign.model" 2>/dev/null
measure "detect float32" "$binary" detect "$capture" --model "$work/benign.model" --eve /dev/null
measure "detect float32, statistics alone" "$binary" detect "$capture" --model "$work/benign.model" --eve /dev/null \
    --score-every 64
# A router build that runs natively here (ROUTER_BINARY: make bench gives the x86-64 board's when
# it is built), its own arithmetic (float32): the same three, as a router runs them.
if [ -n "${ROUTER_BINARY:-}" ]; then
    measure "router build: score" "$ROUTER_BINARY" score "$capture" "${grace[@]}" --out "$work/scores.csv"
    measure "router build: detect" "$ROUTER_BINARY" detect "$capture" --model "$work/benign.model" --eve /dev/null
    measure "router build: statistics alone" "$ROUTER_BINARY" detect "$capture" --model "$work/benign.model" \
        --eve /dev/null --score-every 64
fi

here=$(dirname "$0")
# Parsing alone (records: no engine), the first stage.
measure "records (parse alone)" "$binary" records "$capture" --out "$work/records.tsv"
# The 1,000,000-packet capture: the capture sixteen times back to back, timestamps shifted
# (scripts/repeated-capture.py), end to end with the reference's grace periods.
python3 "$here/repeated-capture.py" "$capture" "$work/repeated.pcap" 16
for arithmetic in float32 q16; do
    runs=${REPEATED_RUNS:-3} measure "score $arithmetic, capture x16" "$binary" score "$work/repeated.pcap" \
        --arithmetic "$arithmetic" "${grace[@]}" --out "$work/scores.csv"
done
rm -f "$work/repeated.pcap"

# Traffic an attacker controls (scripts/synthetic-capture.py), at a 16 MiB budget.
python3 "$here/synthetic-capture.py" flood 1000000 "$work/flood.pcap"
python3 "$here/synthetic-capture.py" flood 500000 "$work/flood-half.pcap"  # the first half of the same flood
python3 "$here/synthetic-capture.py" scan 65536 "$work/scan.pcap"
# The flood with the feature map KitNET learns from its own first 5,000 packets, and with the
# map learned from the LAN of dev.pcap, as a detector trained on normal traffic has.
runs=1 measure "SYN flood, 1M sources, 16M" "$binary" score "$work/flood.pcap" --memory-budget 16M --out "$work/scores.csv"
cp "$work/summaries" "$work/flood-whole"
# The rate at the end of the flood, with every table full and evicting: the second half's
# packets over the second half's time (the whole flood's time less its first half's).
runs=1 measure "  first half alone" "$binary" score "$work/flood-half.pcap" --memory-budget 16M --out "$work/scores.csv" >/dev/null
python3 - "$work/flood-whole" "$work/summaries" <<'PY'
import sys
whole, half = ({k: float(v) for k, v in (f.split('=') for f in open(p).read().split('summary: ')[1].split())}
               for p in sys.argv[1:3])
packets = whole['packets'] - half['packets']
rate = lambda key: packets / (whole[key] - half[key])
print(f"{'  at the end (second half)':<30} {rate('seconds'):>8.0f}           pkt/s   features {rate('feature_seconds'):>8.0f}"
      f"           KitNET {rate('kitnet_seconds'):>8.0f}")
PY
map="$(dirname "$capture")/reference/feature-map.json"
if [ -f "$map" ]; then
    # (The reference's map covers the reference's 100 features: the reference set.)
    runs=1 measure "  same, LAN feature map" "$binary" score "$work/flood.pcap" --memory-budget 16M \
        --features reference --feature-map "$map" --out "$work/scores.csv"
fi
measure "port scan, 65,536 ports" "$binary" score "$work/scan.pcap" --memory-budget 16M --out "$work/scores.csv"
runs=1 measure "records, flood (no engine)" "$binary" records "$work/flood.pcap" --out "$work/records.tsv"

# Instructions per packet (callgrind), when valgrind is installed: a stripped copy, since
# valgrind 3.19 cannot read the DWARF 5 that Swift's clang writes.
if command -v valgrind >/dev/null; then
    strip --strip-debug -o "$work/kitsune-lite" "$binary"
    for arithmetic in float32 q16; do
        valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/kitsune-lite" score "$capture" \
            --arithmetic "$arithmetic" "${grace[@]}" --out /dev/null 2>"$work/callgrind.err" >/dev/null \
            || { cat "$work/callgrind.err" >&2; exit 1; }
        instructions=$(grep -o 'refs: *[0-9,]*' "$work/callgrind.err" | tr -dc '0-9' || true)
        packets=$(grep -o 'summary: packets=[0-9]*' "$work/callgrind.err" | tr -dc '0-9' || true)
        [ -n "$instructions" ] && [ "${packets:-0}" -gt 0 ] \
            || { echo "bench: no instruction count in callgrind's output:" >&2; cat "$work/callgrind.err" >&2; exit 1; }
        echo "score $arithmetic, instructions: $instructions, $((instructions / packets)) a packet (callgrind)"
        echo "{\"label\": \"callgrind score $arithmetic\", \"packets\": $packets, \"instructions\": $instructions, \"instructions_per_packet\": $((instructions / packets))}" >>"$work/rows.jsonl"
    done
    # Data-cache misses a packet in a Cortex-A53's caches (cachegrind: 32 KiB level-1 caches, the
    # data's 4-way, 256 KiB 16-way level 2, 64-byte lines), detecting and the statistics alone. The
    # routers' modelled cycles (make count-cross) count no miss, and an in-order core waits out
    # each one. The x86-64 router build when there is one (Embedded Swift, musl, a 64-bit layout
    # as aarch64's), else the host's. The counts move by about 3% with the length of paths and
    # environment (the stack's place); the same command gives the same count.
    cache_binary=${ROUTER_BINARY:-$work/kitsune-lite}
    cache_build=$([ -n "${ROUTER_BINARY:-}" ] && echo "x86-64 router build" || echo "host build")
    for mode in detect statistics; do
        sampling=(); [ "$mode" = statistics ] && sampling=(--score-every 64)
        valgrind --tool=cachegrind --cache-sim=yes --I1=32768,2,64 --D1=32768,4,64 --LL=262144,16,64 \
            --cachegrind-out-file=/dev/null "$cache_binary" detect "$capture" --model "$work/benign.model" --eve /dev/null \
            "${sampling[@]}" 2>"$work/cachegrind.err" >/dev/null || { cat "$work/cachegrind.err" >&2; exit 1; }
        l1=$(grep -o 'D1  misses: *[0-9,]*' "$work/cachegrind.err" | cut -d: -f2 | tr -dc '0-9' || true)
        l2=$(grep -o 'LLd misses: *[0-9,]*' "$work/cachegrind.err" | cut -d: -f2 | tr -dc '0-9' || true)
        packets=$(grep -o 'summary: packets=[0-9]*' "$work/cachegrind.err" | tr -dc '0-9' || true)
        [ -n "$l1" ] && [ -n "$l2" ] && [ "${packets:-0}" -gt 0 ] \
            || { echo "bench: no cache counts in cachegrind's output:" >&2; cat "$work/cachegrind.err" >&2; exit 1; }
        echo "detect float32 ($mode, $cache_build), a Cortex-A53's caches: $((l1 / packets)) level-1 and $((l2 / packets)) level-2 data misses a packet (cachegrind)"
        echo "{\"label\": \"cachegrind A53 detect float32 $mode\", \"build\": \"$cache_build\", \"packets\": $packets, \"l1_data_misses\": $l1, \"l2_data_misses\": $l2}" >>"$work/rows.jsonl"
    done
fi
python3 - "$work/rows.jsonl" "$json" "$cpu" "$build" "$capture" <<'PY'
import json, sys
rows, out, cpu, build, capture = sys.argv[1:6]
results = [json.loads(line) for line in open(rows)]
json.dump({'capture': capture, 'cpu': cpu, 'build': build, 'results': results}, open(out, 'w'), indent=1)
print(f"results as JSON: {out}")
PY
