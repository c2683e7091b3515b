// Checks minimal_format.c against the C library: ks_format_general ("%.*g") and ks_format_fixed
// ("%.*f") on doubles of every magnitude, ties, carries, zeros, infinities and NaNs; and
// ks_minimal_snprintf on the integer, string and floating-point conversions with their flags,
// widths, precisions and lengths. Prints "ok N" and exits 0, or the differences and exits 1.
#include "CSupport.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int ks_minimal_snprintf(char *buffer, size_t size, const char *pattern, ...);

static int failures = 0, checks = 0;

static void compare(const char *what, const char *expected, const char *got) {
    checks++;
    if (strcmp(expected, got) != 0) {
        if (failures < 20) printf("%s: libc \"%s\", ours \"%s\"\n", what, expected, got);
        failures++;
    }
}

static void check_double(double value) {
    char expected[1200], got[1200], what[80];
    for (int digits = 0; digits <= 20; digits++) {
        snprintf(expected, sizeof expected, "%.*g", digits, value);
        ks_format_general(got, sizeof got, value, digits);
        snprintf(what, sizeof what, "%%.%dg of %a", digits, value);
        compare(what, expected, got);
    }
    for (int decimals = 0; decimals <= 12; decimals++) {
        snprintf(expected, sizeof expected, "%.*f", decimals, value);
        ks_format_fixed(got, sizeof got, value, decimals);
        snprintf(what, sizeof what, "%%.%df of %a", decimals, value);
        compare(what, expected, got);
    }
    // (Not %#g: glibc 2.36 writes "1.e+03" for "%#.3g" of 999.5, dropping the zeros # keeps.)
    static const char *patterns[] = {"%e", "%.3e", "%E", "%g", "%G", "%12.4f", "%-12.3g|", "%+.2e", "% f", "%#.0f",
                                     "%012.3f", "%.0e", "%#.0e"};
    for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
        snprintf(expected, sizeof expected, patterns[i], value);
        ks_minimal_snprintf(got, sizeof got, patterns[i], value);
        snprintf(what, sizeof what, "\"%s\" of %a", patterns[i], value);
        compare(what, expected, got);
    }
}

// A deterministic generator (xorshift64*), so that a failure reproduces.
static uint64_t state = 0x9E3779B97F4A7C15u;
static uint64_t next(void) {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Du;
}

