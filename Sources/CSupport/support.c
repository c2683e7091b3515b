#include "CSupport.h"

#include <stdarg.h>
#include <sys/resource.h>
#include <syslog.h>
#include <sys/stat.h>
#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <netdb.h>
#include <time.h>
#include <poll.h>

// ks_format_general and ks_format_fixed are in minimal_format.c.


ks_file *ks_standard_output(void) { return (ks_file *)stdout; }
ks_file *ks_standard_error(void) { return (ks_file *)stderr; }

ks_file *ks_open_for_writing(const char *path) { return (ks_file *)fopen(path, "wb"); }

ks_file *ks_create_exclusively(const char *path) {
    int descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (descriptor < 0) return NULL;
    FILE *stream = fdopen(descriptor, "wb");
    if (stream == NULL) close(descriptor);
    return (ks_file *)stream;
}

char *ks_replaceable_path(const char *path) {
    struct stat status;
    if (lstat(path, &status) != 0) return errno == ENOENT ? strdup(path) : NULL;
    if (S_ISREG(status.st_mode)) return strdup(path);
    if (!S_ISLNK(status.st_mode)) return NULL;
    // A link to a regular file: the file it names is replaced, and the link stays a link.
    char *target = realpath(path, NULL);
    if (target == NULL) return NULL;
    if (stat(target, &status) != 0 || !S_ISREG(status.st_mode)) {
        free(target);
        return NULL;
    }
    return target;
}

int ks_write(ks_file *file, const void *bytes, size_t count) {
    return fwrite(bytes, 1, count, (FILE *)file) == count ? 0 : -1;
}

int ks_flush(ks_file *file) { return fflush((FILE *)file); }

int ks_close(ks_file *file) {
    FILE *stream = (FILE *)file;
    int failed = ferror(stream);
    if (fclose(stream) != 0) failed = 1;
    return failed ? -1 : 0;
}

uint8_t *ks_read_file(const char *path, size_t limit, size_t *count) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    // As much as the file holds (and one more byte, to see one past the limit), not the limit.
    struct stat status;
    size_t size = limit;
    if (fstat(fileno(file), &status) == 0 && S_ISREG(status.st_mode) && (uint64_t)status.st_size < (uint64_t)limit) {
        size = (size_t)status.st_size;
    }
    limit = size < limit ? size : limit;
    uint8_t *buffer = malloc(limit + 1);
    if (buffer == NULL) { fclose(file); return NULL; }
    size_t got = fread(buffer, 1, limit + 1, file);
    int failed = ferror(file);
    fclose(file);
    if (failed || got > limit) { free(buffer); errno = failed ? errno : EFBIG; return NULL; }
    *count = got;
    return buffer;
}

const char *ks_error_text(void) { return strerror(errno); }

void ks_print_error_line(const char *line) {
    fputs(line, stderr);
    fputc('\n', stderr);
    fflush(stderr);
}

void ks_line_buffer_standard_output(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

double ks_monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

int64_t ks_wall_clock_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000000000 + (int64_t)now.tv_nsec;
}

long ks_peak_resident_kib(void) {
    // VmHWM is this program's own high-water mark; getrusage's ru_maxrss survives execve and
    // would report the parent's size when that was larger.
    FILE *file = fopen("/proc/self/status", "r");
    if (file != NULL) {
        char line[256];
        long kib = -1;
        while (fgets(line, sizeof line, file) != NULL) {
            if (strncmp(line, "VmHWM:", 6) == 0) {
                kib = strtol(line + 6, NULL, 10);
                break;
            }
        }
        fclose(file);
        if (kib >= 0) return kib;
    }
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) return -1;
    return usage.ru_maxrss;
}

// ks_pcap_open_file is in capture_guard.c.

