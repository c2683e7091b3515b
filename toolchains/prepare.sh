#!/usr/bin/env bash
# Prepares everything a router build needs, from Debian packages only:
#   - the cross compiler driver and binutils (gcc-TRIPLE), qemu-user for tests;
#   - a musl sysroot for the target: Debian's musl, musl-dev and linux-libc-dev of the target
#     architecture, unpacked into the build tree, with musl-gcc's specs rewritten to point there
#     and to link statically;
#   - a minimal static libpcap built from Debian's libpcap source against that sysroot.
# Usage: toolchains/prepare.sh TOOLCHAIN [BUILD_DIR]   (TOOLCHAIN: aarch64-linux-musl, ...)
# Prints nothing new and does nothing when the sysroot is already complete (for this recipe:
# change `recipe` when what it builds changes, and existing sysroots are prepared again).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
toolchain=${1:?toolchain name, e.g. aarch64-linux-musl}
build=${2:-$here/../.build-cross}
# shellcheck source=/dev/null
source "$here/$toolchain.env"
# shellcheck source=toolchains/apt-retry.sh
source "$here/apt-retry.sh"
root=$(mkdir -p "$build/$toolchain" && cd "$build/$toolchain" && pwd)
sysroot=$root/sysroot
recipe="libpcap -Os, no unwind tables"
[ "$(cat "$sysroot/.complete" 2>/dev/null)" = "$recipe" ] && exit 0

export DEBIAN_FRONTEND=noninteractive
need_update=
native_arch=$(dpkg --print-architecture)
if ! command -v "$GNU_TRIPLE-gcc" >/dev/null || ! command -v "$QEMU" >/dev/null \
   || ! command -v flex >/dev/null || ! command -v bison >/dev/null || ! command -v dpkg-source >/dev/null; then
    apt_update
    # The machine's own compiler (gcc) or a cross compiler, whose Debian name has no underscore
    # (gcc-x86-64-linux-gnu).
    if [ "$DEBIAN_ARCH" = "$native_arch" ]; then compiler=gcc; else compiler=gcc-${GNU_TRIPLE//_/-}; fi
    apt_retry apt-get install -y --no-install-recommends "$compiler" qemu-user-static flex bison dpkg-dev make file
fi
# The target's packages need its architecture known to apt, and the libpcap source a deb-src
# entry: both derived from the machine's own configuration, no registry named here. (The
# machine's own architecture, x86-64's here, is known already.)
if [ "$DEBIAN_ARCH" != "$native_arch" ] \
   && ! dpkg --print-foreign-architectures | grep -x "$DEBIAN_ARCH" >/dev/null; then
    dpkg --add-architecture "$DEBIAN_ARCH"
    need_update=1
fi
if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
            > /etc/apt/sources.list.d/kitsune-lite-deb-src.sources
    else
        grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > /etc/apt/sources.list.d/kitsune-lite-deb-src.list
    fi
    need_update=1
fi
[ -n "$need_update" ] && apt_update

# The musl sysroot.
downloads=$root/downloads
mkdir -p "$downloads" "$sysroot"
# Each try starts empty: a retry after an index refresh may fetch newer versions, and the
# sysroot must not be unpacked from two.
download_sysroot_packages() {
    rm -f "$downloads"/*.deb
    (cd "$downloads" && apt-get download "musl:$DEBIAN_ARCH" "musl-dev:$DEBIAN_ARCH" "linux-libc-dev:$DEBIAN_ARCH")
}
apt_retry download_sysroot_packages
for package in "$downloads"/*.deb; do dpkg -x "$package" "$sysroot"; done
specs_in=$sysroot/usr/lib/$MUSL_TRIPLE/musl-gcc.specs
# Point the specs into the sysroot, add the kernel headers, and never ask for a dynamic linker.
sed -e "s|/usr/|$sysroot/usr/|g" \
    -e "s|-isystem $sysroot/usr/include/$MUSL_TRIPLE|-isystem $sysroot/usr/include/$MUSL_TRIPLE -isystem $sysroot/usr/include -isystem $sysroot/usr/include/$GNU_TRIPLE|g" \
    -e 's|-dynamic-linker [^ ]*||' \
    -e 's|Scrt1.o|crt1.o|' \
    "$specs_in" > "$sysroot/musl.specs"
# The kernel headers of linux-libc-dev live under the GNU triple; musl expects them plain.

# A minimal static libpcap from Debian's source.
source_dir=$root/libpcap-source
if [ ! -d "$source_dir" ]; then
    mkdir -p "$root/libpcap-download"
    (cd "$root/libpcap-download" && apt_retry apt-get source --download-only libpcap >/dev/null)
    dsc=$(ls "$root"/libpcap-download/libpcap_*.dsc | head -1)
    dpkg-source --no-check -x "$dsc" "$source_dir" >/dev/null
fi
pcap_build=$root/libpcap-build
rm -rf "$pcap_build"
mkdir -p "$pcap_build"
(
    cd "$pcap_build"
    CC="$GNU_TRIPLE-gcc -specs=$sysroot/musl.specs" \
    CFLAGS="-Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables $TARGET_CFLAGS" \
    LDFLAGS="$LIBPCAP_LDFLAGS" \
    "$source_dir/configure" --host="$GNU_TRIPLE" --prefix="$sysroot/usr" \
        --disable-shared --with-pcap=linux --disable-usb --disable-netmap \
        --disable-bluetooth --disable-dbus --disable-rdma --without-libnl --disable-remote >/dev/null
    make -j"$(nproc)" libpcap.a >/dev/null
    mkdir -p "$sysroot/usr/include/pcap" "$sysroot/usr/lib/$MUSL_TRIPLE"
    cp libpcap.a "$sysroot/usr/lib/$MUSL_TRIPLE/"
    cp "$source_dir"/pcap.h "$sysroot/usr/include/"
    cp "$source_dir"/pcap/*.h "$sysroot/usr/include/pcap/"
)
echo "$recipe" > "$sysroot/.complete"
echo "prepared $toolchain in $root"
