#!/usr/bin/env bash
# Builds the static, stripped kitsune-lite for a router board: every module in Embedded Swift
# for the board's CPU, linked against musl and libpcap from toolchains/prepare.sh.
#
# The binary has one arithmetic, the board's (ARITHMETIC in its configuration): each one compiles
# the engine and the commands once more, and three would not fit 512 KB. A second argument builds
# another arithmetic for the same board into .build-cross/boards/BOARD/ARITHMETIC/ (for tests).
# Usage: toolchains/build.sh [--when-stale] BOARD [float32|q16]   (board-configs/BOARD.mk)
#   --when-stale: only when the binary is missing or older than a source or board setting.
set -euo pipefail
when_stale=false
if [ "${1:-}" = --when-stale ]; then when_stale=true; shift; fi
BOARD=${1:?board name}
WANT_ARITHMETIC=${2:-}
# The board's optimisation alone: a value left in the environment would apply to every board.
unset SWIFT_OPTIMIZATION
source "$(dirname "$0")/board.sh"
if $when_stale; then
    build_when_stale
    exit 0
fi
case "$ARITHMETIC" in
    float32) arithmetic_flags=(-D KITSUNE_ROUTER -D KITSUNE_NO_FLOAT64 -D KITSUNE_NO_Q16) ;;
    q16) arithmetic_flags=(-D KITSUNE_ROUTER -D KITSUNE_NO_FLOAT64 -D KITSUNE_NO_FLOAT32) ;;
    *) echo "board $BOARD: ARITHMETIC must be float32 or q16, not '$ARITHMETIC'" >&2; exit 2 ;;
esac
"$here/prepare.sh" "$TOOLCHAIN" "$cross_root"

swiftc=${SWIFTC:-swiftc}
mkdir -p "$out"
# A module cache per board: clang's shared cache ignores include paths, and a libc module
# cached from glibc headers would be reused for musl (wrong struct sizes).
# -Osize unless the board asks for speed (SWIFT_OPTIMIZATION in its configuration).
flags=(-enable-experimental-feature Embedded -enable-experimental-feature Extern -wmo "${SWIFT_OPTIMIZATION:--Osize}"
       -Xfrontend -function-sections -Xllvm -enable-machine-outliner=always -parse-as-library -target "$SWIFT_TARGET" -target-cpu "$TARGET_CPU"
       -module-cache-path "$out/module-cache" -I "$out"
       -Xcc -nostdlibinc -Xcc -isystem -Xcc "$sysroot/usr/include/$MUSL_TRIPLE"
       -Xcc -isystem -Xcc "$sysroot/usr/include" -Xcc -isystem -Xcc "$sysroot/usr/include/$GNU_TRIPLE")
# shellcheck disable=SC2206
flags+=($SWIFT_TARGET_FLAGS)
cd "$repo"
"$swiftc" "${flags[@]}" -module-name FixedPoint -emit-module -emit-module-path "$out/FixedPoint.swiftmodule" \
    -c Sources/FixedPoint/*.swift -o "$out/FixedPoint.o"
"$swiftc" "${flags[@]}" -module-name KitsuneEmbedded -emit-module -emit-module-path "$out/KitsuneEmbedded.swiftmodule" \
    -c $(find Sources/KitsuneEmbedded -name '*.swift' | sort) -o "$out/KitsuneEmbedded.o"
"$swiftc" "${flags[@]}" "${arithmetic_flags[@]}" -I Sources/CSupport/include -module-name kitsune_lite \
    -c $(ls Sources/kitsune-lite/*.swift | grep -v '/main.swift$') -o "$out/kitsune-lite.o"
cc=("$GNU_TRIPLE-gcc" "-specs=$sysroot/musl.specs")
# shellcheck disable=SC2206
# No unwind tables: nothing in the program unwinds (Embedded Swift has no unwinding either).
cflags=(-Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables $TARGET_CFLAGS)
"${cc[@]}" "${cflags[@]}" -I Sources/CSupport/include -c Sources/CSupport/support.c -o "$out/support.o"
# The C library's sscanf and strtod bring floating-point scanning in long double (in software on
# aarch64): libpcap gets an integer-only sscanf instead (minimal_scan.c).
"${cc[@]}" "${cflags[@]}" -DKS_MINIMAL_SCANF -I Sources/CSupport/include -c Sources/CSupport/minimal_scan.c \
    -o "$out/minimal_scan.o"
# Likewise musl's printf, which formats every floating-point value as a software long double: the
# program's numbers and libpcap's messages go through minimal_format.c's printf family instead.
"${cc[@]}" "${cflags[@]}" -DKS_MINIMAL_PRINTF -I Sources/CSupport/include -c Sources/CSupport/minimal_format.c \
    -o "$out/minimal_format.o"
"${cc[@]}" "${cflags[@]}" -I Sources/CSupport/include -c Sources/CSupport/capture_guard.c -o "$out/capture_guard.o"
# On 32-bit ARM, struct copies through the C library's memcpy rather than musl's byte loop
# (arm_eabi_memcpy.c; an empty object elsewhere).
"${cc[@]}" "${cflags[@]}" -c Sources/CSupport/arm_eabi_memcpy.c -o "$out/arm_eabi_memcpy.o"
# No libswiftUnicodeDataTables: the program compares text by bytes (ByteText.swift), and
# leaving the tables out makes any String comparison that creeps back in fail to link.
# lld from the Swift toolchain: GNU ld 2.40 rejects the weak protected symbols Embedded Swift
# emits ("copy relocation against non-copyable protected symbol").
"${cc[@]}" "${cflags[@]}" -static -Wl,--gc-sections -Wl,--icf=all -fuse-ld=lld -B"$(dirname "$(command -v "$swiftc")")" \
    -o "$binary.unstripped" "$out/kitsune-lite.o" "$out/KitsuneEmbedded.o" "$out/FixedPoint.o" "$out/support.o" "$out/minimal_scan.o" \
    "$out/minimal_format.o" "$out/capture_guard.o" "$out/arm_eabi_memcpy.o" \
    -lpcap -lm
# .comment holds only the compilers' version strings.
"$GNU_TRIPLE-strip" -R .comment -o "$binary" "$binary.unstripped"
echo "built $binary ($ARITHMETIC): $(stat -c %s "$binary") bytes stripped; $(file -b "$binary" | cut -d, -f1-5)"