int64_t ks_timestamp_ns(int64_t seconds, int64_t fraction_ns) {
    // Both parts are limited before they are combined: seconds * 10^9 would overflow (undefined
    // behaviour in C) for pcapng ticks past 2262, and a record's fraction is whatever the file
    // says (a classic pcap's is 32 bits, up to 4.3e12 ns once scaled).
    if (seconds < 0 || (seconds == 0 && fraction_ns < 0)) return 0;
    if (seconds > KS_LATEST_TIMESTAMP_NS / 1000000000) return KS_LATEST_TIMESTAMP_NS;
    if (fraction_ns < 0) fraction_ns = 0;
    if (fraction_ns > 4999999999999LL) fraction_ns = 4999999999999LL;
    int64_t nanoseconds = seconds * 1000000000 + fraction_ns;  // below 4.62e18: no overflow
    return nanoseconds > KS_LATEST_TIMESTAMP_NS ? KS_LATEST_TIMESTAMP_NS : nanoseconds;
}

// A live capture's read timeout, in milliseconds (ks_pcap_open_live's).
static int live_timeout_ms = -1;

int ks_pcap_next(pcap_t *handle, ks_packet *packet) {
    struct pcap_pkthdr *header = NULL;
    const u_char *data = NULL;
    int status = pcap_next_ex(handle, &header, &data);
    if (status == 0 && live_timeout_ms >= 0) {
        // Nothing waiting on a live capture (non-blocking): wait for the descriptor up to the
        // timeout ourselves. libpcap's own read timeout does not do it: on Linux it leaves the
        // wait to TPACKET_V3's block timer, which never fires while no packet comes, and in
        // immediate mode it blocks without limit; a detector must act on time in a silence.
        int descriptor = pcap_get_selectable_fd(handle);
        if (descriptor >= 0) {
            struct pollfd wait = {descriptor, POLLIN, 0};
            if (poll(&wait, 1, live_timeout_ms) <= 0) return 0;  // the timeout, or a signal
            status = pcap_next_ex(handle, &header, &data);
        }
    }
    if (status != 1) return status;
    int64_t fraction_scale = pcap_get_tstamp_precision(handle) == PCAP_TSTAMP_PRECISION_NANO ? 1 : 1000;
    packet->timestamp_ns = ks_timestamp_ns((int64_t)header->ts.tv_sec, (int64_t)header->ts.tv_usec * fraction_scale);
    packet->captured_length = header->caplen;
    packet->wire_length = header->len;
    packet->data = data;
    return 1;
}

#if !defined(__GLIBC__)
// Embedded Swift's hashed collections ask the platform for random bytes; musl has no
// arc4random_buf, so it is supplied over getrandom.
#include <sys/random.h>
void arc4random_buf(void *buffer, size_t length) {
    unsigned char *bytes = buffer;
    while (length > 0) {
        ssize_t got = getrandom(bytes, length, 0);
        if (got <= 0) continue;
        bytes += got;
        length -= (size_t)got;
    }
}
#endif

void ks_open_syslog(int facility) { openlog("kitsune-lite", LOG_PID | LOG_NDELAY, facility); }

void ks_syslog(int priority, const char *message) { syslog(priority, "%s", message); }

int ks_syslog_facility(const char *name) {
    static const struct { const char *name; int facility; } facilities[] = {
        {"daemon", LOG_DAEMON}, {"user", LOG_USER}, {"security", LOG_AUTH}, {"auth", LOG_AUTH},
        {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1}, {"local2", LOG_LOCAL2}, {"local3", LOG_LOCAL3},
        {"local4", LOG_LOCAL4}, {"local5", LOG_LOCAL5}, {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7},
    };
    for (size_t index = 0; index < sizeof facilities / sizeof facilities[0]; index++) {
        if (strcmp(name, facilities[index].name) == 0) return facilities[index].facility;
    }
    return -1;
}

int ks_format_utc(char *buffer, int size, int64_t seconds, int microseconds, const char *suffix) {
    time_t time = (time_t)seconds;
    struct tm parts;
    if (gmtime_r(&time, &parts) == NULL) return snprintf(buffer, (size_t)size, "invalid-time");
    // The fields by snprintf, not strftime then snprintf: one call, a little less code.
    return snprintf(buffer, (size_t)size, "%04d-%02d-%02dT%02d:%02d:%02d.%06d%s", parts.tm_year + 1900,
                    parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, microseconds, suffix);
}

