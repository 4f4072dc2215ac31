// Package purego uses unsafe correctly and never calls C.
package purego

import "unsafe"

// Bytes views a string's bytes without copying: the modern form.
func Bytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// Words reinterprets a byte slice as 8-byte words for hashing; not C.
func Words(b []byte) []uint64 {
	if len(b) < 8 {
		return nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), len(b)/8)
}

// First returns a pointer to the first element, or nil.
func First(s []int) *int {
	return unsafe.SliceData(s)
}

// Addr takes the address of an element of a possibly empty slice, but it
// never reaches C.
func Addr(s []int32) unsafe.Pointer {
	return unsafe.Pointer(&s[0])
}
