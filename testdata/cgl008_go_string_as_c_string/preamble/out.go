package preamble

// #include "names.h"
import "C"

import "unsafe"

// Negative for CGL008: a non-const char * that the body (in names.c) writes is an
// output buffer (CGL003 reports the missing length).
func Fill() byte {
	buf := make([]byte, 8)
	C.fill((*C.char)(unsafe.Pointer(&buf[0]))) // want CGL003
	return buf[0]
}

// Negative: a terminated copy through an intermediate variable.
func LookupTerminated(key string) int {
	b := append([]byte(key), 0)
	p := unsafe.Pointer(&b[0])
	return int(C.lookup((*C.char)(p)))
}
