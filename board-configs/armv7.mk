# armv7 routers (ipq40xx, mvebu, ...): Cortex-A7/A9 with VFPv3-D16, 128-256 MB of RAM.
TOOLCHAIN := arm-linux-musleabihf
TARGET_CPU := cortex-a7
ARITHMETIC := q16
MEMORY_BUDGET := 16M
# The package architecture of OpenWrt for ipq40xx, for make package; opkg installs only its own
# architecture (mvebu, for one, is arm_cortex-a9_vfpv3-d16: a board file of its own).
OPKG_ARCH := arm_cortex-a7_neon-vfpv4
