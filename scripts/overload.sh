#!/usr/bin/env bash
# Overload, live (issue 14): dev.pcap (padded to its original lengths) replayed with
# `tcpreplay --topspeed -K` (preloaded) through a veth pair between two network namespaces into
# `detect --interface`, once with every packet scored (--score-every 1) and once as detect
# runs by default (scoring a sample when it falls behind). For each: packets sent, received by
# the capture, dropped by the kernel, scored and only counted, incidents opened, and how many of
# them name the attacker (scripts/attacker-incidents.py).
# Usage: scripts/overload.sh [BINARY] [REPEAT]   (as root; REPEAT: dev.pcap back to back, default 4)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$repo/.build/release/kitsune-lite}
repeat=${2:-4}
shared=${SHARED:-$repo/../shared}
work=$(mktemp -d)
sender=ks-ovl-send receiver=ks-ovl-recv
cleanup() { ip netns del "$sender" 2>/dev/null || true; ip netns del "$receiver" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cleanup; work=$(mktemp -d)
ip netns add "$sender"; ip netns add "$receiver"
for ns in "$sender" "$receiver"; do ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip link add ovl0 netns "$sender" type veth peer name ovl1 netns "$receiver"
ip -n "$sender" link set ovl0 up; ip -n "$receiver" link set ovl1 up

tcprewrite --fixlen=pad -i "$shared/data/dev/dev.pcap" -o "$work/padded.pcap"
"$binary" train "$shared/data/dev/dev.pcap" --model "$work/dev.model" --fm-grace 5000 --ad-grace 22000 \
    --calibration 1385 --false-alarm-rate 0.001 2>/dev/null

run() {  # label, extra detect words...
    local label=$1; shift
    ip netns exec "$receiver" "$binary" detect --interface ovl1 --model "$work/dev.model" --warmup 0 \
        --eve "$work/eve-$label.json" "$@" 2>"$work/detect-$label.txt" &
    local pid=$!
    sleep 1
    local replay sent pps
    # -K: the capture preloaded into memory, so that reading it does not slow the replay.
    # Figures only: a replay or a detector that went wrong shows as missing or odd figures.
    replay=$(ip netns exec "$sender" tcpreplay -i ovl0 --topspeed -K --loop "$repeat" "$work/padded.pcap" 2>&1) || true
    sent=$(echo "$replay" | grep -oE 'Actual: [0-9]+ packets' | grep -oE '[0-9]+' | head -1) || true
    pps=$(echo "$replay" | grep -oE '[0-9.]+ pps' | head -1) || true
    sleep 3
    kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true
    local summary
    summary=$(cat "$work/detect-$label.txt")
    field() { echo "$summary" | grep -oE " $1=[0-9]+" | tail -1 | cut -d= -f2; }
    printf '%-13s sent %7s at %-13s received %7s  dropped %7s  packets %7s  scored %7s  unscored %7s  incidents %2s  score_every %s\n' \
        "$label" "$sent" "$pps" "$(field received)" "$(field dropped)" "$(field packets)" "$(field scored)" "$(field unscored)" \
        "$(field opened)" "$(field score_every)"
    printf '%-13s %s\n' "" "$(python3 "$repo/scripts/attacker-incidents.py" "$work/eve-$label.json" \
        "$shared/data/dev/attacks.csv" 2>&1)"
}
echo "dev.pcap x $repeat at tcpreplay --topspeed, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
run every-packet --score-every 1
run adaptive
