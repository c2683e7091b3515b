// Formatting numbers without the C library's printf, and a printf family for router builds.
//
// On aarch64 a long double is 128 bits done in software, and musl's printf formats every
// floating-point value through one: its vfprintf brings 15 KB of soft-float arithmetic into a
// router binary that has 512 KiB in all. So:
//
// - ks_format_general and ks_format_fixed ("%.*g" and "%.*f" of a double), on every build, from
//   the double's exact decimal expansion (a big integer): correctly rounded, ties to even, as
//   glibc's and musl's printf give them, so the host and the router write the same bytes.
// - A printf family (snprintf, fprintf, asprintf, syslog's dprintf, ...) on that core, which
//   takes the C library's place in a router build (KS_MINIMAL_PRINTF) as minimal_scan.c's sscanf
//   does. It knows the conversions libpcap, musl's syslog and this program use: d i u x X o c s p
//   n %, with flags, width, precision and length modifiers, and f e g of a double. A long double
//   (L) or a hexadecimal float (a) is written as '?'.
//
// Tests/C/minimal_format_test.c checks all of it against the host's C library.
#include "CSupport.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

// MARK: The exact decimal expansion of a double

// A double's magnitude has at most 767 significant decimal digits (2^-1074 has 751, times a
// 53-bit mantissa); 800 leave room.
enum { max_digits = 800, max_limbs = 100 };
// The most decimals a conversion writes (more than any double needs but its smallest's 1074).
enum { max_precision = 400 };

// The decimal digits of |value| (no leading zeros; "0" for zero) into digits[], their count,
// and the place of the decimal point: |value| = 0.d1 d2 d3 ... x 10^point.
static int exact_digits(double value, char *digits, int *point) {
    union { double d; uint64_t u; } bits = {value};
    int exponent = (int)((bits.u >> 52) & 0x7FF);
    uint64_t mantissa = bits.u & ((UINT64_C(1) << 52) - 1);
    if (exponent == 0) exponent = 1; else mantissa |= UINT64_C(1) << 52;
    exponent -= 1075;  // |value| = mantissa x 2^exponent
    if (mantissa == 0) {
        digits[0] = '0';
        *point = 1;
        return 1;
    }
    // A big integer in base 10^9, least significant limb first.
    uint32_t limbs[max_limbs];
    int count = 0;
    while (mantissa > 0) {
        limbs[count++] = (uint32_t)(mantissa % 1000000000u);
        mantissa /= 1000000000u;
    }
    // |value| = mantissa x 2^e = mantissa x 5^-e / 10^-e for e < 0: multiply by 2 or by 5.
    int shift = exponent >= 0 ? exponent : -exponent;
    uint32_t factor_step = exponent >= 0 ? 2 : 5;
    while (shift > 0) {
        // Up to 2^13 or 5^12 at a time: the product of a limb and the factor fits 64 bits.
        int step = exponent >= 0 ? (shift < 13 ? shift : 13) : (shift < 12 ? shift : 12);
        uint64_t factor = 1;
        for (int i = 0; i < step; i++) factor *= factor_step;
        uint64_t carry = 0;
        for (int i = 0; i < count; i++) {
            uint64_t product = (uint64_t)limbs[i] * factor + carry;
            limbs[i] = (uint32_t)(product % 1000000000u);
            carry = product / 1000000000u;
        }
        while (carry > 0) {
            limbs[count++] = (uint32_t)(carry % 1000000000u);
            carry /= 1000000000u;
        }
        shift -= step;
    }
    // The limbs' digits, most significant first.
    int length = 0;
    char top[10];
    int top_length = 0;
    for (uint32_t limb = limbs[count - 1]; limb > 0; limb /= 10) top[top_length++] = (char)('0' + limb % 10);
    while (top_length > 0) digits[length++] = top[--top_length];
    for (int i = count - 2; i >= 0; i--) {
        uint32_t limb = limbs[i];
        for (int place = 8; place >= 0; place--) {
            digits[length + place] = (char)('0' + limb % 10);
            limb /= 10;
        }
        length += 9;
    }
    *point = length + (exponent < 0 ? exponent : 0);
    return length;
}

