# Raspberry Pi 4 running OpenWrt (bcm27xx/bcm2711): Cortex-A72, 1-8 GB of RAM.
TOOLCHAIN := aarch64-linux-musl
TARGET_CPU := cortex-a72
ARITHMETIC := float32
MEMORY_BUDGET := 64M
# The package architecture of OpenWrt for the board (bcm27xx/bcm2711), for make package.
OPKG_ARCH := aarch64_cortex-a72
