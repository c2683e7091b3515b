#!/usr/bin/env bash
# Runs a board's binary under qemu-user on dev.pcap and compares it with the host build: it
# must be static with no interpreter, answer a missing file with a readable error, and give
# the host's scores bit for bit in its arithmetic (q16: integers only; float32: PortableMath;
# float64 would differ, as musl's pow rounds some results differently from glibc's).
# Usage: toolchains/test.sh BOARD HOST_BINARY CAPTURE [float32|q16]
#   (the last argument tests the board built in another arithmetic than its own, build.sh's)
set -euo pipefail
BOARD=${1:?board name}
host_binary=${2:?host binary}
capture=${3:?capture}
WANT_ARITHMETIC=${4:-}
# The board's budget alone: a value left in the environment would apply to every board.
unset SIZE_BUDGET
source "$(dirname "$0")/board.sh"
build_when_stale
# The size budget of a router binary: 512 KiB stripped, the flash routers' (SIZE_BUDGET, a board's
# own where its storage allows more). A build in another arithmetic than the board's own tests
# that arithmetic's code on the board's core, and no router gets it (a board that needs q16, a
# core without an FPU, says so in its configuration, and its build is held to the budget): it
# may take 64 KiB more, so that the engine's larger q16 code does not hold the boards' products
# to what the test build leaves.
size=$(stat -c %s "$binary")
budget=$(numfmt --from=iec "${SIZE_BUDGET:-512K}")
[ "$is_test_build" = yes ] && budget=$((budget + 65536))
echo "$BOARD, $ARITHMETIC: $size bytes stripped (budget $budget)"
[ "$size" -le "$budget" ] || { echo "$binary is over its budget of $budget bytes: see make sizes BOARD=$BOARD" >&2; exit 1; }
[ "$size" -le 524288 ] || echo "note: over the flash routers' 512 KiB, within its budget of $budget bytes"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

description=$(file -b "$binary")
echo "file: $description"
case "$description" in *"statically linked"*) ;; *) echo "not statically linked" >&2; exit 1 ;; esac
case "$description" in *interpreter*) echo "has an interpreter" >&2; exit 1 ;; esac
if [ "$TOOLCHAIN" = arm-linux-musleabihf ]; then
    "$GNU_TRIPLE-readelf" -A "$binary" | grep 'Tag_ABI_VFP_args: VFP registers' >/dev/null \
        || { echo "not the hard-float calling convention" >&2; exit 1; }
fi

# Errors must be readable on the device: no silent trap (Embedded Swift's traps print nothing).
expect_error() {  # MESSAGE ARGUMENTS...: exit status 2 and MESSAGE on standard error
    local message=$1 status
    shift
    set +e
    "$QEMU" "$binary" "$@" 2>"$work/error.txt" >/dev/null; status=$?
    set -e
    [ "$status" = 2 ] && grep -q "$message" "$work/error.txt" \
        || { echo "kitsune-lite $*: status $status, '$(cat "$work/error.txt")'" >&2; exit 1; }
}
expect_error 'cannot read capture' score /nonexistent.pcap
expect_error 'unknown option' score "$capture" --no-such-option
expect_error 'needs a size' score "$capture" --memory-budget lots
expect_error 'cannot read model' detect "$capture" --model /nonexistent.model
expect_error 'not a kitsune-lite model' info --model "$capture"
# The host's tools (records, features, convert) are left out of router builds.
expect_error 'unknown command' records "$capture"
echo "errors: missing capture, bad option, bad size, missing and foreign model, a host tool: one line each, status 2"

# The user's path: a model trained in float32 on the host detects on the device, converted as it
# loads when the device is q16; info reads it either way.
sample=$repo/Samples/lan-scan-and-flood.pcapng
"$host_binary" train "$sample" --arithmetic float32 --fm-grace 2000 --ad-grace 8000 --calibration 1000 \
    --model "$work/host.model" 2>/dev/null
# grep reads to the end (not -q): a grep that leaves early kills the writer with SIGPIPE, and
# pipefail then fails the check one run in six.
"$QEMU" "$binary" info --model "$work/host.model" | grep 'arithmetic: float32' >/dev/null \
    || { echo "info cannot read a float32 model" >&2; exit 1; }
