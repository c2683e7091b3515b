# armv7 routers (ipq40xx, mvebu, ...): Cortex-A7/A9 with VFPv3-D16, 128-256 MB of RAM.
TOOLCHAIN := arm-linux-musleabihf
TARGET_CPU := cortex-a7
ARITHMETIC := float32
MEMORY_BUDGET := 16M
FM_GRACE := 5000
AD_GRACE := 50000
