package bodies

/*
#include <string.h>

// ICU, HarfBuzz, QuickJS and SQLite: a negative length means
// "NUL-terminated"; a length of zero or more bounds the bytes.
static int count_a(const char *text, int text_length) {
	if (text_length < 0) text_length = strlen(text);
	int n = 0;
	for (int i = 0; i < text_length; i++) n += text[i] == 'a';
	return n;
}
static int count_b(const char *text, int length) {
	int n = length == -1 ? (int)strlen(text) : length;
	int c = 0;
	for (int i = 0; i < n; i++) c += text[i] == 'b';
	return c;
}
// Scans to the NUL whatever the length says.
static int count_c(const char *text, int length) {
	int n = (int)strlen(text);
	return n < length ? n : length;
}
*/
import "C"

import "unsafe"

func CountA(s string) int {
	return int(C.count_a((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.int(len(s))))
}

func CountB(s string) int {
	return int(C.count_b((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.int(len(s))))
}

func CountC(s string) int {
	return int(C.count_c((*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.int(len(s)))) // want CGL008 "reads its first argument as a NUL-terminated C string"
}