pcap_t *ks_pcap_open_live(const char *device, int snaplen, int promiscuous, int timeout_ms, int buffer_bytes,
                          char *error_buffer) {
    pcap_t *handle = pcap_create(device, error_buffer);
    if (handle == NULL) return NULL;
    pcap_set_snaplen(handle, snaplen);
    // The kernel's ring, which holds the packets the detector has not read yet: what a burst
    // can be before the kernel drops (libpcap's own default, 2 MiB, holds about 10,000
    // packets of a 128-byte snap length).
    pcap_set_buffer_size(handle, buffer_bytes);
    pcap_set_promisc(handle, promiscuous);
    pcap_set_immediate_mode(handle, 1);
    pcap_set_timeout(handle, timeout_ms);
    pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);
    int status = pcap_activate(handle);
    if (status < 0) {
        const char *reason = status == PCAP_ERROR ? pcap_geterr(handle) : pcap_statustostr(status);
        snprintf(error_buffer, PCAP_ERRBUF_SIZE, "%s", reason);
        pcap_close(handle);
        return NULL;
    }
    // Non-blocking, waited for in ks_pcap_next with poll(2) and the timeout.
    if (pcap_setnonblock(handle, 1, error_buffer) != 0) {
        pcap_close(handle);
        return NULL;
    }
    live_timeout_ms = timeout_ms;
    return handle;
}

int ks_pcap_set_filter(pcap_t *handle, const char *expression, char *error_buffer, int error_size) {
    struct bpf_program program;
    if (pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(error_buffer, (size_t)error_size, "%s", pcap_geterr(handle));
        return -1;
    }
    int status = pcap_setfilter(handle, &program);
    if (status != 0) snprintf(error_buffer, (size_t)error_size, "%s", pcap_geterr(handle));
    pcap_freecode(&program);
    return status;
}

int ks_pcap_statistics(pcap_t *handle, unsigned int *received, unsigned int *dropped, unsigned int *interface_dropped) {
    struct pcap_stat stats;
    if (pcap_stats(handle, &stats) != 0) return -1;
    *received = stats.ps_recv;
    *dropped = stats.ps_drop;
    *interface_dropped = stats.ps_ifdrop;
    return 0;
}

static pcap_t *volatile stop_handle;
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t statistics_requested;
static volatile sig_atomic_t reopen_requested;

static void on_statistics_signal(int signal_number) { (void)signal_number; statistics_requested = 1; }
static void on_reopen_signal(int signal_number) { (void)signal_number; reopen_requested = 1; }

static void on_stop_signal(int signal_number) {
    (void)signal_number;
    stop_requested = 1;
    if (stop_handle != NULL) pcap_breakloop(stop_handle);
}

void ks_install_stop_handlers(pcap_t *handle) {
    stop_handle = handle;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    // SIGUSR1 and SIGHUP restart an interrupted read (a capture file that is a pipe): they ask
    // for something, not for the end. The stop signals interrupt it, so that a run waiting on a
    // pipe stops. (poll(2), where a live capture waits, returns on any signal.)
    action.sa_flags = SA_RESTART;
    action.sa_handler = on_statistics_signal;
    sigaction(SIGUSR1, &action, NULL);
    action.sa_handler = on_reopen_signal;
    sigaction(SIGHUP, &action, NULL);
    // A launcher may hand over a mask that blocks them (some process spawners block every
    // signal in the child): without this, SIGTERM would wait forever.
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGTERM);
    sigaddset(&handled, SIGUSR1);
    sigaddset(&handled, SIGHUP);
    sigprocmask(SIG_UNBLOCK, &handled, NULL);
}

int ks_stop_requested(void) { return stop_requested; }

void ks_request_stop(void) { on_stop_signal(0); }

void ks_ignore_broken_pipes(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_IGN;
    sigemptyset(&action.sa_mask);
    sigaction(SIGPIPE, &action, NULL);
}

