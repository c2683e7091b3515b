# armv7 routers with a Cortex-A7 (ipq40xx, ...): VFP used as VFPv3-D16, 128-256 MB of RAM.
# Compiled for the A7, the binary divides integers in hardware (Thumb-2 sdiv, udiv), which a
# Cortex-A9 (mvebu) does not have: an A9 router needs a board file of its own.
TOOLCHAIN := arm-linux-musleabihf
TARGET_CPU := cortex-a7
# LLVM has no scheduling model of the Cortex-A7 (only itineraries, which llvm-mca cannot use):
# toolchains/block-report.py models the nearest core it has, the Cortex-A9, instead.
CYCLE_MODEL_CPU := cortex-a9
# float32, not q16: on this 32-bit core q16's 64-bit fixed-point statistics are two or four
# instructions for each of float32's double ones (toolchains/count.sh, detecting on dev.pcap:
# 67,380 instructions a packet against 131,130; the statistics alone 33,325 against 78,255), and
# float32 is ahead in both timings we have, neither a measurement: the Cortex-A9's model and, for
# the A7, one instruction at a time with its divider and double multiplier never overlapped
# (block-report.py). README, "The statistics alone, and armv7's arithmetic", says what they leave out.
ARITHMETIC := float32
MEMORY_BUDGET := 16M
# Compiled for speed (-O), not for size as the others (-Osize): this 32-bit core pays most for
# what -Osize leaves as calls (an Int32 widened to an Int64 is a call of a two-instruction
# function there), and the binary has the room: 471 KB (444 KB at -Osize). toolchains/count.sh,
# detecting: float32 76,508 → 71,419 instructions a packet and 90,507 → 73,264 cycles in the A9's
# model, the statistics alone 46,830 → 37,364 (before arm_eabi_memcpy.c); q16 21% fewer
# instructions when it was measured.
SWIFT_OPTIMIZATION := -O
# The package architecture of OpenWrt for ipq40xx, for make package; opkg installs only its own
# architecture (mvebu, for one, is arm_cortex-a9_vfpv3-d16: a board file of its own).
OPKG_ARCH := arm_cortex-a7_neon-vfpv4
