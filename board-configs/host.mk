# The build machine itself (x86_64, glibc): development, tests, training on captures.
TOOLCHAIN := host
TARGET_CPU :=
ARITHMETIC := float32
MEMORY_BUDGET := 16M
FM_GRACE := 5000
AD_GRACE := 50000
