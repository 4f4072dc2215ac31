package libc

// #include <stdlib.h>
// #include <string.h>
import "C"

import "unsafe"

// A zero-copy helper that returns the bytes of its string parameter hands
// C an unterminated string all the same; one that copies with C.CString,
// or is given a string that ends in a NUL, does not.

func cstr(s string) *C.char {
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}

func cstrCopy(s string) *C.char {
	return C.CString(s)
}

func HelperLen(path string) int {
	return int(C.strlen(cstr(path))) // want CGL008 "`cstr\(path\)` passes the bytes of the Go string path to C.strlen"
}

func HelperTerminated(path string) int {
	return int(C.strlen(cstr(path + "\x00")))
}

func HelperCopy(path string) int {
	p := cstrCopy(path)
	defer C.free(unsafe.Pointer(p))
	return int(C.strlen(p))
}
