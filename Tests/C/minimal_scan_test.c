// Checks minimal_scan.c against the C library: ks_minimal_sscanf against sscanf on the formats
// libpcap uses and a few more, ks_parse_double against strtod (exact up to 15 digits and
// exponents of ±22, within 4 ulps beyond). Prints "ok" and exits 0, or the first difference.
#include "CSupport.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

static void check_two(const char *input, const char *format) {
    long a1 = -7, b1 = -7, a2 = -7, b2 = -7;
    int n1 = -7, n2 = -7;
    int r1 = sscanf(input, format, &a1, &b1, &n1);
    int r2 = ks_minimal_sscanf(input, format, &a2, &b2, &n2);
    if (r1 != r2 || (r1 >= 1 && a1 != a2) || (r1 >= 2 && b1 != b2) || (strstr(format, "%n") && r1 == 2 && n1 != n2)) {
        printf("sscanf(\"%s\", \"%s\"): libc %d %ld %ld %d, ours %d %ld %ld %d\n", input, format, r1, a1, b1, n1, r2, a2,
               b2, n2);
        failures++;
    }
}

static void check_ints(const char *input, const char *format) {
    int a1 = -7, b1 = -7, a2 = -7, b2 = -7;
    int r1 = sscanf(input, format, &a1, &b1);
    int r2 = ks_minimal_sscanf(input, format, &a2, &b2);
    if (r1 != r2 || (r1 >= 1 && a1 != a2) || (r1 >= 2 && b1 != b2)) {
        printf("sscanf(\"%s\", \"%s\"): libc %d %d %d, ours %d %d %d\n", input, format, r1, a1, b1, r2, a2, b2);
        failures++;
    }
}

static void check_double(const char *text, int exact) {
    char *end = NULL;
    double expected = strtod(text, &end);
    double got = 0;
    int status = ks_parse_double(text, &got);
    int accepted = end != text && *end == '\0' && !isinf(expected) && !isnan(expected);
    if ((status == 0) != accepted) {
        printf("ks_parse_double(\"%s\"): status %d, strtod %s\n", text, status, accepted ? "accepts" : "refuses");
        failures++;
        return;
    }
    if (!accepted) return;
    double tolerance = exact ? 0 : 4 * (nextafter(fabs(expected), INFINITY) - fabs(expected));
    if (fabs(got - expected) > tolerance) {
        printf("ks_parse_double(\"%s\") = %.17g, strtod %.17g\n", text, got, expected);
        failures++;
    }
}

int main(void) {
    const char *releases[] = {"6.1.0-21-amd64", "3.19", "3.18.5", "5.15.0", "4", "x.y", "", "10.2abc", " 5.4", "5.", "-3.-2"};
    for (size_t i = 0; i < sizeof releases / sizeof *releases; i++) check_two(releases[i], "%ld.%ld%n");
    const char *pairs[] = {"1-1024", "80-80", "1 - 2", "65535-0", "-1-5", "1024", "a-b", "", "7-", "12.34", "0x10-2"};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        check_ints(pairs[i], "%d-%d");
        check_ints(pairs[i], "%d.%d");
        check_ints(pairs[i], "%u %x");
    }
    const char *exact[] = {"0", "1", "-1", "0.1", "0.001", "1e-17", "16", "2.5e3", "123456789012345", "0.181484908",
                           "+7", "1E22", "1e-22", "86400", "3.109219"};
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++) check_double(exact[i], 1);
    const char *close[] = {"1e308", "1e-300", "1234567890123456789012", "0.12345678901234567890", "4.9e-324",
                           "2.2250738585072014e-308", "1e23", "123.456e-40"};
    for (size_t i = 0; i < sizeof close / sizeof *close; i++) check_double(close[i], 0);
    // Not numbers, or not as the command line takes them (hexadecimal, infinities, spaces).
    const char *refused[] = {"", "abc", "1.2.3", "1e", "e5", "0x10", "inf", "nan", "1e+", " 1", "1 ", "--1", "."};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        double value = 0;
        if (ks_parse_double(refused[i], &value) == 0) {
            printf("ks_parse_double(\"%s\") accepted\n", refused[i]);
            failures++;
        }
    }
    if (failures == 0) printf("ok\n");
    return failures == 0 ? 0 : 1;
}
