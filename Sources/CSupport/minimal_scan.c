// Two C-library functions a router build replaces with small ones of its own, because the
// C library's bring floating-point scanning with them: on aarch64, musl's scanf and strtod pull
// in long-double arithmetic done in software, 18 KB of a router binary's 512 KiB.
//
// - Decimal numbers for the command line (ks_parse_double, on every build, so that the host and
//   the router read an option the same way).
// - sscanf, for libpcap, which reads only integers with it ("%d.%d", "%d-%d", "%ld.%ld%n"):
//   router builds only (KS_MINIMAL_SCANF), where it takes the place of the C library's.
#include "CSupport.h"

#include <stdarg.h>

// Powers of ten that are exact in a double.
static const double exact_powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

int ks_parse_double(const char *text, double *value) {
    if (text == NULL || *text == '\0') return -1;
    const char *p = text;
    int negative = 0;
    if (*p == '+' || *p == '-') negative = *p++ == '-';
    uint64_t mantissa = 0;
    int digits = 0, exponent = 0, any = 0;
    // Significant digits up to 19 (a uint64_t holds them); beyond, only their place counts.
    for (; *p >= '0' && *p <= '9'; p++, any = 1) {
        if (digits < 19) {
            if (mantissa != 0 || *p != '0') digits++;
            mantissa = mantissa * 10 + (uint64_t)(*p - '0');
        } else {
            exponent++;
        }
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, any = 1) {
            if (digits < 19) {
                if (mantissa != 0 || *p != '0') digits++;
                mantissa = mantissa * 10 + (uint64_t)(*p - '0');
                exponent--;
            }
        }
    }
    if (!any) return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        int exponent_negative = 0;
        if (*p == '+' || *p == '-') exponent_negative = *p++ == '-';
        if (*p < '0' || *p > '9') return -1;
        int written = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
            if (written < 100000) written = written * 10 + (*p - '0');
        }
        exponent += exponent_negative ? -written : written;
    }
    if (*p != '\0') return -1;
    double result = (double)mantissa;
    // Exact: one rounding of exact operands (at most 15 digits, a power of ten up to 1e22),
    // the correctly rounded value. Beyond, each step rounds: within a few ulps.
    if (mantissa == 0) {
        result = 0;
    } else if (digits <= 15 && exponent >= -22 && exponent <= 22) {
        result = exponent >= 0 ? result * exact_powers[exponent] : result / exact_powers[-exponent];
    } else {
        for (; exponent > 22 && result < 1e308; exponent -= 22) result *= 1e22;
        for (; exponent < -22 && result > 0; exponent += 22) result /= 1e22;
        if (exponent > 0 && exponent <= 22) result *= exact_powers[exponent];
        else if (exponent < 0 && exponent >= -22) result /= exact_powers[-exponent];
    }
    *value = negative ? -result : result;
    return 0;
}

// sscanf for integers: white space in the format matches any run of it (or none), a literal
// matches itself, %d %i %u %x with the length modifiers hh h l ll z j t read integers, %n stores
// the characters read so far, %% a percent sign. Anything else ends the scan. Returns the
// conversions assigned, or EOF if the input ended before the first.
int ks_minimal_vsscanf(const char *input, const char *format, va_list arguments) {
    const char *in = input;
    int assigned = 0;
    for (const char *f = format; *f != '\0'; f++) {
        if (*f == ' ' || (*f >= '\t' && *f <= '\r')) {
            while (*in == ' ' || (*in >= '\t' && *in <= '\r')) in++;
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            if (*f == '%') f++;
            if (*in == '\0') return assigned == 0 ? EOF : assigned;
            if (*in != *f) return assigned;
            in++;
            continue;
        }
        f++;
        int length = 0;  // 0 int, -1 short, -2 char, 1 long, 2 long long
        for (;; f++) {
            if (*f == 'h') length = length == -1 ? -2 : -1;
            else if (*f == 'l') length = length == 1 ? 2 : 1;
            else if (*f == 'z' || *f == 'j' || *f == 't') length = 2;
            else break;
        }
        if (*f == 'n') {
            int *count = va_arg(arguments, int *);
            *count = (int)(in - input);
            continue;
        }
        int base;
        if (*f == 'd' || *f == 'i' || *f == 'u') base = 10;
        else if (*f == 'x' || *f == 'X') base = 16;
        else return assigned;
        while (*in == ' ' || (*in >= '\t' && *in <= '\r')) in++;
        if (*in == '\0') return assigned == 0 ? EOF : assigned;
        int negative = 0;
        if (*in == '+' || *in == '-') negative = *in++ == '-';
        if (base == 16 && in[0] == '0' && (in[1] == 'x' || in[1] == 'X')) in += 2;
        unsigned long long magnitude = 0;
        int any = 0;
        for (;; in++) {
            int digit;
            if (*in >= '0' && *in <= '9') digit = *in - '0';
            else if (base == 16 && *in >= 'a' && *in <= 'f') digit = *in - 'a' + 10;
            else if (base == 16 && *in >= 'A' && *in <= 'F') digit = *in - 'A' + 10;
            else break;
            magnitude = magnitude * (unsigned)base + (unsigned)digit;
            any = 1;
        }
        if (!any) return assigned;
        unsigned long long value = negative ? 0ULL - magnitude : magnitude;
        void *target = va_arg(arguments, void *);
        switch (length) {
        case -2: *(char *)target = (char)value; break;
        case -1: *(short *)target = (short)value; break;
        case 0: *(int *)target = (int)value; break;
        case 1: *(long *)target = (long)value; break;
        default: *(long long *)target = (long long)value; break;
        }
        assigned++;
    }
    return assigned;
}

int ks_minimal_sscanf(const char *input, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int result = ks_minimal_vsscanf(input, format, arguments);
    va_end(arguments);
    return result;
}

#ifdef KS_MINIMAL_SCANF
// The C library's sscanf, replaced in a router build (see above).
int sscanf(const char *input, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int result = ks_minimal_vsscanf(input, format, arguments);
    va_end(arguments);
    return result;
}
#endif
