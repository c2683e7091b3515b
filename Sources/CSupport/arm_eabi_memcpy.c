// The ARM EABI's copy functions, handed to the C library's memcpy and memmove.
//
// On 32-bit ARM, LLVM copies a struct it does not copy inline by calling __aeabi_memcpy (or its
// 4- and 8-byte-aligned variants), and musl's are a loop of one byte at a time: six instructions
// a byte, where its memcpy is ARM assembly that moves words. A packet's record (97 bytes) and the
// alert state are copied that way several times a packet: toolchains/count.sh found 4,651
// instructions a packet there on armv7. Defined here, they keep musl's from being linked.
#if defined(__ARM_EABI__)
#include <string.h>

// Not the compiler's builtins in these bodies: a compiler that lowers memcpy to __aeabi_memcpy
// itself (clang for a bare-metal ARM target does) would otherwise make each call itself. GCC,
// which build.sh uses, emits memcpy for memcpy.
#if defined(__clang__)
#define KS_LIBC_CALL __attribute__((no_builtin))
#else
#define KS_LIBC_CALL
#endif

KS_LIBC_CALL void __aeabi_memcpy(void *dest, const void *src, size_t n) { memcpy(dest, src, n); }
KS_LIBC_CALL void __aeabi_memcpy4(void *dest, const void *src, size_t n) { memcpy(dest, src, n); }
KS_LIBC_CALL void __aeabi_memcpy8(void *dest, const void *src, size_t n) { memcpy(dest, src, n); }
// musl defines the moves in the same object as the copies: they come along, or it would be linked.
KS_LIBC_CALL void __aeabi_memmove(void *dest, const void *src, size_t n) { memmove(dest, src, n); }
KS_LIBC_CALL void __aeabi_memmove4(void *dest, const void *src, size_t n) { memmove(dest, src, n); }
KS_LIBC_CALL void __aeabi_memmove8(void *dest, const void *src, size_t n) { memmove(dest, src, n); }
#endif
