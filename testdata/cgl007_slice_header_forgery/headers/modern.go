package headers

// #include <stdlib.h>
import "C"

import "unsafe"

// Negative: the Go 1.20 replacements.
func ViewModern(p *C.char, n C.int) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))
}

func StrModern(p *C.char, n C.int) string {
	return unsafe.String((*byte)(unsafe.Pointer(p)), int(n))
}

func DataModern(s string) *byte {
	return unsafe.StringData(s)
}

func FirstModern(b []C.int) *C.int {
	return unsafe.SliceData(b)
}

// Negative: an array view of a slice's elements is not a header.
func Word(b []byte) uint32 {
	if len(b) < 4 {
		return 0
	}
	return *(*uint32)(unsafe.Pointer(&b[0]))
}

// Negative: a string read as a string, a slice as a slice of its own type.
func Same(s string, b []byte) (string, []byte) {
	return *(*string)(unsafe.Pointer(&s)), *(*[]byte)(unsafe.Pointer(&b))
}
