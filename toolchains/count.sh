#!/usr/bin/env bash
# Counts the instructions a board's binary executes a packet, in its own instruction set, under
# qemu-user with a counting plugin (instruction-count-plugin.c): `score` with the reference's
# settings (training included), then `detect` with a model of the capture's benign start
# (scoring only), and `detect` scoring one packet in 64 (the overload sampling's sparsest:
# the statistics and little else), and the functions that take most; then the cycles of the same blocks in LLVM's
# model of the board's core (block-report.py). Like callgrind's counts on the host, these do not
# depend on the machine's load: they are the basis of the router's estimated packets/s.
# Usage: toolchains/count.sh BOARD [float32|q16] [CAPTURE]   (default: the board's arithmetic, dev.pcap)
set -euo pipefail
BOARD=${1:?board name}
WANT_ARITHMETIC=${2:-}
# The board's model core alone: a value left in the environment would apply to every board.
unset CYCLE_MODEL_CPU
source "$(dirname "$0")/board.sh"
# shellcheck source=toolchains/apt-retry.sh
source "$here/apt-retry.sh"
capture=${3:-$repo/../shared/data/dev/dev.pcap}
host_binary=$repo/.build/release/kitsune-lite
[ -x "$host_binary" ] || (cd "$repo" && swift build -c release >/dev/null)
build_when_stale >/dev/null

qemu=${QEMU%-static}
# shellcheck source=toolchains/instruction-count-plugin.sh
source "$here/instruction-count-plugin.sh"
plugin=$(instruction_count_plugin "$cross_root")
# The cycle model (block-report.py) needs llvm-mca, and the board's core in LLVM's models.
command -v llvm-mca >/dev/null || apt_retry apt-get install -y -q --no-install-recommends llvm >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Its threshold calibrated on benign packets alone (the 1,385 after the grace periods, as
# report-check's), as a router that learned a quiet network has it.
"$host_binary" train "$capture" --model "$work/benign.model" --fm-grace 5000 --ad-grace 22000 \
    --calibration 1385 --false-alarm-rate 0.001 2>/dev/null

# Runs the binary under the plugin: its blocks into LABEL.blocks, its summary (the packet count)
# into LABEL.err.
counted() {  # label, kitsune-lite arguments...
    local label=$1; shift
    "$qemu" -plugin "$plugin,out=$work/$label.blocks" "$binary" "$@" 2>"$work/$label.err" >/dev/null \
        || { echo "$label: $(tail -1 "$work/$label.err")" >&2; exit 1; }
}
counted training score "$capture" --fm-grace 5000 --ad-grace 22000 --out /dev/null
counted detecting detect "$capture" --model "$work/benign.model" --eve /dev/null
# Every packet into the statistics, one in 64 scored: the overload sampling's sparsest
# (ScoringSample.sparsest), so the rate up to which a router keeps every packet in the statistics.
counted statistics detect "$capture" --model "$work/benign.model" --eve /dev/null --score-every 64

echo "$BOARD ($TARGET_CPU), $ARITHMETIC, $(basename "$capture"): instructions a packet under qemu-user (whole run / packets)"
demangler=$(command -v swift-demangle || echo /opt/swift/usr/bin/swift-demangle)
for label in training detecting statistics; do
    packets=$(grep -oE '(^| )packets=[0-9]+' "$work/$label.err" | tail -1 | cut -d= -f2)
    # By function, and in the core's own timing (LLVM's scheduling model of it; block-report.py
    # says what the model leaves out). LLVM has no model of some cores: the board names a near one.
    TARGET_CORE=$TARGET_CPU python3 "$here/block-report.py" "$label" "$binary.unstripped" "$work/$label.blocks" "$packets" \
        "$GNU_TRIPLE-objdump" "$CYCLE_MODEL_TRIPLE" "${CYCLE_MODEL_CPU:-$TARGET_CPU}" "$demangler"
done
