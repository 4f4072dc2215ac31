package libc

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
*/
import "C"

import (
	"strconv"
	"strings"
	"unsafe"
)

// Positive: a parameter's bytes measured by strlen.
func Len(s string) int {
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(s))))) // want CGL008 "passes the bytes of the Go string s to C.strlen, which reads its first argument as a NUL-terminated C string"
}

// Positive: a copy made by []byte(s) has no terminator either.
func Print(s string) {
	C.puts((*C.char)(unsafe.Pointer(&[]byte(s)[0]))) // want CGL008 "a copy of the bytes of s with no terminating 0 to C.puts"
}

// Positive: through a local []byte.
func Atoi(s string) int {
	b := []byte(s)
	return int(C.atoi((*C.char)(unsafe.Pointer(&b[0])))) // want CGL008 "b, a \[\]byte with no terminating 0, to C.atoi" CGL002 "when b is empty" CGL003
}

// Positive: the pointer is made first, then passed.
func Exists(path string) bool {
	p := (*C.char)(unsafe.Pointer(unsafe.StringData(path)))
	return C.access(p, C.F_OK) == 0 // want CGL008 "Go string path to C.access"
}

// Positive: the second argument only; the first is a C string.
func Equal(a, b string) bool {
	ca := C.CString(a)
	defer C.free(unsafe.Pointer(ca))
	return C.strcmp(ca, (*C.char)(unsafe.Pointer(unsafe.StringData(b)))) == 0 // want CGL008 "Go string b to C.strcmp, which reads its second argument"
}

// Positive: unsafe.SliceData of a converted string.
func Env(key string) string {
	return C.GoString(C.getenv((*C.char)(unsafe.Pointer(unsafe.SliceData([]byte(key)))))) // want CGL008 "bytes of key with no terminating 0 to C.getenv"
}

// Positive: cgo's C.GoString also reads up to a NUL.
func Roundtrip(s string) string {
	return C.GoString((*C.char)(unsafe.Pointer(unsafe.StringData(s)))) // want CGL008 "to C.GoString"
}

// Positive: a literal without "\x00".
func Hello() {
	C.puts((*C.char)(unsafe.Pointer(unsafe.StringData("hello")))) // want CGL008 "Go string \"hello\" to C.puts"
}

// Positive: a library result is a Go string too.
func Upper(s string) int {
	u := strings.ToUpper(s)
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(u))))) // want CGL008 "Go string u"
}

// Negative: the NUL goes through strings.ToUpper, which maps it to itself.
func UpperTerminated(s string) int {
	u := strings.ToUpper(s + "\x00")
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(u)))))
}

// Positive: strconv.Quote escapes the NUL into four characters.
func QuotedTerminated(s string) int {
	q := strconv.Quote(s + "\x00")
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(q))))) // want CGL008 "Go string q"
}

// Positive: both arguments of fopen.
func Open(name, mode string) *C.FILE {
	n := (*C.char)(unsafe.Pointer(unsafe.StringData(name)))
	m := (*C.char)(unsafe.Pointer(unsafe.StringData(mode)))
	return C.fopen(n, m) // want CGL008 "Go string name to C.fopen" CGL008 "Go string mode to C.fopen, which reads its second argument"
}
