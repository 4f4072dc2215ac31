// The C body decides whether a `char *` parameter is read to its NUL:
// a string call, a `%s` of printf, a scan loop, also over a local copy
// of the parameter and beside a length parameter the loop does not use.
// Look-alikes: a `%s` whose argument is another variable that happens to
// share the name in the format text, a one-byte strchr, a comment, `%.*s`,
// and a loop bounded by the length.
package bodies

/*
#include <stdio.h>
#include <string.h>
#include <stddef.h>

static void show_padded(char *msg, size_t width) { printf("[%*s]\n", (int)width, msg); }
static size_t my_len(const char *s) { const char *q = s; while (*q) q++; return (size_t)(q - s); }
static size_t count_l(char *s, size_t max_hits) {
	size_t c = 0;
	while (*s) { if (*s == 'l' && c < max_hits) c++; s++; }
	return c;
}

static void show3(char *s) { char tmp[4]; memcpy(tmp, s, 3); tmp[3] = 0; printf("%s\n", tmp); }
static int is_sep(char *c) { return strchr(",;:", *c) != NULL; }
static void put_n(const char *s, size_t n) { fwrite(s, 1, n, stdout); } // unlike strlen(s), n bounds it
static void show_n(const char *s, int n) { printf("%.*s\n", n, s); }
static size_t count_n(const char *s, size_t n) { size_t c = 0; while (n-- && *s) { c += *s == 'l'; s++; } return c; }
#define LINE_FMT "%s\n"
static void show_or_null(const char *name) { printf("%s\n", name ? name : "(null)"); }
static void show_macro(const char *name) { printf(LINE_FMT, name); }
static size_t flag_len(const char *flag) { return strlen(flag + 1); }
static size_t count_to_end(const char *s, size_t n) {
	const char *end = s + n;
	size_t c = 0;
	for (; s < end && *s != '\0'; s++) c += *s == 'l';
	return c;
}
static void put_copy(const char *s, size_t n) {
	char tmp[8];
	const char *text = s;
	if (n >= sizeof tmp) return;
	memcpy(tmp, text, n);
	tmp[n] = 0;
	text = tmp;
	puts(text);
}
*/
import "C"

import "unsafe"

func Padded(s string) {
	C.show_padded((*C.char)(unsafe.Pointer(unsafe.StringData(s))), 10) // want CGL008 "the Go string s to C.show_padded"
}

func Len(s string) int {
	return int(C.my_len((*C.char)(unsafe.Pointer(unsafe.StringData(s))))) // want CGL008 "the Go string s to C.my_len"
}

func CountL(s string) int {
	return int(C.count_l((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s)))) // want CGL008 "the Go string s to C.count_l"
}

func ShowOrNull(s string) {
	C.show_or_null((*C.char)(unsafe.Pointer(unsafe.StringData(s)))) // want CGL008 "the Go string s to C.show_or_null"
}

func ShowMacro(s string) {
	C.show_macro((*C.char)(unsafe.Pointer(unsafe.StringData(s)))) // want CGL008 "the Go string s to C.show_macro"
}

func FlagLen(s string) int {
	return int(C.flag_len((*C.char)(unsafe.Pointer(unsafe.StringData(s))))) // want CGL008 "the Go string s to C.flag_len"
}

// --- look-alikes --------------------------------------------------------------

func CountToEnd(s string) int {
	return int(C.count_to_end((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))))
}

func PutCopy(s string) {
	C.put_copy((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s)))
}

func Show3(s string) {
	if len(s) >= 3 {
		C.show3((*C.char)(unsafe.Pointer(unsafe.StringData(s))))
	}
}

func IsSep(s string) bool {
	return s != "" && C.is_sep((*C.char)(unsafe.Pointer(unsafe.StringData(s)))) != 0
}

func PutN(s string) {
	C.put_n((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s)))
}

func ShowN(s string) {
	C.show_n((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.int(len(s)))
}

func CountN(s string) int {
	return int(C.count_n((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))))
}