int main(void) {
    const double special[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 9.5, 99.5, 999.5, 0.05, 0.15,
                              0.25, 0.35, 1e-5, 9.9999e-5, 1e-4, 123456.5, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e300,
                              1.7976931348623157e308, 2.2250738585072014e-308, 4.9406564584124654e-324, 0.1, 0.2,
                              0.3, 1.0 / 3.0, 2.0 / 3.0, 9.999999, 0.0055607094, 1795913295.150106, 0.181, 2.79,
                              4.43, 1210.5, 32767.99998, 65535.0, 1234567.0, 0.9995, 0.99995, 5e-7, 4.35e-5,
                              INFINITY, -INFINITY, NAN, -NAN};
    for (size_t i = 0; i < sizeof special / sizeof *special; i++) check_double(special[i]);
    // Random bit patterns: every exponent, and decimal-looking values (k / 10^d) with their ties.
    for (int i = 0; i < 20000; i++) {
        union { uint64_t u; double d; } bits = {next()};
        check_double(bits.d);
    }
    for (int i = 0; i < 20000; i++) {
        double value = (double)(next() % 2000000) / pow(10, (double)(next() % 9)) * ((next() & 1) ? 1 : -1);
        check_double(value);
    }
    // Where the short road of "%.*g" runs (|value| from about 1e-12 to 1e18): every binary
    // exponent there, and dyadic values whose decimal expansions end in a tie at some precision.
    for (int i = 0; i < 40000; i++) {
        double value = ldexp((double)(next() >> 11), (int)(next() % 110) - 100) * ((next() & 1) ? 1 : -1);
        check_double(value);
    }
    for (int i = 0; i < 30000; i++) {
        double value = ldexp((double)(next() % 100000000), -(int)(next() % 20)) * ((next() & 1) ? 1 : -1);
        check_double(value);
    }
    // Integers, strings, characters, pointers: what libpcap and musl's syslog format.
    char expected[512], got[512];
    const long long integers[] = {0, 1, -1, 7, 42, -42, 255, 65535, 2147483647, -2147483647 - 1, 4294967295LL,
                                  9223372036854775807LL, -9223372036854775807LL - 1};
    const char *integer_patterns[] = {"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%x", "%X", "%#x",
                                      "%08x", "%o", "%#o", "%u", "%02x:%02x", "%hhu", "%hd", "%c"};
    for (size_t i = 0; i < sizeof integers / sizeof *integers; i++) {
        for (size_t j = 0; j < sizeof integer_patterns / sizeof *integer_patterns; j++) {
            int value = (int)integers[i];
            snprintf(expected, sizeof expected, integer_patterns[j], value, value);
            ks_minimal_snprintf(got, sizeof got, integer_patterns[j], value, value);
            compare(integer_patterns[j], expected, got);
        }
        const char *long_patterns[] = {"%lld", "%llu", "%llx", "%20lld", "%-20lld|"};
        for (size_t j = 0; j < sizeof long_patterns / sizeof *long_patterns; j++) {
            snprintf(expected, sizeof expected, long_patterns[j], integers[i]);
            ks_minimal_snprintf(got, sizeof got, long_patterns[j], integers[i]);
            compare(long_patterns[j], expected, got);
        }
        snprintf(expected, sizeof expected, "%ld %lu %zu %zd %jd", (long)integers[i], (unsigned long)integers[i],
                 (size_t)integers[i], (ssize_t)integers[i], (intmax_t)integers[i]);
        ks_minimal_snprintf(got, sizeof got, "%ld %lu %zu %zd %jd", (long)integers[i], (unsigned long)integers[i],
                            (size_t)integers[i], (ssize_t)integers[i], (intmax_t)integers[i]);
        compare("%ld %lu %zu %zd %jd", expected, got);
    }
    const char *strings[] = {"", "eth0", "a somewhat longer text", "br-lan"};
    const char *string_patterns[] = {"%s", "%10s|", "%-10s|", "%.3s", "%*s|", "%-*s|", "%.*s", "%s: %s", "100%%"};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) {
        for (size_t j = 0; j < sizeof string_patterns / sizeof *string_patterns; j++) {
            const char *pattern = string_patterns[j];
            if (strchr(pattern, '*')) {
                snprintf(expected, sizeof expected, pattern, 6, strings[i]);
                ks_minimal_snprintf(got, sizeof got, pattern, 6, strings[i]);
            } else {
                snprintf(expected, sizeof expected, pattern, strings[i], strings[i]);
                ks_minimal_snprintf(got, sizeof got, pattern, strings[i], strings[i]);
            }
            compare(pattern, expected, got);
        }
    }
    // Truncation: the return value is the whole length, the buffer ends in a NUL.
    char small[8];
    int whole = ks_minimal_snprintf(small, sizeof small, "%s=%d", "threshold", 12345);
    checks++;
    if (whole != 15 || strcmp(small, "thresho") != 0) {
        printf("truncation: %d \"%s\"\n", whole, small);
        failures++;
    }
    int n = -1;
    ks_minimal_snprintf(got, sizeof got, "abc%n%d", &n, 5);
    checks++;
    if (n != 3 || strcmp(got, "abc5") != 0) {
        printf("%%n: %d \"%s\"\n", n, got);
        failures++;
    }
    if (failures > 0) {
        printf("%d of %d checks differ\n", failures, checks);
        return 1;
    }
    printf("ok %d\n", checks);
    return 0;
}
