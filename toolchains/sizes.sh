#!/usr/bin/env bash
# What takes the space in a board's binary: its stripped size, and the largest symbols of the
# unstripped build grouped by where they come from. Usage: toolchains/sizes.sh BOARD
set -euo pipefail
BOARD=${1:?board name}
source "$(dirname "$0")/board.sh"
build_when_stale >/dev/null
echo "$BOARD: $(stat -c %s "$binary") bytes stripped ($TOOLCHAIN, $TARGET_CPU)"
"$GNU_TRIPLE-size" -A "$binary" | awk '$1 ~ /^\.(text|rodata|data|bss)/ {printf "  %-10s %8d\n", $1, $2}'
echo "largest symbols:"
"$GNU_TRIPLE-nm" --size-sort -S -C "$binary.unstripped" | tail -12 \
    | while read -r _ size _ name; do printf "  %8d  %s\n" "$((16#$size))" "$name"; done
