// Package headers builds slices and strings over C memory the old way.
package headers

// #include <stdlib.h>
import "C"

import (
	"reflect"
	"unsafe"
)

// Positive: a slice header literal pointing at C memory.
func View(p *C.char, n C.int) []byte {
	hdr := &reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: int(n), Cap: int(n)} // want CGL007 "builds a slice header by hand: reflect.SliceHeader is deprecated \(Go 1.21\).*unsafe.Slice\(ptr, len\)"
	return *(*[]byte)(unsafe.Pointer(hdr))
}

// Positive: a string header value literal.
func Str(p *C.char, n C.int) string {
	hdr := reflect.StringHeader{Data: uintptr(unsafe.Pointer(p)), Len: int(n)} // want CGL007 "builds a string header by hand.*unsafe.String\(ptr, len\)"
	return *(*string)(unsafe.Pointer(&hdr))
}

// Positive: the conversion is reported once; its field writes are part of it.
func Wrap(p unsafe.Pointer, n int) []C.int {
	var out []C.int
	h := (*reflect.SliceHeader)(unsafe.Pointer(&out)) // want CGL007 "`out` is viewed as \*reflect.SliceHeader: the type is deprecated"
	h.Data = uintptr(p)
	h.Len = n
	h.Cap = n
	return out
}

// Positive: reading a string's data pointer through a header.
func DataOf(s string) uintptr {
	return (*reflect.StringHeader)(unsafe.Pointer(&s)).Data // want CGL007 "`s` is viewed as \*reflect.StringHeader.*unsafe.StringData\(s\)"
}

// Positive: declaring a header value.
func Declared(p *C.char, n int) []byte {
	var sh reflect.SliceHeader // want CGL007 "`sh` is declared as a reflect.SliceHeader"
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len, sh.Cap = n, n
	return *(*[]byte)(unsafe.Pointer(&sh))
}

// Positive: allocating a header.
func Allocated() *reflect.StringHeader {
	return new(reflect.StringHeader) // want CGL007 "`new\(reflect.StringHeader\)` allocates a reflect.StringHeader"
}

// Positive: forging a slice through a header handed in by the caller.
func Point(h *reflect.SliceHeader, p unsafe.Pointer, n int) {
	h.Data = uintptr(p) // want CGL007 "`h.Data` is written through a reflect.SliceHeader"
	h.Len = n           // want CGL007 "`h.Len` is written"
}

// Negative: reading a header handed in by the caller builds nothing.
func Length(h *reflect.SliceHeader) int {
	return h.Len
}
