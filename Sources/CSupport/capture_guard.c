// A capture file as libpcap reads it, through a stream that walks pcapng's block structure as
// the bytes pass and refuses what would make libpcap's own memory grow without bound.
//
// libpcap keeps an entry for every interface description block of a pcapng file, for the whole
// run: a crafted file of 2 million such blocks (40 MB) makes it take 89 MB, whatever the
// engine's memory budget. And it grows its block buffer to the largest block it meets (up to
// 16 MiB). So the file is read through fopencookie(3), which counts interface blocks and checks
// block lengths on the way, and ends the stream with an error (EFBIG) and a reason
// (`ks_capture_refusal`) past `KS_MOST_INTERFACES` interfaces or a block over
// `KS_LARGEST_BLOCK` bytes. A classic pcap file passes through untouched. The cost is a few
// comparisons per block.
//
// The guard reads with one read(2) per call, not fread(3): a capture that is a pipe or a FIFO
// (`tcpdump -w - | kitsune-lite detect -`) hands over what it has, and a slow writer is not
// waited on until a whole buffer is full. A refusal passes the blocks before the offending one
// and refuses on the next call, so that every packet before it is read.
#define _GNU_SOURCE
#include "CSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KS_MOST_INTERFACES 1024
// Room for the largest snap length (262,144 bytes) and an enhanced packet block's fields and
// options; libpcap's own limit is 16 MiB.
#define KS_LARGEST_BLOCK (1u << 20)

typedef struct {
    int descriptor;
    /// Whether the guard closes the descriptor (not standard input's).
    int owns_descriptor;
    /// 0 until the first 4 bytes are seen, then 1 for pcapng, -1 for anything else.
    int format;
    /// Whether the section's byte order is the other one (from its byte-order magic).
    int swapped;
    /// The block's first 12 bytes (type, length, and a section header's byte-order magic).
    unsigned char header[12];
    unsigned header_bytes;
    /// Bytes of the current block still to pass after its header.
    uint64_t remaining;
    unsigned long interfaces;
} capture_guard;

static const char *refusal;

const char *ks_capture_refusal(void) { return refusal; }

static uint32_t read32(const unsigned char *bytes, int swapped) {
    uint32_t value;
    memcpy(&value, bytes, 4);
    return swapped ? __builtin_bswap32(value) : value;
}

// A block header is complete: 0 to go on, -1 to refuse the file.
static int check_block(capture_guard *guard) {
    uint32_t type;
    memcpy(&type, guard->header, 4);
    if (type == 0x0A0D0D0A) {
        // A section header: its byte-order magic says how to read the lengths from here on.
        uint32_t magic;
        memcpy(&magic, guard->header + 8, 4);
        guard->swapped = magic == 0x4D3C2B1A;
    } else {
        type = read32(guard->header, guard->swapped);
    }
    uint32_t length = read32(guard->header + 4, guard->swapped);
    if (length < 12) {
        // Not a block libpcap reads either: let it say what is wrong.
        guard->format = -1;
        return 0;
    }
    if (length > KS_LARGEST_BLOCK) {
        refusal = "a pcapng block is over 1 MiB";
        return -1;
    }
    if (type == 1 && ++guard->interfaces > KS_MOST_INTERFACES) {
        refusal = "the capture describes over 1024 interfaces";
        return -1;
    }
    guard->remaining = length - 12;
    return 0;
}

static ssize_t guard_read(void *cookie, char *buffer, size_t size) {
    capture_guard *guard = cookie;
    if (refusal != NULL) {
        errno = EFBIG;
        return -1;
    }
    // A signal that interrupts the read ends it with EINTR only for the stop signals (the
    // others are installed with SA_RESTART): libpcap then reports an error, and the caller
    // sees the stop request.
    ssize_t got = read(guard->descriptor, buffer, size);
    if (got <= 0) return got;
    const unsigned char *bytes = (const unsigned char *)buffer;
    size_t position = 0;
    while (position < (size_t)got && guard->format >= 0) {
        if (guard->remaining > 0) {
            size_t left = (size_t)got - position;
            size_t skip = left < guard->remaining ? left : (size_t)guard->remaining;
            position += skip;
            guard->remaining -= skip;
            continue;
        }
        guard->header[guard->header_bytes++] = bytes[position++];
        if (guard->format == 0 && guard->header_bytes == 4) {
            uint32_t magic;
            memcpy(&magic, guard->header, 4);
            guard->format = magic == 0x0A0D0D0A ? 1 : -1;
        }
        if (guard->header_bytes == 12) {
            guard->header_bytes = 0;
            if (check_block(guard) != 0) {
                // Pass what comes before the offending block; refuse from its first byte on.
                size_t block_start = position >= 12 ? position - 12 : 0;
                if (block_start > 0) return (ssize_t)block_start;
                errno = EFBIG;
                return -1;
            }
        }
    }
    return got;
}

static int guard_close(void *cookie) {
    capture_guard *guard = cookie;
    int status = guard->owns_descriptor ? close(guard->descriptor) : 0;
    free(guard);
    return status;
}

pcap_t *ks_pcap_open_file(const char *path, char *error_buffer) {
    refusal = NULL;
    // "-" is standard input, as for libpcap's own pcap_open_offline and tcpdump -r.
    int from_standard_input = strcmp(path, "-") == 0;
    int descriptor = from_standard_input ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        snprintf(error_buffer, PCAP_ERRBUF_SIZE, "%s", strerror(errno));
        return NULL;
    }
    capture_guard *guard = calloc(1, sizeof *guard);
    cookie_io_functions_t functions = {guard_read, NULL, NULL, guard_close};
    FILE *stream = guard == NULL ? NULL : fopencookie(guard, "rb", functions);
    if (stream == NULL) {
        free(guard);
        if (!from_standard_input) close(descriptor);
        snprintf(error_buffer, PCAP_ERRBUF_SIZE, "%s", strerror(ENOMEM));
        return NULL;
    }
    guard->descriptor = descriptor;
    guard->owns_descriptor = !from_standard_input;
    pcap_t *handle = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, error_buffer);
    if (handle == NULL) {
        fclose(stream);
        if (refusal != NULL) snprintf(error_buffer, PCAP_ERRBUF_SIZE, "%s", refusal);
    }
    return handle;
}
