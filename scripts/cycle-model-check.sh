#!/usr/bin/env bash
# How far toolchains/block-report.py's cycle model is from a real core: the host's binary, whose cycles can be
# timed, modelled by the same method as the routers' (its blocks counted under qemu-user with the
# instruction-count plugin, each block's cycles from llvm-mca's model of a Zen 3 core), against
# `detect` on dev.pcap run natively (best of five, on one core). The measured cycles take the
# clock /proc/cpuinfo gives, which a virtual machine may give below the core's boost clock.
# Usage: scripts/cycle-model-check.sh   (after swift build -c release)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
here=$repo/toolchains
# shellcheck source=toolchains/apt-retry.sh
source "$here/apt-retry.sh"
# shellcheck source=toolchains/instruction-count-plugin.sh
source "$here/instruction-count-plugin.sh"
plugin=$(instruction_count_plugin "$repo/.build-cross")
command -v llvm-mca >/dev/null || apt_retry apt-get install -y -q --no-install-recommends llvm >/dev/null
capture=$repo/../shared/data/dev/dev.pcap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Unstripped of symbols but not of debug sections' size: the model reads only .text.
strip --strip-debug -o "$work/kitsune-lite" "$repo/.build/release/kitsune-lite"
"$work/kitsune-lite" train "$capture" --model "$work/benign.model" --fm-grace 5000 --ad-grace 22000 \
    --calibration 1385 --false-alarm-rate 0.001 2>/dev/null

qemu-x86_64 -plugin "$plugin,out=$work/detecting.blocks" "$work/kitsune-lite" detect "$capture" \
    --model "$work/benign.model" --eve /dev/null 2>"$work/detecting.err" >/dev/null
packets=$(grep -oE '(^| )packets=[0-9]+' "$work/detecting.err" | tail -1 | cut -d= -f2)
# qemu-user loads a position-independent binary at 0x4000000000 on x86-64 (BASE, in hex).
BASE=4000000000 COUNT_FUNCTIONS=0 CYCLE_FUNCTIONS=0 python3 "$here/block-report.py" detecting "$work/kitsune-lite" \
    "$work/detecting.blocks" "$packets" objdump x86_64-linux-gnu znver3 2>/dev/null

best=0
for _ in 1 2 3 4 5; do
    rate=$(taskset -c 0 "$work/kitsune-lite" detect "$capture" --model "$work/benign.model" --eve /dev/null 2>&1 \
        | grep -oE 'packets_per_second=[0-9]+' | head -1 | cut -d= -f2)
    [ "$rate" -gt "$best" ] && best=$rate
done
megahertz=$(grep -m1 'cpu MHz' /proc/cpuinfo | grep -oE '[0-9]+' | head -1)
echo "  measured: $best packets/s on one core; at the $megahertz MHz /proc/cpuinfo gives, $((megahertz * 1000000 / best)) cycles a packet"
