#!/usr/bin/env bash
# Assembles a board's OpenWrt package from the static binary of `make cross`:
# .build-cross/boards/BOARD/kitsune-lite_VERSION_ARCH.ipk, laid out as OpenWrt's ipkg-build
# makes it: a gzipped tar of ./debian-binary ("2.0"), ./data.tar.gz (the files, from /) and
# ./control.tar.gz (control, conffiles, postinst, prerm), in that order.
# Everything is owned by root (0:0), names are sorted and every mtime is SOURCE_DATE_EPOCH, or
# else the last commit's time: the same inputs give the same bytes.
# The name, version, license, section, URL, description and conffiles come from the OpenWrt
# feed Makefile (openwrt/kitsune-lite/Makefile), which is the one place they are kept; the
# package architecture (OPKG_ARCH), arithmetic and memory budget from board-configs/BOARD.mk.
# It does not build: the binary must exist (make cross BOARD=b, or make package BOARD=b).
# Usage: toolchains/package.sh BOARD
set -euo pipefail
BOARD=${1:?board name}
here=$(cd "$(dirname "$0")" && pwd)
feed=$(cd "$here/../openwrt/kitsune-lite" && pwd)

fail() { echo "package.sh: $*" >&2; exit 2; }

# shellcheck source=toolchains/board.sh
source "$here/board.sh"
# Only boards with an opkg architecture are OpenWrt targets.
[ -n "${OPKG_ARCH:-}" ] \
    || fail "board $BOARD has no OPKG_ARCH in board-configs/$BOARD.mk: it is no OpenWrt target, there is nothing to package"
[ -x "$binary" ] || fail "no binary $binary: run make cross BOARD=$BOARD first (or make package BOARD=$BOARD)"

# The feed Makefile's settings: NAME:=VALUE lines, and the bodies of its define blocks.
makefile=$feed/Makefile
setting() {
    local value
    value=$(sed -n "s/^[[:space:]]*$1:=//p" "$makefile" | head -n 1)
    [ -n "$value" ] || fail "$makefile sets no $1"
    printf '%s' "$value"
}
block() { sed -n "\\|^define $1\$|,/^endef\$/{/^define /d;/^endef\$/d;p;}" "$makefile"; }
name=$(setting PKG_NAME)
upstream_version=$(setting PKG_VERSION)
release=$(setting PKG_RELEASE)
license=$(setting PKG_LICENSE)
section=$(setting SECTION)
url=$(setting URL)
[[ $upstream_version =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || fail "PKG_VERSION '$upstream_version' is no opkg version"
[[ $release =~ ^[0-9]+$ ]] || fail "PKG_RELEASE '$release' is not a number"
# OpenWrt's spelling of a package version: VERSION-rRELEASE.
version=$upstream_version-r$release
description=$(block "Package/$name/description" | sed 's/^[[:space:]]*//')
conffiles=$(block "Package/$name/conffiles")
[ -n "$description" ] || fail "$makefile has no description for $name"
[ -n "$conffiles" ] || fail "$makefile has no conffiles for $name"

epoch=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || true)}
[[ $epoch =~ ^[0-9]+$ ]] || fail "no SOURCE_DATE_EPOCH and no git commit to take the packages' time from"

stage=$out/ipk
rm -rf "$stage"
mkdir -p "$stage/data" "$stage/control"
data=$stage/data
control=$stage/control

# The files, where the feed Makefile's Package/install puts them.
install -d "$data/usr/sbin" "$data/usr/libexec/kitsune-lite" "$data/etc/init.d" "$data/etc/config" "$data/etc/kitsune" \
    "$data/lib/upgrade/keep.d"
