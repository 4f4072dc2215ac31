// Go memory of C struct type whose elements are given Go pointers, in each
// way a binding fills an iovec array; and the same arrays filled with C
// memory, or with Go memory pinned for the call.
package iovecs

/*
#include <sys/uio.h>
#include <stddef.h>
#include <stdlib.h>
static size_t total(const struct iovec *iov, int n) {
	size_t t = 0;
	for (int i = 0; i < n; i++) t += iov[i].iov_len;
	return t;
}
*/
import "C"

import (
	"runtime"
	"unsafe"
)

func FieldByField(bufs [][]byte) C.size_t {
	if len(bufs) == 0 {
		return 0
	}
	iov := make([]C.struct_iovec, len(bufs))
	for i, b := range bufs {
		iov[i].iov_base = unsafe.Pointer(unsafe.SliceData(b))
		iov[i].iov_len = C.size_t(len(b))
	}
	return C.total(&iov[0], C.int(len(iov))) // want CGL004 "whose `iov\[i\].iov_base` was set to the Go pointer"
}

func ArrayLiteral(x, y []byte) C.size_t {
	iov := [2]C.struct_iovec{
		{iov_base: unsafe.Pointer(unsafe.SliceData(x)), iov_len: C.size_t(len(x))},
		{iov_base: unsafe.Pointer(unsafe.SliceData(y)), iov_len: C.size_t(len(y))},
	}
	return C.total(&iov[0], 2) // want CGL004 "array `iov`"
}

func Appended(bufs [][]byte) C.size_t {
	var iov []C.struct_iovec
	for _, b := range bufs {
		iov = append(iov, C.struct_iovec{iov_base: unsafe.Pointer(unsafe.SliceData(b)), iov_len: C.size_t(len(b))})
	}
	return C.total(unsafe.SliceData(iov), C.int(len(iov))) // want CGL004 "backing array of `iov`"
}

func Copied(bufs [][]byte) C.size_t {
	iov := make([]C.struct_iovec, len(bufs))
	for i, b := range bufs {
		p := C.CBytes(b)
		defer C.free(p)
		iov[i] = C.struct_iovec{iov_base: p, iov_len: C.size_t(len(b))}
	}
	return C.total(unsafe.SliceData(iov), C.int(len(iov)))
}

func CopiedArray(x, y []byte) C.size_t {
	px, py := C.CBytes(x), C.CBytes(y)
	defer C.free(px)
	defer C.free(py)
	iov := [2]C.struct_iovec{{iov_base: px, iov_len: C.size_t(len(x))}, {iov_base: py, iov_len: C.size_t(len(y))}}
	return C.total(&iov[0], 2)
}

func Pinned(bufs [][]byte) C.size_t {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	iov := make([]C.struct_iovec, len(bufs))
	for i, b := range bufs {
		if len(b) > 0 {
			pinner.Pin(&b[0])
		}
		iov[i].iov_base = unsafe.Pointer(unsafe.SliceData(b))
		iov[i].iov_len = C.size_t(len(b))
	}
	return C.total(unsafe.SliceData(iov), C.int(len(iov)))
}

func LengthsOnly(bufs [][]byte) C.size_t {
	iov := make([]C.struct_iovec, len(bufs))
	for i, b := range bufs {
		iov[i].iov_len = C.size_t(len(b))
	}
	return C.total(unsafe.SliceData(iov), C.int(len(iov)))
}

// Go pointers kept in a field beside the iovec array are not in the memory passed.
type batch struct {
	iov  [4]C.struct_iovec
	keep [4]unsafe.Pointer
}

func Beside(bufs [4][]byte) C.size_t {
	var b batch
	for i, buf := range bufs {
		b.keep[i] = unsafe.Pointer(unsafe.SliceData(buf))
		b.iov[i].iov_len = C.size_t(len(buf))
	}
	return C.total(&b.iov[0], 4)
}

// The linker allocates a package-level array: it never moves, and the
// runtime counts it as pinned.
var header [16]byte

func WithHeader(body []byte) C.size_t {
	iov := []C.struct_iovec{
		{iov_base: unsafe.Pointer(&header[0]), iov_len: C.size_t(len(header))},
	}
	return C.total(&iov[0], 1)
}

// A Go pointer replaced by C memory before the call is not passed.
func Replaced(b []byte) C.size_t {
	iov := make([]C.struct_iovec, 1)
	iov[0].iov_base = unsafe.Pointer(unsafe.SliceData(b))
	iov[0].iov_len = C.size_t(len(b))
	p := C.CBytes(b)
	defer C.free(p)
	iov[0].iov_base = p
	return C.total(&iov[0], 1)
}

// A package-level slice's backing array is on the heap.
var spare = make([]byte, 16)

func WithSpare() C.size_t {
	iov := []C.struct_iovec{{iov_base: unsafe.Pointer(&spare[0]), iov_len: C.size_t(len(spare))}}
	return C.total(&iov[0], 1) // want CGL004 "whose `iov_base` was set to the Go pointer"
}
