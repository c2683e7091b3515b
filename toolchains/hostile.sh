#!/usr/bin/env bash
# The hostile inputs of issue 13 through one binary (a router build under qemu-user, or the
# host build): crafted captures (scripts/hostile-captures.py), settings at and past the ends of
# their ranges, table sizes and budgets whose byte counts pass 2^31 (a 32-bit Int's end), and
# a model with a NaN weight behind a recomputed checksum. Every run must end with status 0, 1
# or 2 and, unless 0, a one-line "kitsune-lite: error:" message; never a signal (an Embedded
# Swift trap is SIGILL or SIGTRAP and prints nothing). Scores must be finite.
# Usage: toolchains/hostile.sh BOARD DEV_PCAP [float32|q16]   a board's build, under its qemu
#        toolchains/hostile.sh BINARY DEV_PCAP [float32|q16]    a binary of this machine (its
#                                                               arithmetic, for a router build's)
set -uo pipefail
dev=${2:?dev.pcap}
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "${1:?board or binary}" ] && [ -f "$1" ]; then
    binary=$1
    qemu=
    ARITHMETIC=${3:-float32}
else
    BOARD=$1
    WANT_ARITHMETIC=${3:-}
    # shellcheck source=toolchains/board.sh
    source "$here/board.sh"
    qemu=$QEMU
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/../scripts/hostile-captures.py" "$dev" "$work/captures" --interfaces 20000 || exit 1

runs=0 failures=0
check() {  # ARGUMENTS...: a run of the binary that must end with 0, 1 or 2 and a message
    local status
    runs=$((runs + 1))
    $qemu "$binary" "$@" >"$work/out.txt" 2>"$work/err.txt"
    status=$?
    if [ "$status" -gt 2 ]; then
        echo "FAIL (status $status: a signal or a trap): $*" >&2
        tail -3 "$work/err.txt" >&2
        failures=$((failures + 1))
    elif [ "$status" -ne 0 ] && ! grep -q '^kitsune-lite: error: ' "$work/err.txt"; then
        echo "FAIL (status $status without a message): $*" >&2
        failures=$((failures + 1))
    fi
    return 0
}
finite() {  # FILE: every score of a score CSV is a finite number
    if grep -Eiq 'nan|inf' "$1"; then
        echo "FAIL: non-finite scores in $1 ($2)" >&2
        failures=$((failures + 1))
    fi
}

grace=(--fm-grace 500 --ad-grace 1000)
for capture in "$work"/captures/*; do
    for arithmetic in float32 q16; do
        check score "$capture" --arithmetic "$arithmetic" "${grace[@]}" --out "$work/scores.csv"
        [ -s "$work/scores.csv" ] && finite "$work/scores.csv" "$(basename "$capture") $arithmetic"
        check train "$capture" --arithmetic "$arithmetic" "${grace[@]}" --calibration 100 --memory-budget 1M \
            --model "$work/$arithmetic.model"
    done
    check features "$capture" --out /dev/null
    check records "$capture" --out /dev/null
done
# The sweeps below detect with what these captures trained: in the binary's own arithmetic (a
# router build's; float32 for a host build) some must have trained, or they would be skipped.
if [ ! -f "$work/$ARITHMETIC.model" ]; then
    echo "FAIL: no crafted capture trained a $ARITHMETIC model, so detect was not tried on them" >&2
    failures=$((failures + 1))
fi
for arithmetic in float32 q16; do
    [ -f "$work/$arithmetic.model" ] || continue
    for capture in "$work"/captures/*; do check detect "$capture" --model "$work/$arithmetic.model" --eve /dev/null; done
done

# Settings past their ranges, and sizes whose byte counts pass 2^31.
for words in "--max-ae 4294967296" "--max-ae 65537" "--max-ae 1024" "--learning-rate 1e308" "--fm-grace -1" \
             "--ad-grace 99999999999999999999" "--hidden-ratio 1e-300" "--memory-budget 1086M" "--memory-budget 2047M" \
             "--memory-budget 64G" "--memory-budget 4G" "--socket-trackers 16777216 --memory-budget 2047M" \
             "--host-streams 16777216" "--trackers-per-stream 16777216" "--socket-streams 16777216 --socket-trackers 16777216"; do
    # shellcheck disable=SC2086
    check plan $words
done
# A feature map of one group of 70,000 features (its weights would pass 2^31 bytes), and of
# 70,000 groups.
python3 -c "print('[[' + ','.join(['0'] * 70000) + ']]')" >"$work/wide.json"
python3 -c "print('[' + ','.join(['[1]'] * 70000) + ']')" >"$work/many.json"
# (Router builds have no --feature-map, a host tool's option: for them these are refusals.)
check score "$dev" --feature-map "$work/wide.json" --out /dev/null
check plan --feature-map "$work/many.json"
for words in "--calibration 9223372036854775807" "--calibration 500000000" "--false-alarm-rate 1e-17" \
             "--seconds 1e300" "--packets 9223372036854775807" "--threshold 1e308"; do
    # shellcheck disable=SC2086
    check train "$work/captures/century-jump.pcapng" "${grace[@]}" --model "$work/range.model" $words
done
# A router binary runs its own arithmetic only: detect with the model of its arithmetic.
model=$work/$ARITHMETIC.model
if [ -f "$model" ]; then
    for words in "--alert-rate 0" "--alert-rate 1e-9" "--warmup 1e300" "--incident-quiet 1e300" "--alert-window 1e-300"; do
        # shellcheck disable=SC2086
        check detect "$work/captures/century-jump.pcapng" --model "$model" $words
    done
fi
if [ -f "$work/float32.model" ]; then
    # One NaN weight, the checksum recomputed: refused (status 2), not a run without alerts.
    model=$work/float32.model
    python3 - "$model" "$work/nan.model" <<'EOF'
import sys, zlib
data = bytearray(open(sys.argv[1], 'rb').read())
at = len(data) - 4 - 4 * 40
data[at:at + 4] = bytes([0, 0, 0xC0, 0x7F])
data[-4:] = (zlib.crc32(bytes(data[:-4])) & 0xFFFFFFFF).to_bytes(4, 'little')
open(sys.argv[2], 'wb').write(data)
EOF
    check detect "$dev" --model "$work/nan.model"
    grep -q 'not finite' "$work/err.txt" || { echo "FAIL: a NaN weight is not refused" >&2; failures=$((failures + 1)); }
fi
echo "hostile inputs: $runs runs of $(basename "$binary")${qemu:+ under $qemu}, $failures failed"
[ "$failures" -eq 0 ]