// Rounds the digits to the first `keep` (which may be 0 or negative: nothing kept), ties to
// even; updates the point when a carry adds a digit. Returns the digits kept (at least 1: a
// value rounded to zero is "0" at the same point).
static int round_digits(char *digits, int length, int keep, int *point) {
    if (keep >= length) return length;
    int up;
    if (keep < 0) {
        up = 0;
    } else {
        char next = digits[keep];
        int rest = 0;
        for (int i = keep + 1; i < length; i++) if (digits[i] != '0') { rest = 1; break; }
        if (next > '5' || (next == '5' && rest)) up = 1;
        else if (next < '5') up = 0;
        else up = keep > 0 ? (digits[keep - 1] - '0') & 1 : 0;  // a tie: to even (0 is even)
    }
    if (keep <= 0) {
        if (up) {
            digits[0] = '1';
            *point += 1 - keep;
            return 1;
        }
        digits[0] = '0';
        *point -= keep;  // nothing is left: zero, at the cut
        return 1;
    }
    if (up) {
        int i = keep - 1;
        while (i >= 0 && digits[i] == '9') digits[i--] = '0';
        if (i >= 0) {
            digits[i]++;
        } else {
            memmove(digits + 1, digits, (size_t)keep);
            digits[0] = '1';
            *point += 1;
        }
    }
    return keep;
}

// MARK: Output, bounded

typedef struct {
    char *buffer;
    size_t capacity;
    size_t length;  // what the whole output takes, beyond the capacity too
} sink;

static void put(sink *out, char c) {
    if (out->length + 1 < out->capacity) out->buffer[out->length] = c;
    out->length++;
}

static void put_run(sink *out, char c, int count) {
    for (int i = 0; i < count; i++) put(out, c);
}

static void put_text(sink *out, const char *text, size_t count) {
    for (size_t i = 0; i < count; i++) put(out, text[i]);
}

typedef struct {
    int left, zero, plus, space, alternate;
    int width, precision;  // precision -1: none
} spec;

// Writes a body of `length` bytes with its sign and the padding the spec asks.
static void put_padded(sink *out, const spec *s, const char *sign, const char *body, size_t length,
                       int zero_pad_allowed) {
    size_t sign_length = strlen(sign);
    int pad = s->width - (int)(sign_length + length);
    if (pad < 0) pad = 0;
    if (!s->left && !(s->zero && zero_pad_allowed)) put_run(out, ' ', pad);
    put_text(out, sign, sign_length);
    if (!s->left && s->zero && zero_pad_allowed) put_run(out, '0', pad);
    put_text(out, body, length);
    if (s->left) put_run(out, ' ', pad);
}

// MARK: Doubles

// f, e or g (upper case: F, E, G) of a double.
static void put_double(sink *out, const spec *s, char conversion, double value) {
    union { double d; uint64_t u; } bits = {value};
    const char *sign = (bits.u >> 63) ? "-" : s->plus ? "+" : s->space ? " " : "";
    int upper = conversion == 'F' || conversion == 'E' || conversion == 'G';
    char lower = (char)(conversion | 0x20);
    if (((bits.u >> 52) & 0x7FF) == 0x7FF) {
        const char *word = (bits.u & ((UINT64_C(1) << 52) - 1)) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        put_padded(out, s, sign, word, 3, 0);
        return;
    }
    char digits[max_digits + 2];
    int point;
    int length = exact_digits(bits.u >> 63 ? -value : value, digits, &point);
    int precision = s->precision < 0 ? 6 : s->precision;
    if (precision > max_precision) precision = max_precision;
    int is_zero = length == 1 && digits[0] == '0';
    char style = lower;
    int strip = 0;
    if (lower == 'g') {
        int significant = precision == 0 ? 1 : precision;
        int rounded_point = point;
        char scratch[max_digits + 2];
        memcpy(scratch, digits, (size_t)length);
        round_digits(scratch, length, significant, &rounded_point);
        int exponent10 = is_zero ? 0 : rounded_point - 1;
        if (significant > exponent10 && exponent10 >= -4) {
            style = 'f';
            precision = significant - 1 - exponent10;
        } else {
            style = 'e';
            precision = significant - 1;
        }
        strip = !s->alternate;
    }
    // The body: digits with a point, and for e an exponent.
    char body[max_digits + max_precision + 16];
    int n = 0;
    if (style == 'f') {
        if (!is_zero) length = round_digits(digits, length, point + precision, &point);
        is_zero = length == 1 && digits[0] == '0';
        // Integer part: digits before the point, or 0.
        if (is_zero || point <= 0) {
            body[n++] = '0';
        } else {
            for (int i = 0; i < point; i++) body[n++] = i < length ? digits[i] : '0';
        }
        if (precision > 0 || s->alternate) body[n++] = '.';
        for (int place = 0; place < precision; place++) {
            int index = point + place;  // the digit at 10^-(place+1)
            body[n++] = (!is_zero && index >= 0 && index < length) ? digits[index] : '0';
        }
    } else {
        int exponent10 = 0;
        if (!is_zero) {
            length = round_digits(digits, length, precision + 1, &point);
            exponent10 = point - 1;
        }
        body[n++] = digits[0];
        if (precision > 0 || s->alternate) body[n++] = '.';
        for (int i = 1; i <= precision; i++) body[n++] = (!is_zero && i < length) ? digits[i] : '0';
        if (strip) {
            // g drops trailing zeros, and the point with them.
            while (n > 0 && body[n - 1] == '0') n--;
            if (n > 0 && body[n - 1] == '.') n--;
            strip = 0;
        }
        body[n++] = upper ? 'E' : 'e';
        body[n++] = exponent10 < 0 ? '-' : '+';
        int magnitude = exponent10 < 0 ? -exponent10 : exponent10;
        char exponent_digits[8];
        int count = 0;
        do { exponent_digits[count++] = (char)('0' + magnitude % 10); magnitude /= 10; } while (magnitude > 0);
        if (count < 2) exponent_digits[count++] = '0';
        while (count > 0) body[n++] = exponent_digits[--count];
    }
    if (strip) {
        int has_point = 0;
        for (int i = 0; i < n; i++) if (body[i] == '.') has_point = 1;
        if (has_point) {
            while (n > 0 && body[n - 1] == '0') n--;
            if (n > 0 && body[n - 1] == '.') n--;
        }
    }
    put_padded(out, s, sign, body, (size_t)n, 1);
}

