# Sourced by the cross scripts: reads board-configs/$BOARD.mk (KEY := VALUE lines) and the
# toolchain settings it names, and sets the build paths.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
board_file=$repo/board-configs/$BOARD.mk
[ -f "$board_file" ] || { echo "no board configuration $board_file" >&2; exit 2; }
while IFS= read -r line; do
    case "$line" in
        [A-Z]*:=*) key=$(echo "${line%%:=*}" | tr -d ' '); value=$(echo "${line#*:=}" | sed 's/^ *//; s/ *$//')
                   printf -v "$key" '%s' "$value" ;;
    esac
done < "$board_file"
[ "$TOOLCHAIN" != host ] || { echo "board $BOARD builds on the host: use make build / make embedded-check" >&2; exit 2; }
# shellcheck source=/dev/null
source "$here/$TOOLCHAIN.env"
cross_root=$repo/.build-cross
sysroot=$cross_root/$TOOLCHAIN/sysroot
out=$cross_root/boards/$BOARD
binary=$out/kitsune-lite
# The board built in another arithmetic than its own (for tests): WANT_ARITHMETIC, set by the
# caller, gives it a folder of its own.
if [ -n "${WANT_ARITHMETIC:-}" ] && [ "$WANT_ARITHMETIC" != "$ARITHMETIC" ]; then
    ARITHMETIC=$WANT_ARITHMETIC
    out=$out/$ARITHMETIC
    binary=$out/kitsune-lite
fi
