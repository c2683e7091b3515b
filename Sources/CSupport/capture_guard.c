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
#define _GNU_SOURCE
#include "CSupport.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KS_MOST_INTERFACES 1024
// Room for the largest snap length (262,144 bytes) and an enhanced packet block's fields and
// options; libpcap's own limit is 16 MiB.
#define KS_LARGEST_BLOCK (1u << 20)

typedef struct {
    FILE *file;
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
    size_t got = fread(buffer, 1, size, guard->file);
    if (got == 0) return ferror(guard->file) ? -1 : 0;
    const unsigned char *bytes = (const unsigned char *)buffer;
    size_t position = 0;
    while (position < got && guard->format >= 0) {
        if (guard->remaining > 0) {
            size_t skip = got - position < guard->remaining ? got - position : (size_t)guard->remaining;
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
                errno = EFBIG;
                return -1;
            }
        }
    }
    return (ssize_t)got;
}

static int guard_close(void *cookie) {
    capture_guard *guard = cookie;
    int status = fclose(guard->file);
    free(guard);
    return status;
}

pcap_t *ks_pcap_open_file(const char *path, char *error_buffer) {
    refusal = NULL;
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(error_buffer, PCAP_ERRBUF_SIZE, "%s", strerror(errno));
        return NULL;
    }
    capture_guard *guard = calloc(1, sizeof *guard);
    cookie_io_functions_t functions = {guard_read, NULL, NULL, guard_close};
    FILE *stream = guard == NULL ? NULL : fopencookie(guard, "rb", functions);
    if (stream == NULL) {
        free(guard);
        fclose(file);
        snprintf(error_buffer, PCAP_ERRBUF_SIZE, "%s", strerror(ENOMEM));
        return NULL;
    }
    guard->file = file;
    pcap_t *handle = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, error_buffer);
    if (handle == NULL) {
        fclose(stream);
        if (refusal != NULL) snprintf(error_buffer, PCAP_ERRBUF_SIZE, "%s", refusal);
    }
    return handle;
}
