# OpenWrt's x86/64 target: mini PCs and appliances with an x86-64 CPU run as routers, 1-8 GB of
# RAM. Built for any x86-64 (SSE2), as OpenWrt's own packages for it are.
TOOLCHAIN := x86_64-linux-musl
TARGET_CPU := x86-64
ARITHMETIC := float32
MEMORY_BUDGET := 64M
# These routers boot from a disk (OpenWrt's x86 root partition is 104 MB by default), not from
# flash: the budget guards against a library creeping into the binary, not against a full flash.
# The float32 build is within the flash routers' 512 KiB (523,520 bytes on 2026-12-07); q16, a
# test build here, is not (536,320: x86-64's code of the same Swift is 2 to 3% larger than aarch64's).
SIZE_BUDGET := 1M
# The package architecture of OpenWrt for x86/64, for make package.
OPKG_ARCH := x86_64
