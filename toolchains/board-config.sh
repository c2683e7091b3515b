#!/usr/bin/env bash
# The one reader of board-configs/BOARD.mk: KEY := VALUE lines (make's syntax, so that a board
# file can also be included by make). Every other script and Makefile asks this one.
#
#   toolchains/board-config.sh BOARD KEY    prints KEY of BOARD (nothing if it is not set)
#   toolchains/board-config.sh --arch ARCH  prints the board whose OPKG_ARCH is ARCH (exactly one)
#   toolchains/board-config.sh --openwrt    prints the boards that are OpenWrt targets (have OPKG_ARCH)
#   source toolchains/board-config.sh; board_load BOARD   sets each KEY of BOARD as a variable
# Exit status 2, with a line on standard error, for a board that does not exist.
board_config_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../board-configs" && pwd)

# The KEY VALUE pairs of a board, one per line.
board_pairs() {
    local file=$board_config_dir/$1.mk line key value
    [ -f "$file" ] || { echo "no board configuration $file" >&2; return 2; }
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            [A-Z]*:=*) key=${line%%:=*}; key=${key//[[:space:]]/}
                       value=${line#*:=}; value=${value#"${value%%[![:space:]]*}"}; value=${value%"${value##*[![:space:]]}"}
                       printf '%s %s\n' "$key" "$value" ;;
        esac
    done < "$file"
}

board_load() {
    local pairs key value
    pairs=$(board_pairs "$1") || return 2
    while read -r key value; do
        [ -n "$key" ] && printf -v "$key" '%s' "$value"
    done <<< "$pairs"
    return 0
}

board_value() {
    local pairs key value
    pairs=$(board_pairs "$1") || return 2
    while read -r key value; do
        if [ "$key" = "$2" ]; then printf '%s\n' "$value"; return 0; fi
    done <<< "$pairs"
    return 0
}

board_openwrt() {
    local file board
    for file in "$board_config_dir"/*.mk; do
        board=$(basename "$file" .mk)
        [ -n "$(board_value "$board" OPKG_ARCH)" ] && echo "$board"
    done
    return 0
}

board_for_arch() {
    local board found=()
    for board in $(board_openwrt); do
        [ "$(board_value "$board" OPKG_ARCH)" = "$1" ] && found+=("$board")
    done
    [ "${#found[@]}" = 1 ] || { echo "OPKG_ARCH $1 is that of ${#found[@]} boards in board-configs, not of one" >&2; return 2; }
    echo "${found[0]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
        --arch) board_for_arch "${2:?architecture}" ;;
        --openwrt) board_openwrt ;;
        "") echo "usage: $0 BOARD KEY | --arch ARCH | --openwrt" >&2; exit 2 ;;
        *) board_value "$1" "${2:?key}" ;;
    esac
fi
