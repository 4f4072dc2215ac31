package main

// #include <stdint.h>
import "C"

import (
	"runtime"
	"unsafe"
)

// A buffer C fills through goBuffer: pinned for as long as C may use it,
// so returning a pointer into it is legal.
var (
	pool    []byte
	poolPin runtime.Pinner
)

func openPool(n int) {
	pool = make([]byte, n)
	poolPin.Pin(unsafe.SliceData(pool))
}

func closePool() { poolPin.Unpin() }

//export goBuffer
func goBuffer(length C.int) *C.uchar {
	if int(length) > len(pool) {
		return nil
	}
	return (*C.uchar)(unsafe.SliceData(pool))
}

// Every value of the cache is a C.CString: C memory, whatever the map is.
var names = map[string]*C.char{}

//export goName
func goName() *C.char {
	if p, ok := names["k"]; ok {
		return p
	}
	p := C.CString("value")
	names["k"] = p
	return p
}

// Pinned in the function itself before it returns (and unpinned by the
// caller of release once C is done).
var cell runtime.Pinner

//export goCell
func goCell() *C.int {
	v := new(C.int)
	*v = 7
	cell.Pin(v)
	return v
}
