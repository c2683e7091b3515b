// Counts heap allocations made by the calling thread, for tests that prove the engine
// allocates nothing per packet. Linking this into a test binary replaces malloc and its
// relatives for the whole process with counting wrappers around glibc's allocator.
#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// Starts counting this thread's allocations from zero.
void allocation_counter_start(void);
/// Stops counting; returns how many allocations this thread made since the start.
long allocation_counter_stop(void);

#endif