int ks_is_standard_output(const char *path) {
    if (strcmp(path, "-") == 0) return 1;
    struct stat named, output;
    if (stat(path, &named) != 0 || fstat(STDOUT_FILENO, &output) != 0) return 0;
    return named.st_dev == output.st_dev && named.st_ino == output.st_ino;
}

int ks_standard_error_is_logged(void) {
    const char *logged = getenv("KITSUNE_LITE_STDERR_LOGGED");
    if (logged != NULL && strcmp(logged, "1") == 0) return 1;
    const char *journal = getenv("JOURNAL_STREAM");
    if (journal == NULL) return 0;
    // Two decimal numbers, digits only (strtoull alone would take spaces and signs).
    char *end = NULL;
    if (*journal < '0' || *journal > '9') return 0;
    unsigned long long device = strtoull(journal, &end, 10);
    if (*end != ':') return 0;
    const char *inode_text = end + 1;
    if (*inode_text < '0' || *inode_text > '9') return 0;
    unsigned long long inode = strtoull(inode_text, &end, 10);
    if (*end != '\0') return 0;
    struct stat error;
    if (fstat(STDERR_FILENO, &error) != 0) return 0;
    return (unsigned long long)error.st_dev == device && (unsigned long long)error.st_ino == inode;
}

int ks_take_statistics_request(void) {
    int requested = statistics_requested;
    statistics_requested = 0;
    return requested;
}

int ks_take_reopen_request(void) {
    int requested = reopen_requested;
    reopen_requested = 0;
    return requested;
}

int ks_drop_privileges(const char *user, char *error, int error_size) {
    struct passwd *entry = getpwnam(user);
    if (entry == NULL) {
        snprintf(error, (size_t)error_size, "no user '%s'", user);
        return -1;
    }
    if (initgroups(entry->pw_name, entry->pw_gid) != 0 || setgid(entry->pw_gid) != 0 || setuid(entry->pw_uid) != 0) {
        snprintf(error, (size_t)error_size, "%s", strerror(errno));
        return -1;
    }
    if (setuid(0) == 0) {
        snprintf(error, (size_t)error_size, "root could be regained");
        return -1;
    }
    return 0;
}

ks_file *ks_open_for_appending(const char *path) { return (ks_file *)fopen(path, "ab"); }

int ks_rotate_log(const char *path, int kept) {
    char older[4096], newer[4096];
    for (int index = kept; index > 1; index--) {
        snprintf(older, sizeof older, "%s.%d", path, index - 1);
        snprintf(newer, sizeof newer, "%s.%d", path, index);
        rename(older, newer);
    }
    if (snprintf(newer, sizeof newer, "%s.1", path) >= (int)sizeof newer) return -1;
    return rename(path, newer);
}

int64_t ks_file_size(ks_file *file) {
    struct stat status;
    return fstat(fileno((FILE *)file), &status) == 0 && S_ISREG(status.st_mode) ? (int64_t)status.st_size : 0;
}

int ks_udp_connect(const char *host, const char *port, char *error, int error_size) {
    struct addrinfo hints, *addresses = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    int status = getaddrinfo(host, port, &hints, &addresses);
    if (status != 0) {
        snprintf(error, (size_t)error_size, "%s", gai_strerror(status));
        return -1;
    }
    int descriptor = -1;
    for (struct addrinfo *address = addresses; address != NULL; address = address->ai_next) {
        descriptor = socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
        if (descriptor < 0) continue;
        if (connect(descriptor, address->ai_addr, address->ai_addrlen) == 0) break;
        close(descriptor);
        descriptor = -1;
    }
    if (descriptor < 0) snprintf(error, (size_t)error_size, "%s", strerror(errno));
    freeaddrinfo(addresses);
    return descriptor;
}

int ks_udp_send(int socket, const void *bytes, size_t count) {
    if (send(socket, bytes, count, 0) == (ssize_t)count) return 0;
    return errno != 0 ? errno : EIO;
}

void ks_host_name(char *buffer, int size) {
    if (gethostname(buffer, (size_t)size) != 0 || buffer[0] == '\0') snprintf(buffer, (size_t)size, "-");
    buffer[size - 1] = '\0';
}
