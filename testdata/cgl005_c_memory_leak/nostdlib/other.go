package nostdlib

// #include <malloc.h>
import "C"

import "unsafe"

// This file's preamble declares free, and it calls C.free: cgo reads each
// file with its own preamble, so nostdlib.go still lacks it (C.free in a
// comment there does not count either).
func Release(p *C.char) {
	C.free(unsafe.Pointer(p))
}
