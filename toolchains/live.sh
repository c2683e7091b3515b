#!/usr/bin/env bash
# A board's binary live, as the router runs it: capture on a real interface with the static
# libpcap and musl of toolchains/prepare.sh, the syslog, and the OpenWrt service. Only for a board
# this machine runs natively (the x86-64 board on x86-64): under qemu-user, libpcap cannot open an
# interface (qemu has no SIOCETHTOOL: "ETHTOOL_GET_TS_INFO ioctl failed: Function not implemented").
#   - the host's live tests with the board's binary in place of the host build (KITSUNE_LITE_BIN):
#     learning then detecting on a veth pair, a burst waiting in the kernel's buffer, incidents
#     over UDP to a real rsyslogd as RFC 5424;
#   - the OpenWrt service test (openwrt/tests/service-test.sh) under OpenWrt's procd, with the
#     binary's own syslog() to /dev/log;
#   - the overload replay (scripts/overload.sh): figures, not a test.
# Usage: toolchains/live.sh BOARD   (as root; the tests built: swift build --build-tests -c release)
# The overload replay is there for its figures, and checks nothing: it fails only when it cannot run.
set -euo pipefail
BOARD=${1:?board name}
source "$(dirname "$0")/board.sh"
shared=$(cd "${SHARED:-$repo/../shared}" && pwd)
machine=$(uname -m)
if [ "${GNU_TRIPLE%%-*}" != "$machine" ]; then
    echo "live.sh: the $BOARD board's binary ($GNU_TRIPLE) does not run natively on this $machine machine," \
         "and under qemu-user libpcap cannot open an interface" >&2
    exit 2
fi
build_when_stale
cd "$repo"
# One suite at a time: the live capture replays in real time, and a detector of the syslog test
# running beside it would load the CPU it measures (make unit-test runs it alone too).
for suite in RemoteSyslogTests LiveCaptureTests; do
    KITSUNE_LITE_BIN=$binary KITSUNE_SHARED=$shared "${SWIFT:-swift}" test -c release --skip-build --filter "$suite"
done
SHARED=$shared openwrt/tests/service-test.sh "$binary"
SHARED=$shared scripts/overload.sh "$binary" 2
