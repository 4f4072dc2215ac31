package preamble

/*
#include <string.h>
#include "names.h"

static int count_vowels(const char *s) {
	int n = 0;
	for (; *s; s++) {
		if (strchr("aeiou", *s)) n++;
	}
	return n;
}

static size_t name_len(char *name) { return strlen(name); }

static int hash4(const char *p) { return p[0] * 31 + p[3]; }

static int first_is(const char *p, char c) { return p[0] == c; }

// glGetUniformLocation's shape: an integer that is no length beside the name.
static int uniform_location(unsigned int program, const char *name) {
	(void)program;
	return strcmp(name, "color") == 0 ? 2 : -1;
}

// Bounded by its length: the NUL test does not end the read.
static int count_nuls(const char *s, size_t n) {
	int c = 0;
	for (size_t i = 0; i < n; i++) if (s[i] == 0) c++;
	return c;
}
*/
import "C"

import u "unsafe"

// Positive: the body walks the string to its NUL.
func Vowels(s string) int {
	return int(C.count_vowels((*C.char)(u.Pointer(u.StringData(s))))) // want CGL008 "Go string s to C.count_vowels"
}

// Positive: the body hands the parameter to strlen.
func NameLen(name string) int {
	b := []byte(name)
	p := (*C.char)(u.Pointer(&b[0])) // want CGL002 "when b is empty"
	return int(C.name_len(p)) // want CGL008 "b, a \[\]byte with no terminating 0, to C.name_len" CGL003
}

// Positive: a declared prototype taking const char * and no length.
func Lookup(key string) int {
	return int(C.lookup((*C.char)(u.Pointer(u.StringData(key))))) // want CGL008 "Go string key to C.lookup"
}

// Negative: a body that reads a fixed number of bytes.
func Hash(s string) int {
	if len(s) < 4 {
		return 0
	}
	return int(C.hash4((*C.char)(u.Pointer(u.StringData(s)))))
}

// Negative: a function with a length parameter.
func WriteName(s string) {
	C.write_name((*C.char)(u.Pointer(u.StringData(s))), C.size_t(len(s)))
}

// Negative: a char parameter alongside is not a length, but the body does
// not read the string to its end.
func FirstIs(s string, c byte) bool {
	return C.first_is((*C.char)(u.Pointer(u.StringData(s))), C.char(c)) != 0
}

// Positive: the body compares the name with strcmp; the integer beside it is a handle.
func UniformLocation(program uint32, name string) int {
	return int(C.uniform_location(C.uint(program), (*C.char)(u.Pointer(u.StringData(name))))) // want CGL008 "Go string name to C.uniform_location"
}

// Negative: the body reads exactly the length it is given.
func CountNuls(s string) int {
	return int(C.count_nuls((*C.char)(u.Pointer(u.StringData(s))), C.size_t(len(s))))
}