"$QEMU" "$binary" detect "$sample" --model "$work/host.model" 2>"$work/detect.txt" >"$work/reports.txt" \
    || { echo "detect with the host's float32 model failed: $(cat "$work/detect.txt")" >&2; exit 1; }
# The sample's attacks, alerted with the host's model: at least one incident opened, and its
# report printed (no sink named: standard output).
grep -E 'incidents: opened=[1-9]' "$work/detect.txt" >/dev/null \
    || { echo "detect with the host's float32 model opened no incident: $(cat "$work/detect.txt")" >&2; exit 1; }
grep -E '^incident 1 opened: ' "$work/reports.txt" >/dev/null \
    || { echo "detect printed no report of incident 1: '$(head -3 "$work/reports.txt")'" >&2; exit 1; }
echo "host model on the device: $(grep -o 'incidents: opened=[0-9]*' "$work/detect.txt")"
# A reader that has gone (| true, given a second to exit first): the run stops with its summary
# and fails, rather than die of SIGPIPE.
{ sleep 1; closed=0; "$QEMU" "$binary" detect "$sample" --model "$work/host.model" --eve - 2>"$work/closed.txt" \
    || closed=$?; echo "$closed" >"$work/closed.status"; } | true
[ "$(cat "$work/closed.status")" = 1 ] && grep -q 'cannot write standard output (Broken pipe): stopping' "$work/closed.txt" \
    && grep -q 'summary: packets=' "$work/closed.txt" \
    || { echo "detect --eve - into a closed pipe: status $(cat "$work/closed.status"), $(cat "$work/closed.txt")" >&2; exit 1; }
echo "a closed standard output: detect stopped with its summary, status 1"
if [ "$ARITHMETIC" = q16 ]; then
    # Saturation everywhere (a learning rate of 1000): counted, never a trap on a 32-bit CPU.
    "$QEMU" "$binary" score "$sample" --learning-rate 1000 --fm-grace 2000 --ad-grace 8000 --out /dev/null \
        2>"$work/saturated.txt" || { echo "a saturating run failed: $(cat "$work/saturated.txt")" >&2; exit 1; }
    grep -E 'saturated_products=[1-9]' "$work/saturated.txt" >/dev/null \
        || { echo "the saturating run counted no saturated product: $(cat "$work/saturated.txt")" >&2; exit 1; }
    echo "saturating run: $(grep -o 'saturated_products=[0-9]*' "$work/saturated.txt")"
fi

settings=(--arithmetic "$ARITHMETIC" --fm-grace 5000 --ad-grace 22000 --memory-budget "$MEMORY_BUDGET")
"$QEMU" "$binary" score "$capture" "${settings[@]}" --out "$work/device.csv" 2>"$work/device.txt"
"$host_binary" score "$capture" "${settings[@]}" --out "$work/host.csv" 2>"$work/host.txt"
grep -o 'summary: .*' "$work/device.txt" | sed 's/^/device /'
# Memory: the engine's own accounting (all of its memory is one arena, decided at start) must be
# within the board's budget; peak RSS under qemu (about 10 MB of which is qemu's) beside it.
field() { grep -o "$1=[0-9]*" "$2" | tail -1 | cut -d= -f2; }
engine_kib=$(field engine_kib "$work/device.txt")
budget_kib=$(numfmt --from=iec "$MEMORY_BUDGET" | awk '{print $1 / 1024}')
echo "memory: engine ${engine_kib} KiB (budget ${budget_kib} KiB); peak RSS under qemu $(field peak_rss_kib "$work/device.txt") KiB"
[ "$engine_kib" -le "$budget_kib" ] || { echo "the engine (${engine_kib} KiB) is over the board's budget" >&2; exit 1; }
# Q16 is integers only, float32 computes with PortableMath: the device gives the host's very bits.
python3 "$repo/scripts/compare-scores.py" "$work/device.csv" "$work/host.csv" --relative "${TOLERANCE:-0}"
