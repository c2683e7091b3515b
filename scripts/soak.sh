#!/usr/bin/env bash
# The soak: SOAK_PACKETS (default 20,000,000) packets of dev.pcap repeated with shifted
# timestamps, floods and scans mixed in (scripts/soak-stream.py, streamed through a pipe, never
# on disk), through `kitsune-lite detect` with a model of dev.pcap's benign start, in each
# arithmetic. The detector's resident memory is sampled every SOAK_INTERVAL seconds; its scores
# go to a checker that counts them and every one that is not finite.
#
# Passes when, in every arithmetic: the run ends with status 0, the summary counts every packet
# and no parse failure, every score is finite, and memory is flat: the highest RSS of the second
# half of the run at most 1 MiB above the highest of the first half (the engine's memory is one
# arena, allocated at start: nothing may grow with the traffic).
# Results: .build-soak/ (rss-ARITHMETIC.csv: seconds,rss_kib; summary-ARITHMETIC.txt), and a line
# per arithmetic on standard output.
set -uo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DEV=$SHARED/data/dev/dev.pcap
PACKETS=${SOAK_PACKETS:-20000000}
INTERVAL=${SOAK_INTERVAL:-5}
ARITHMETICS=${SOAK_ARITHMETICS:-float32 q16 float64}
BIN=.build/release/kitsune-lite
out=.build-soak
mkdir -p "$out"
status=0
for arithmetic in $ARITHMETICS; do
    model=$out/dev-$arithmetic.model
    "$BIN" train "$DEV" --arithmetic "$arithmetic" --fm-grace 5000 --ad-grace 22000 --calibration 1385 \
        --false-alarm-rate 0.001 --model "$model" 2>"$out/train-$arithmetic.txt" || { cat "$out/train-$arithmetic.txt"; exit 1; }
    rm -f "$out/capture.fifo" "$out/scores.fifo"
    mkfifo "$out/capture.fifo" "$out/scores.fifo"
    python3 scripts/soak-stream.py "$DEV" "$PACKETS" >"$out/capture.fifo" &
    writer=$!
    python3 - "$out/scores.fifo" >"$out/scores-$arithmetic.txt" <<'EOF' &
import math, sys
count = nonfinite = 0
highest = 0.0
with open(sys.argv[1]) as scores:
    next(scores)  # the header
    for line in scores:
        value = float(line.rsplit(',', 1)[1])
        count += 1
        if not math.isfinite(value):
            nonfinite += 1
        elif value > highest:
            highest = value
print('scores=%d nonfinite=%d highest=%g' % (count, nonfinite, highest))
EOF
    checker=$!
    started=$(date +%s.%N)
    "$BIN" detect "$out/capture.fifo" --model "$model" --scores "$out/scores.fifo" --eve /dev/null \
        2>"$out/summary-$arithmetic.txt" &
    detector=$!
    echo "seconds,rss_kib" >"$out/rss-$arithmetic.csv"
    while kill -0 "$detector" 2>/dev/null; do
        rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$detector/status" 2>/dev/null)
        [ -n "$rss" ] && echo "$(awk -v now="$(date +%s.%N)" -v start="$started" 'BEGIN { printf "%.1f", now - start }'),$rss" \
            >>"$out/rss-$arithmetic.csv"
        sleep "$INTERVAL"
    done
    wait "$detector"
    code=$?
    wait "$writer" "$checker"
    summary=$(grep -o 'summary: .*' "$out/summary-$arithmetic.txt")
    field() { grep -o " $1=[0-9.]*" <<<"$summary" | head -1 | cut -d= -f2; }
    packets=$(field packets)
    read -r first_half second_half samples < <(python3 - "$out/rss-$arithmetic.csv" <<'EOF'
import sys
rows = [line.split(',') for line in open(sys.argv[1]).read().split()[1:]]
rss = [int(row[1]) for row in rows]
half = len(rss) // 2
print(max(rss[:half] or [0]), max(rss[half:] or [0]), len(rss))
EOF
)
    scores=$(cat "$out/scores-$arithmetic.txt")
    line="soak $arithmetic: status=$code packets=$packets seconds=$(field seconds) packets_per_second=$(field packets_per_second)"
    line+=" parse_failures=$(field parse_failures) evictions=$(field evictions) $scores"
    line+=" rss_kib_first_half=$first_half rss_kib_second_half=$second_half samples=$samples"
    line+=" $(grep -o 'opened=[0-9]*' "$out/summary-$arithmetic.txt")"
    echo "$line"
    if [ "$code" -ne 0 ] || [ "${packets:-0}" -lt "$PACKETS" ] || [ "$(field parse_failures)" != 0 ] \
       || ! grep -q 'nonfinite=0 ' <<<"$scores " || [ "$second_half" -gt $((first_half + 1024)) ] \
       || ! grep -q "scores=$packets " <<<"$scores "; then
        echo "soak $arithmetic FAILED" >&2
        tail -3 "$out/summary-$arithmetic.txt" >&2
        status=1
    fi
done
rm -f "$out/capture.fifo" "$out/scores.fifo"
exit $status
