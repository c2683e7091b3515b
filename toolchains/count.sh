#!/usr/bin/env bash
# Counts the instructions a board's binary executes a packet, in its own instruction set, under
# qemu-user with a counting plugin (instruction-count-plugin.c): `score` with the reference's
# settings (training included), then `detect` with a model of the capture's benign start
# (scoring only), and the functions that take most. Like callgrind's counts on the host, these
# do not depend on the machine's load: they are the basis of the router's estimated packets/s.
# Usage: toolchains/count.sh BOARD [float32|q16] [CAPTURE]   (default: the board's arithmetic, dev.pcap)
set -euo pipefail
BOARD=${1:?board name}
WANT_ARITHMETIC=${2:-}
source "$(dirname "$0")/board.sh"
# shellcheck source=toolchains/apt-retry.sh
source "$here/apt-retry.sh"
capture=${3:-$repo/../shared/data/dev/dev.pcap}
host_binary=$repo/.build/release/kitsune-lite
[ -x "$host_binary" ] || (cd "$repo" && swift build -c release >/dev/null)
# Built again when missing or older than any source or board setting: a stale binary would be
# counted without a word.
if [ ! -x "$binary" ] || [ -n "$(find "$repo/Sources" "$repo/toolchains" "$repo/board-configs" -newer "$binary" -print -quit)" ]; then
    "$here/build.sh" "$BOARD" "$ARITHMETIC" >/dev/null
fi

# The plugin needs a QEMU that loads plugins: qemu-user's, not the static one the tests use,
# and the qemu-plugin.h of that very version (only in QEMU's source).
qemu=${QEMU%-static}
command -v "$qemu" >/dev/null || apt_retry apt-get install -y -q qemu-user >/dev/null
version=$(dpkg-query -W -f='${source:Version}' qemu-user)
plugin_dir=$cross_root/qemu-plugin/$version
if [ ! -f "$plugin_dir/qemu-plugin.h" ]; then
    mkdir -p "$plugin_dir/source"
    (cd "$plugin_dir/source" && apt_retry apt-get source --download-only "qemu=$version" >/dev/null 2>&1)
    tar -xJf "$plugin_dir"/source/qemu_*.orig.tar.xz -C "$plugin_dir/source" --wildcards '*/include/qemu/qemu-plugin.h'
    cp "$plugin_dir"/source/*/include/qemu/qemu-plugin.h "$plugin_dir/"
    rm -rf "$plugin_dir/source"
fi
plugin=$plugin_dir/instruction-count.so
if [ ! -f "$plugin" ] || [ "$here/instruction-count-plugin.c" -nt "$plugin" ]; then
    ${CC:-cc} -shared -fPIC -O2 -I "$plugin_dir" -o "$plugin" "$here/instruction-count-plugin.c"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$host_binary" train "$capture" --model "$work/benign.model" --fm-grace 5000 --ad-grace 22000 2>/dev/null

# Runs the binary under the plugin: its blocks into LABEL.blocks, its summary (the packet count)
# into LABEL.err.
counted() {  # label, kitsune-lite arguments...
    local label=$1; shift
    "$qemu" -plugin "$plugin,out=$work/$label.blocks" "$binary" "$@" 2>"$work/$label.err" >/dev/null \
        || { echo "$label: $(tail -1 "$work/$label.err")" >&2; exit 1; }
}
counted training score "$capture" --fm-grace 5000 --ad-grace 22000 --out /dev/null
counted detecting detect "$capture" --model "$work/benign.model" --eve /dev/null
"$GNU_TRIPLE-nm" -n --defined-only "$binary.unstripped" > "$work/symbols.txt"

echo "$BOARD ($TARGET_CPU), $ARITHMETIC, $(basename "$capture"): instructions a packet under qemu-user (whole run / packets)"
python3 - "$work" "$(command -v swift-demangle || echo /opt/swift/usr/bin/swift-demangle)" <<'EOF'
import bisect, collections, os, re, subprocess, sys
work, demangler = sys.argv[1], sys.argv[2]
starts, names = [], []
for line in open(os.path.join(work, "symbols.txt")):
    parts = line.split()
    if len(parts) == 3 and parts[1] in "tTwW":
        starts.append(int(parts[0], 16)); names.append(parts[2])
def function(address):
    index = bisect.bisect_right(starts, address) - 1
    return names[index] if index >= 0 else "?"
def short(name):
    try:
        text = subprocess.run([demangler, "--simplified", "--compact", name], capture_output=True, text=True).stdout.strip()
    except OSError:
        text = name
    text = re.sub(r"^(generic )?specialization <[^>]*> of ", "", text or name)
    return text[:110]
for label in ("training", "detecting"):
    errors = open(os.path.join(work, label + ".err")).read()
    packets = int(re.findall(r"(?:^| )packets=(\d+)", errors, re.M)[-1])
    by_function = collections.Counter()
    for line in open(os.path.join(work, label + ".blocks")):
        address, instructions, runs = line.split()
        by_function[function(int(address, 16))] += int(instructions) * int(runs)
    total = sum(by_function.values())
    print(f"{label}: {total // packets:,} instructions a packet ({packets:,} packets)")
    for name, count in by_function.most_common(int(os.environ.get("COUNT_FUNCTIONS", "12"))):
        print(f"  {count // packets:>7,}  {short(name)}")
EOF
