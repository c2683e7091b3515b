# MediaTek Filogic 820/830 routers (MT7981, MT7986): Cortex-A53, 256-512 MB of RAM.
TOOLCHAIN := aarch64-linux-musl
TARGET_CPU := cortex-a53
ARITHMETIC := float32
MEMORY_BUDGET := 32M
# The package architecture of OpenWrt for the board (mediatek/filogic), for make package.
OPKG_ARCH := aarch64_cortex-a53
