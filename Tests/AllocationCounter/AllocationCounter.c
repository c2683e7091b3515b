#include "AllocationCounter.h"

#include <errno.h>
#include <stddef.h>

// glibc's own entry points, which these wrappers forward to.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

// Per thread, so that the test framework's other threads do not count.
static __thread int counting;
static __thread long allocations;

static inline void count(void) {
    if (counting) allocations++;
}

void allocation_counter_start(void) {
    allocations = 0;
    counting = 1;
}

long allocation_counter_stop(void) {
    counting = 0;
    return allocations;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOCATION_COUNTER_UNDER_ASAN 1
#endif
#endif

#ifdef ALLOCATION_COUNTER_UNDER_ASAN
// Under AddressSanitizer (make sanitize) the allocator is ASan's, which replacing malloc would
// break: its own hooks count instead.
#include <sanitizer/allocator_interface.h>

static void on_allocation(const volatile void *pointer, size_t size) {
    (void)pointer;
    (void)size;
    count();
}

static void on_release(const volatile void *pointer) { (void)pointer; }

__attribute__((constructor)) static void install_hooks(void) {
    __sanitizer_install_malloc_and_free_hooks(on_allocation, on_release);
}
#else
void *malloc(size_t size) {
    count();
    return __libc_malloc(size);
}

void *calloc(size_t count_, size_t size) {
    count();
    return __libc_calloc(count_, size);
}

void *realloc(void *pointer, size_t size) {
    count();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    count();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

void free(void *pointer) {
    __libc_free(pointer);
}
#endif