// Ends the output with a NUL, where it fits (the last byte of a full buffer).
static void terminate(sink *out) {
    if (out->capacity > 0) out->buffer[out->length < out->capacity ? out->length : out->capacity - 1] = '\0';
}

// "%.*<conversion>" of one double into a bounded buffer; the length of the whole output.
static int format_one(char *buffer, int size, double value, int precision, char conversion) {
    sink out = {buffer, size > 0 ? (size_t)size : 0, 0};
    spec s = {0, 0, 0, 0, 0, 0, precision};
    put_double(&out, &s, conversion, value);
    terminate(&out);
    return (int)out.length;
}

#if defined(__SIZEOF_INT128__) && !defined(KS_MINIMAL_PRINTF)
#define KS_SHORT_GENERAL 1
#else
#define KS_SHORT_GENERAL 0
#endif
#if KS_SHORT_GENERAL
// The short road to "%.*g" for up to 17 significant digits, taken by `score` for every packet:
// |value| = mantissa · 2^exponent times 10^s, for 0 <= s <= 27, is one 128-bit product
// mantissa · 5^s shifted by exponent + s, and rounding it to an integer of `precision` digits
// (ties to even) gives the digits the exact expansion rounds to. Returns the length written
// to `text` (at least 32 bytes), or 0 where the value is outside that (zero, subnormal, not
// finite, and at 9 digits below 10^-19 or from 10^9): the exact expansion then formats it.
// 64-bit host builds only: it needs __int128, and a router build (KS_MINIMAL_PRINTF) has no
// room for its 1.5 KB, nor writes a score per packet there. Tests/C/minimal_format_test.c
// checks it against the libc.
static int short_general(char *text, double value, int precision) {
    static const uint64_t powers_of_5[28] = {
        1u, 5u, 25u, 125u, 625u, 3125u, 15625u, 78125u, 390625u, 1953125u, 9765625u, 48828125u, 244140625u,
        1220703125u, 6103515625u, 30517578125u, 152587890625u, 762939453125u, 3814697265625u, 19073486328125u,
        95367431640625u, 476837158203125u, 2384185791015625u, 11920928955078125u, 59604644775390625u,
        298023223876953125u, 1490116119384765625u, 7450580596923828125u};
    static const uint64_t powers_of_10[18] = {
        1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u, 10000000000u,
        100000000000u, 1000000000000u, 10000000000000u, 100000000000000u, 1000000000000000u,
        10000000000000000u, 100000000000000000u};
    if (precision < 1 || precision > 17) return 0;
    union { double d; uint64_t u; } bits = {value};
    int biased = (int)((bits.u >> 52) & 0x7FF);
    if (biased == 0 || biased == 0x7FF) return 0;
    uint64_t mantissa = (bits.u & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    int exponent = biased - 1075;
    // 10^k <= |value| < 10^(k+1). |value| >= 2^(exponent+52), and floor(n·log10 2) is
    // (n·78913) >> 18 for |n| < 1650: the estimate is k or k - 1, corrected below.
    int k = ((exponent + 52) * 78913) >> 18;
    uint64_t scaled_digits = 0;
    int found = 0;
    for (int attempt = 0; attempt < 2 && !found; attempt++) {
        int s = precision - 1 - k;
        if (s < 0 || s > 27) return 0;
        unsigned __int128 product = (unsigned __int128)mantissa * powers_of_5[s];
        int shift = exponent + s;  // |value| · 10^s = product · 2^shift
        unsigned __int128 whole;
        int up = 0;
        if (shift >= 0) {
            // Below 10^(precision+1) < 2^60 whether k is right or one short: no bits lost.
            whole = product << shift;
        } else {
            int right = -shift;
            if (right > 127) return 0;
            whole = product >> right;
            unsigned __int128 rest = product & ((((unsigned __int128)1) << right) - 1);
            unsigned __int128 half = ((unsigned __int128)1) << (right - 1);
            up = rest > half || (rest == half && (whole & 1));
        }
        if (whole >= powers_of_10[precision]) {
            k++;  // the estimate was one short
            continue;
        }
        scaled_digits = (uint64_t)whole + (uint64_t)up;
        if (scaled_digits == powers_of_10[precision]) {
            // Rounded up to the next power of ten: one digit more before the point.
            scaled_digits = powers_of_10[precision - 1];
            k++;
        }
        found = 1;
    }
    if (!found) return 0;
    char digits[17];
    for (int i = precision - 1; i >= 0; i--) {
        digits[i] = (char)('0' + scaled_digits % 10);
        scaled_digits /= 10;
    }
    // g drops trailing zeros (and then a bare point).
    int significant = precision;
    while (significant > 1 && digits[significant - 1] == '0') significant--;
    int n = 0;
    if (bits.u >> 63) text[n++] = '-';
    if (k < precision && k >= -4) {
        if (k >= 0) {
            for (int i = 0; i <= k; i++) text[n++] = digits[i];
            if (significant > k + 1) {
                text[n++] = '.';
                for (int i = k + 1; i < significant; i++) text[n++] = digits[i];
            }
        } else {
            text[n++] = '0';
            text[n++] = '.';
            for (int i = 0; i < -k - 1; i++) text[n++] = '0';
            for (int i = 0; i < significant; i++) text[n++] = digits[i];
        }
    } else {
        text[n++] = digits[0];
        if (significant > 1) {
            text[n++] = '.';
            for (int i = 1; i < significant; i++) text[n++] = digits[i];
        }
        text[n++] = 'e';
        text[n++] = k < 0 ? '-' : '+';
        int magnitude = k < 0 ? -k : k;  // below 28: s = precision - 1 - k is within 0...27
        text[n++] = (char)('0' + magnitude / 10);
        text[n++] = (char)('0' + magnitude % 10);
    }
    return n;
}
#endif

int ks_format_general(char *buffer, int size, double value, int digits) {
#if KS_SHORT_GENERAL
    char text[40];
    int length = short_general(text, value, digits == 0 ? 1 : digits);
    if (length > 0) {
        sink out = {buffer, size > 0 ? (size_t)size : 0, 0};
        put_text(&out, text, (size_t)length);
        terminate(&out);
        return length;
    }
#endif
    return format_one(buffer, size, value, digits, 'g');
}

int ks_format_fixed(char *buffer, int size, double value, int decimals) {
    return format_one(buffer, size, value, decimals, 'f');
}

// MARK: Integers, strings, and the format string

static void put_integer(sink *out, const spec *s, char conversion, uintmax_t magnitude, int negative) {
    const char *sign = negative ? "-" : (conversion == 'd' || conversion == 'i') ? (s->plus ? "+" : s->space ? " " : "") : "";
    unsigned base = conversion == 'o' ? 8 : (conversion == 'x' || conversion == 'X' || conversion == 'p') ? 16 : 10;
    const char *alphabet = conversion == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char reversed[64];
    int count = 0;
    for (uintmax_t rest = magnitude; rest > 0; rest /= base) reversed[count++] = alphabet[rest % base];
    char body[160];
    int n = 0;
    if ((s->alternate && magnitude != 0 && base == 16) || conversion == 'p') {
        body[n++] = '0';
        body[n++] = conversion == 'X' ? 'X' : 'x';
    }
    int precision = s->precision < 0 ? 1 : s->precision;
    int zeros = precision > count ? precision - count : 0;
    if (s->alternate && base == 8 && zeros == 0 && (count == 0 || reversed[count - 1] != '0')) zeros = 1;
    if (precision > 120) zeros = 120 - count;
    for (int i = 0; i < zeros; i++) body[n++] = '0';
    while (count > 0) body[n++] = reversed[--count];
    // A precision turns off the 0 flag for integers.
    put_padded(out, s, sign, body, (size_t)n, s->precision < 0);
}

static int format(sink *out, const char *format, va_list arguments) {
    for (const char *p = format; *p != '\0'; p++) {
        if (*p != '%') { put(out, *p); continue; }
        p++;
        spec s = {0, 0, 0, 0, 0, 0, -1};
        for (;; p++) {
            if (*p == '-') s.left = 1;
            else if (*p == '0') s.zero = 1;
            else if (*p == '+') s.plus = 1;
            else if (*p == ' ') s.space = 1;
            else if (*p == '#') s.alternate = 1;
            else break;
        }
        if (*p == '*') {
            s.width = va_arg(arguments, int);
            if (s.width < 0) { s.left = 1; s.width = -s.width; }
            p++;
        } else {
            while (*p >= '0' && *p <= '9') s.width = s.width * 10 + (*p++ - '0');
        }
        if (*p == '.') {
            p++;
            s.precision = 0;
            if (*p == '*') {
                s.precision = va_arg(arguments, int);
                if (s.precision < 0) s.precision = -1;
                p++;
            } else {
                while (*p >= '0' && *p <= '9') s.precision = s.precision * 10 + (*p++ - '0');
            }
        }
        // Length: hh h l ll j z t L.
        int length = 0;  // 0 int, 1 long, 2 long long, 3 intmax, 4 size, 5 ptrdiff, 6 long double, -1 short, -2 char
        if (*p == 'h') { length = -1; p++; if (*p == 'h') { length = -2; p++; } }
        else if (*p == 'l') { length = 1; p++; if (*p == 'l') { length = 2; p++; } }
        else if (*p == 'j') { length = 3; p++; }
        else if (*p == 'z') { length = 4; p++; }
        else if (*p == 't') { length = 5; p++; }
        else if (*p == 'L') { length = 6; p++; }
        char conversion = *p;
        switch (conversion) {
        case 'd': case 'i': {
            intmax_t value;
            switch (length) {
            case 1: value = va_arg(arguments, long); break;
            case 2: value = va_arg(arguments, long long); break;
            case 3: value = va_arg(arguments, intmax_t); break;
            case 4: value = (intmax_t)va_arg(arguments, size_t); break;
            case 5: value = va_arg(arguments, ptrdiff_t); break;
            case -1: value = (short)va_arg(arguments, int); break;
            case -2: value = (signed char)va_arg(arguments, int); break;
            default: value = va_arg(arguments, int);
            }
            uintmax_t magnitude = value < 0 ? (uintmax_t)0 - (uintmax_t)value : (uintmax_t)value;
            put_integer(out, &s, conversion, magnitude, value < 0);
            break;
        }
        case 'u': case 'x': case 'X': case 'o': {
            uintmax_t value;
            switch (length) {
            case 1: value = va_arg(arguments, unsigned long); break;
            case 2: value = va_arg(arguments, unsigned long long); break;
            case 3: value = va_arg(arguments, uintmax_t); break;
            case 4: value = va_arg(arguments, size_t); break;
            case 5: value = (uintmax_t)va_arg(arguments, ptrdiff_t); break;
            case -1: value = (unsigned short)va_arg(arguments, unsigned); break;
            case -2: value = (unsigned char)va_arg(arguments, unsigned); break;
            default: value = va_arg(arguments, unsigned);
            }
            put_integer(out, &s, conversion, value, 0);
            break;
        }
        case 'p': {
            void *pointer = va_arg(arguments, void *);
            put_integer(out, &s, 'p', (uintmax_t)(uintptr_t)pointer, 0);
            break;
        }
        case 'c': {
            char c = (char)va_arg(arguments, int);
            put_padded(out, &s, "", &c, 1, 0);
            break;
        }
        case 's': {
            const char *text = va_arg(arguments, const char *);
            if (text == NULL) text = "(null)";
            size_t count = 0;
            while (text[count] != '\0' && (s.precision < 0 || count < (size_t)s.precision)) count++;
            put_padded(out, &s, "", text, count, 0);
            break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
            if (length == 6) {
                (void)va_arg(arguments, long double);  // moved, not converted: no soft float
                put(out, '?');
            } else {
                put_double(out, &s, conversion, va_arg(arguments, double));
            }
            break;
        case 'a': case 'A':
            if (length == 6) (void)va_arg(arguments, long double); else (void)va_arg(arguments, double);
            put(out, '?');
            break;
        case 'n': {
            int *written = va_arg(arguments, int *);
            if (written != NULL) *written = (int)out->length;
            break;
        }
        case '%':
            put(out, '%');
            break;
        case '\0':
            p--;  // a lone % at the end
            break;
        default:
            put(out, '%');
            put(out, conversion);
        }
    }
    return (int)out->length;
}

int ks_minimal_vsnprintf(char *buffer, size_t size, const char *pattern, va_list arguments) {
    sink out = {buffer, size, 0};
    int length = format(&out, pattern, arguments);
    terminate(&out);
    return length;
}

int ks_minimal_snprintf(char *buffer, size_t size, const char *pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    int length = ks_minimal_vsnprintf(buffer, size, pattern, arguments);
    va_end(arguments);
    return length;
}

#ifdef KS_MINIMAL_PRINTF
// The C library's printf family, replaced in a router build (see above). Each formats into a
// buffer first: on the stack when it fits, else one allocation.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int vsnprintf(char *buffer, size_t size, const char *pattern, va_list arguments) {
    return ks_minimal_vsnprintf(buffer, size, pattern, arguments);
}

int snprintf(char *buffer, size_t size, const char *pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    int length = ks_minimal_vsnprintf(buffer, size, pattern, arguments);
    va_end(arguments);
    return length;
}

int vsprintf(char *buffer, const char *pattern, va_list arguments) {
    return ks_minimal_vsnprintf(buffer, (size_t)-1 / 2, pattern, arguments);
}

int sprintf(char *buffer, const char *pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    int length = vsprintf(buffer, pattern, arguments);
    va_end(arguments);
    return length;
}

int vasprintf(char **result, const char *pattern, va_list arguments) {
    va_list copy;
    va_copy(copy, arguments);
    int length = ks_minimal_vsnprintf(NULL, 0, pattern, copy);
    va_end(copy);
    *result = malloc((size_t)length + 1);
    if (*result == NULL) return -1;
    return ks_minimal_vsnprintf(*result, (size_t)length + 1, pattern, arguments);
}

int asprintf(char **result, const char *pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    int length = vasprintf(result, pattern, arguments);
    va_end(arguments);
    return length;
}

// Formats for a stream or a descriptor: into `local` when it fits, else an allocation.
static char *formatted(char *local, size_t capacity, int *length, const char *pattern, va_list arguments) {
    va_list copy;
    va_copy(copy, arguments);
    *length = ks_minimal_vsnprintf(local, capacity, pattern, copy);
    va_end(copy);
    if (*length < 0 || (size_t)*length < capacity) return local;
    char *text = malloc((size_t)*length + 1);
    if (text == NULL) return NULL;
    ks_minimal_vsnprintf(text, (size_t)*length + 1, pattern, arguments);
    return text;
}

int vfprintf(FILE *stream, const char *pattern, va_list arguments) {
    char local[512];
    int length;
    char *text = formatted(local, sizeof local, &length, pattern, arguments);
    if (text == NULL) return -1;
    size_t written = fwrite(text, 1, (size_t)length, stream);
    if (text != local) free(text);
    return written == (size_t)length ? length : -1;
}

int fprintf(FILE *stream, const char *pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    int length = vfprintf(stream, pattern, arguments);
    va_end(arguments);
    return length;
}

int vprintf(const char *pattern, va_list arguments) { return vfprintf(stdout, pattern, arguments); }

int printf(const char *pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    int length = vfprintf(stdout, pattern, arguments);
    va_end(arguments);
    return length;
}

int vdprintf(int descriptor, const char *pattern, va_list arguments) {
    char local[512];
    int length;
    char *text = formatted(local, sizeof local, &length, pattern, arguments);
    if (text == NULL) return -1;
    ssize_t written = write(descriptor, text, (size_t)length);
    if (text != local) free(text);
    return written == length ? length : -1;
}

int dprintf(int descriptor, const char *pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    int length = vdprintf(descriptor, pattern, arguments);
    va_end(arguments);
    return length;
}
#endif
