package libc

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
*/
import "C"

import "unsafe"

const greeting = "hi\x00"

// Negative: C.CString copies and terminates.
func LenC(s string) int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return int(C.strlen(cs))
}

// Negative: a byte slice built with a trailing 0.
func PrintTerminated(s string) {
	b := append([]byte(s), 0)
	C.puts((*C.char)(unsafe.Pointer(&b[0])))
}

// Negative: the 0 appended later, before the call.
func AtoiTerminated(s string) int {
	b := []byte(s)
	b = append(b, 0)
	return int(C.atoi((*C.char)(unsafe.Pointer(&b[0]))))
}

// Negative: a literal that spells its terminator.
func Literal() {
	C.puts((*C.char)(unsafe.Pointer(&[]byte("abc\x00")[0])))
	C.puts((*C.char)(unsafe.Pointer(unsafe.StringData(greeting))))
}

// Negative: a string concatenated with "\x00".
func Concat(s string) int {
	cs := s + "\x00"
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(cs)))))
}

// Negative: fwrite takes the length.
func Write(s string, f *C.FILE) {
	C.fwrite(unsafe.Pointer(unsafe.StringData(s)), 1, C.size_t(len(s)), f)
}

// Negative: strncmp is bounded by its length argument.
func Prefix(a *C.char, b string) bool {
	return C.strncmp(a, (*C.char)(unsafe.Pointer(unsafe.StringData(b))), C.size_t(len(b))) == 0
}
