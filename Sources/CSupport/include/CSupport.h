// libc and libpcap as the kitsune-lite program sees them, plus small helpers for what Swift
// (in particular Embedded Swift) cannot call directly: variadic functions (snprintf, syslog),
// macros (stdout, stderr), and structures whose layout differs between C libraries (the
// pcap packet header's struct timeval).
#ifndef KITSUNE_CSUPPORT_H
#define KITSUNE_CSUPPORT_H

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <pcap/pcap.h>

/// Writes `value` with `digits` significant digits ("%.*g"); returns the length written.
int ks_format_general(char *buffer, int size, double value, int digits);
/// Writes `value` with `decimals` digits after the point ("%.*f"); returns the length written.
int ks_format_fixed(char *buffer, int size, double value, int decimals);
/// Parses a whole string as a decimal number (digits, a point, an exponent; no hexadecimal, no
/// infinity or NaN); returns 0 on success. Correctly rounded up to 15 significant digits and
/// exponents of ±22, within a few ulps beyond (minimal_scan.c).
int ks_parse_double(const char *text, double *value);
/// sscanf for integers only: what libpcap needs, without floating point (minimal_scan.c).
int ks_minimal_sscanf(const char *input, const char *format, ...);

/// A C stream behind an opaque type: `FILE` is a complete type in glibc and an incomplete one
/// in musl, which Swift would import differently.
typedef struct ks_file ks_file;
/// The standard streams, which are macros or constants in some C libraries.
ks_file *ks_standard_output(void);
ks_file *ks_standard_error(void);
/// Opens a file for writing (truncating it); NULL with errno set on failure.
ks_file *ks_open_for_writing(const char *path);
/// Creates a new file for writing, failing if anything (a file, a link) is already there.
ks_file *ks_create_exclusively(const char *path);
/// Where to rename a finished output so that it replaces `path`: `path` itself if nothing is
/// there or a regular file, the file a symbolic link resolves to if that is a regular file, or
/// NULL for what must be written in place (a pipe, a device, a dangling link). Free it.
char *ks_replaceable_path(const char *path);
/// Writes all bytes; returns 0 on success.
int ks_write(ks_file *file, const void *bytes, size_t count);
int ks_flush(ks_file *file);
/// Closes a file opened by ks_open_for_writing; returns 0 when everything reached the file.
int ks_close(ks_file *file);
/// Reads a whole file into a malloc'd buffer (to be freed with free); NULL on failure.
uint8_t *ks_read_file(const char *path, size_t limit, size_t *count);
/// The text of errno.
const char *ks_error_text(void);
/// Writes a whole line to standard error and flushes it.
void ks_print_error_line(const char *line);
/// Makes standard output line buffered (lost output on a trap is worse than a slower console).
void ks_line_buffer_standard_output(void);

/// Seconds from a monotonic clock.
double ks_monotonic_seconds(void);
/// The wall clock in nanoseconds since the epoch (a live capture's time base).
int64_t ks_wall_clock_nanoseconds(void);
/// The peak resident set size of this program in KiB (VmHWM), or -1.
long ks_peak_resident_kib(void);

/// Opens the connection to the local syslog daemon (/dev/log) with ident "kitsune-lite".
void ks_open_syslog(int facility);
/// Sends one message at `priority` (a LOG_* severity; the facility is openlog's).
void ks_syslog(int priority, const char *message);
/// The LOG_* facility named `name` ("daemon", "local0" ... "local7", "user"), or -1.
int ks_syslog_facility(const char *name);

/// Writes a UTC time with microseconds and the given zone suffix: "2026-11-29T03:41:22.123456"
/// then "+0000" (Suricata's EVE) or "Z" (RFC 3339, for RFC 5424 syslog).
int ks_format_utc(char *buffer, int size, int64_t seconds, int microseconds, const char *suffix);

/// A UDP socket connected to HOST:PORT (IPv4 or IPv6), or -1 with the reason in `error`.
int ks_udp_connect(const char *host, const char *port, char *error, int error_size);
/// Sends one datagram; 0 on success, else the errno value (ECONNREFUSED: the collector's host
/// refused the datagram sent before, and this one was not sent).
int ks_udp_send(int socket, const void *bytes, size_t count);
/// This machine's host name (for RFC 5424's HOSTNAME); "-" if unknown.
void ks_host_name(char *buffer, int size);