install -m 0755 "$binary" "$data/usr/sbin/kitsune-lite"
install -m 0755 "$feed/files/kitsune-lite.runner" "$data/usr/libexec/kitsune-lite/kitsune-lite"
install -m 0755 "$feed/files/kitsune.init" "$data/etc/init.d/kitsune"
# The board's defaults in the configuration; mode 0600 as OpenWrt's INSTALL_CONF gives it.
sed -e "s/^\([[:space:]]*option arithmetic[[:space:]]\{1,\}\).*/\1'$ARITHMETIC'/" \
    -e "s/^\([[:space:]]*option memory_budget[[:space:]]\{1,\}\).*/\1'$MEMORY_BUDGET'/" \
    "$feed/files/kitsune.config" > "$data/etc/config/kitsune"
chmod 0600 "$data/etc/config/kitsune"
for option in "arithmetic '$ARITHMETIC'" "memory_budget '$MEMORY_BUDGET'"; do
    grep -q "^[[:space:]]*option $option\$" "$data/etc/config/kitsune" \
        || fail "$feed/files/kitsune.config has no option ${option%% *} line to set"
done
install -m 0644 "$feed/files/kitsune.upgrade" "$data/lib/upgrade/keep.d/$name"
find "$data" -type d -exec chmod 0755 {} +

tar_options=(--format=gnu --numeric-owner --owner=0 --group=0 --sort=name --mtime="@$epoch")
(cd "$data" && tar "${tar_options[@]}" -cf - .) | gzip -9n > "$stage/data.tar.gz"
# opkg's Installed-Size, as ipkg-build counts it: the bytes of the uncompressed data archive.
installed_size=$(gzip -dc "$stage/data.tar.gz" | wc -c)

# OpenWrt's build adds libc to every package's Depends; the binary itself is static.
{
    echo "Package: $name"
    echo "Version: $version"
    echo "Depends: libc"
    echo "Source: openwrt/$name"
    echo "SourceName: $name"
    echo "License: $license"
    echo "Section: $section"
    echo "SourceDateEpoch: $epoch"
    echo "URL: $url"
    echo "Architecture: $OPKG_ARCH"
    echo "Installed-Size: $installed_size"
    printf 'Description: %s\n' "$(printf '%s\n' "$description" | head -n 1)"
    printf '%s\n' "$description" | tail -n +2 | sed 's/^/ /'
} > "$control/control"
printf '%s\n' "$conffiles" > "$control/conffiles"
# The scripts OpenWrt's build gives every package: on install, enable and start the init
# script (it refuses to start until there is a model); before removal, stop and disable it.
cat > "$control/postinst" <<'SCRIPT'
#!/bin/sh
[ "${IPKG_NO_SCRIPT}" = "1" ] && exit 0
[ -s "${IPKG_INSTROOT}/lib/functions.sh" ] || exit 0
. "${IPKG_INSTROOT}/lib/functions.sh"
default_postinst "$0" "$@"
SCRIPT
cat > "$control/prerm" <<'SCRIPT'
#!/bin/sh
[ -s "${IPKG_INSTROOT}/lib/functions.sh" ] || exit 0
. "${IPKG_INSTROOT}/lib/functions.sh"
default_prerm "$0" "$@"
SCRIPT
chmod 0644 "$control/control" "$control/conffiles"
chmod 0755 "$control" "$control/postinst" "$control/prerm"
(cd "$control" && tar "${tar_options[@]}" -cf - .) | gzip -9n > "$stage/control.tar.gz"

printf '2.0\n' > "$stage/debian-binary"
chmod 0644 "$stage/debian-binary" "$stage/data.tar.gz" "$stage/control.tar.gz"
ipk=$out/${name}_${version}_$OPKG_ARCH.ipk
rm -f "$out/${name}"_*.ipk
# Named one by one, the members keep ipkg-build's order.
(cd "$stage" && tar "${tar_options[@]}" -cf - ./debian-binary ./data.tar.gz ./control.tar.gz) | gzip -9n > "$ipk.partial"
mv "$ipk.partial" "$ipk"
echo "packaged $ipk: $(stat -c %s "$ipk") bytes, $installed_size installed; $ARITHMETIC, memory budget $MEMORY_BUDGET"
