# OpenWrt's x86/64 target: mini PCs and appliances with an x86-64 CPU run as routers, 1-8 GB of
# RAM. Built for any x86-64 (SSE2), as OpenWrt's own packages for it are.
TOOLCHAIN := x86_64-linux-musl
TARGET_CPU := x86-64
ARITHMETIC := float32
MEMORY_BUDGET := 64M
# These routers boot from a disk (OpenWrt's x86 root partition is 104 MB by default), not from
# flash: the budget guards against a library creeping into the binary, not against a full flash.
SIZE_BUDGET := 1M
# So the binary is compiled for speed (-O), as armv7's: on this machine (taskset, dev.pcap,
# 3 runs on 2026-12-07) score 329,000 -> 364,000 packets/s, detect 404,000 -> 454,000, for
# 593,632 bytes instead of -Osize's 523,552 (the flash routers' 512 KiB would hold only that).
SWIFT_OPTIMIZATION := -O
# The package architecture of OpenWrt for x86/64, for make package.
OPKG_ARCH := x86_64
