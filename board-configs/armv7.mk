# armv7 routers (ipq40xx, mvebu, ...): Cortex-A7/A9 with VFPv3-D16, 128-256 MB of RAM.
TOOLCHAIN := arm-linux-musleabihf
TARGET_CPU := cortex-a7
# LLVM has no scheduling model of the Cortex-A7 (only itineraries, which llvm-mca cannot use):
# toolchains/block-report.py models the Cortex-A9 of the board's mvebu routers instead.
CYCLE_MODEL_CPU := cortex-a9
ARITHMETIC := q16
MEMORY_BUDGET := 16M
# Compiled for speed (-O), not for size as the others (-Osize): this 32-bit core pays most for
# what -Osize leaves as calls (an Int32 widened to an Int64 is a call of a two-instruction
# function there, in every product of KitNET), and the binary has the room: 481 KB in q16.
# toolchains/count.sh: 21% fewer instructions a packet, detecting and training.
SWIFT_OPTIMIZATION := -O
# The package architecture of OpenWrt for ipq40xx, for make package; opkg installs only its own
# architecture (mvebu, for one, is arm_cortex-a9_vfpv3-d16: a board file of its own).
OPKG_ARCH := arm_cortex-a7_neon-vfpv4