/// Opens a capture file (pcap or pcapng) with nanosecond timestamps, read through a guard that
/// refuses a pcapng whose interface blocks or block sizes would make libpcap's memory grow
/// without bound (capture_guard.c).
pcap_t *ks_pcap_open_file(const char *path, char *error_buffer);
/// Why the guard refused the capture file (the read error libpcap then reports is EFBIG's), or NULL.
const char *ks_capture_refusal(void);

/// The latest instant a packet may have: 2^62 - 1 ns after the epoch (the engine's
/// PacketTime.latest), so that any two instants' difference fits an int64_t.
#define KS_LATEST_TIMESTAMP_NS 4611686018427387903LL  /* 2^62 - 1, a literal so that Swift imports it */
/// Seconds and nanoseconds as nanoseconds since the epoch, limited to 0 ... KS_LATEST_TIMESTAMP_NS.
int64_t ks_timestamp_ns(int64_t seconds, int64_t fraction_ns);

/// Opens a network interface for live capture: snap length `snaplen`, promiscuous if asked,
/// immediate delivery, a read timeout of `timeout_ms` (so that a stop request is seen), and
/// nanosecond timestamps where the system has them. NULL with the reason in `error_buffer`.
pcap_t *ks_pcap_open_live(const char *device, int snaplen, int promiscuous, int timeout_ms, int buffer_bytes,
                          char *error_buffer);
/// Compiles and installs a BPF filter; 0 on success, else the reason is in `error_buffer`.
int ks_pcap_set_filter(pcap_t *handle, const char *expression, char *error_buffer, int error_size);
/// Packets received and dropped (by the kernel, by the interface); 0 on success.
int ks_pcap_statistics(pcap_t *handle, unsigned int *received, unsigned int *dropped, unsigned int *interface_dropped);

/// SIGINT and SIGTERM set a flag and break `handle`'s loop, so that the program stops cleanly.
void ks_install_stop_handlers(pcap_t *handle);
/// Whether a stop signal arrived.
int ks_stop_requested(void);
/// Stops the run as a stop signal does: an output that cannot be written any more.
void ks_request_stop(void);
/// A write to a pipe whose reader has gone fails with EPIPE instead of killing the program, so
/// that the run can stop cleanly (the summary printed, files committed or removed).
void ks_ignore_broken_pipes(void);
/// Whether `path` is standard output: "-", or the file standard output writes to.
int ks_is_standard_output(const char *path);
/// Whether standard error already goes to the system log, as its service manager says: OpenWrt's
/// procd (`stderr 1`; our init script sets KITSUNE_LITE_STDERR_LOGGED=1) or systemd's journal
/// (JOURNAL_STREAM, the device and inode of the stream it gave).
int ks_standard_error_is_logged(void);
/// SIGUSR1 (print statistics) and SIGHUP (reopen output files): whether one arrived since the
/// last call, which clears it.
int ks_take_statistics_request(void);
int ks_take_reopen_request(void);

/// Gives up root for `user`'s identity (its groups, group and user ids); 0 on success, else the
/// reason is in `error`.
int ks_drop_privileges(const char *user, char *error, int error_size);
/// Opens a file for appending (a log: reopened after rotation); NULL with errno set.
ks_file *ks_open_for_appending(const char *path);
/// A log's rotation: PATH.(kept-1) to PATH.kept, ... PATH.1 to PATH.2, then PATH to PATH.1;
/// 0 if PATH was moved, else -1 with errno set.
int ks_rotate_log(const char *path, int kept);
/// The size of an open file in bytes (0 if it cannot be known: a pipe).
int64_t ks_file_size(ks_file *file);

/// One packet from a capture: its time in nanoseconds since the epoch, lengths and bytes.
typedef struct {
    int64_t timestamp_ns;
    uint32_t captured_length;
    uint32_t wire_length;
    const uint8_t *data;
} ks_packet;

/// The next packet of `handle`: 1 for a packet, 0 for a live timeout, PCAP_ERROR_BREAK (-2) at
/// the end of a file, PCAP_ERROR (-1) on an error (see pcap_geterr). Timestamps of handles
/// opened with nanosecond precision are read as nanoseconds, others as microseconds.
int ks_pcap_next(pcap_t *handle, ks_packet *packet);

#endif
