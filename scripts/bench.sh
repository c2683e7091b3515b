#!/usr/bin/env bash
# Benchmarks kitsune-lite on a capture: end-to-end packets/s for each arithmetic, the time of
# feature extraction and of KitNET, feature extraction alone, and peak memory. Each figure is
# the median of RUNS runs (default 3). Usage: scripts/bench.sh BINARY CAPTURE
set -euo pipefail
binary=${1:?binary}
capture=${2:?capture}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs the command RUNS times; prints the median of each summary field named in $fields.
measure() {
    local label=$1; shift
    for run in $(seq "$runs"); do
        "$@" 2>"$work/stderr" >/dev/null
        grep -o 'summary: .*' "$work/stderr" | tail -1
    done >"$work/summaries"
    python3 - "$label" "$work/summaries" <<'PY'
import statistics, sys
label, path = sys.argv[1], sys.argv[2]
rows = [dict(field.split('=') for field in line.split()[1:]) for line in open(path)]
def median(key):
    values = [float(row[key]) for row in rows if key in row]
    return statistics.median(values) if values else float('nan')
pps = median('packets_per_second')
line = f"{label:<28} {pps:>10.0f} pkt/s"
if 'feature_seconds' in rows[0]:
    packets = median('packets')
    line += f"   features {packets / median('feature_seconds'):>9.0f} pkt/s   KitNET {packets / median('kitnet_seconds'):>9.0f} pkt/s"
line += f"   peak RSS {median('peak_rss_kib') / 1024:6.1f} MiB   engine {median('engine_kib') / 1024:6.1f} MiB"
print(line)
PY
}

echo "kitsune-lite benchmark: $capture ($runs runs each, median); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
grace=(--fm-grace 5000 --ad-grace 22000)
measure "score float32 (end to end)" "$binary" score "$capture" --arithmetic float32 "${grace[@]}" --out "$work/scores.csv"
measure "score float64 (end to end)" "$binary" score "$capture" --arithmetic float64 "${grace[@]}" --out "$work/scores.csv"
measure "features float32 (AfterImage)" "$binary" features "$capture" --arithmetic float32 --out "$work/features.f64"
