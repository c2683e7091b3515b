# Sourced by the cross scripts: the board's settings (board-config.sh, the one reader of
# board-configs/), the toolchain settings they name, and the build paths.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=toolchains/board-config.sh
source "$here/board-config.sh"
board_load "$BOARD" || exit 2
# shellcheck source=/dev/null
source "$here/$TOOLCHAIN.env"
cross_root=$repo/.build-cross
sysroot=$cross_root/$TOOLCHAIN/sysroot
out=$cross_root/boards/$BOARD
binary=$out/kitsune-lite
# The board built in another arithmetic than its own (for tests): WANT_ARITHMETIC, set by the
# caller, gives it a folder of its own.
is_test_build=no
if [ -n "${WANT_ARITHMETIC:-}" ] && [ "$WANT_ARITHMETIC" != "$ARITHMETIC" ]; then
    is_test_build=yes
    ARITHMETIC=$WANT_ARITHMETIC
    out=$out/$ARITHMETIC
    binary=$out/kitsune-lite
fi

# Builds the board's binary (in ARITHMETIC) when it is missing or older than any source or
# board setting: a stale binary would be counted or tested without a word.
build_when_stale() {
    if [ ! -x "$binary" ] || [ -n "$(find "$repo/Sources" "$repo/toolchains" "$repo/board-configs" -newer "$binary" -print -quit)" ]; then
        "$here/build.sh" "$BOARD" "$ARITHMETIC"
    fi
}
