package aliases

// #include <stdlib.h>
import "C"

import u "unsafe"

// An `unsafe.Slice` view of C memory holds the same pointer: reading it
// after the memory is freed reads freed memory (FFTW, libheif and
// PortAudio buffers are read this way). Read before the free, or a view of
// other memory, it is fine.

func ViewCopiedAfterFree(n int) []float64 {
	out := C.malloc(C.size_t(8 * n))
	view := u.Slice((*float64)(out), n)
	C.free(out)
	return append([]float64(nil), view...) // want CGL006 "`view` is read after C.free freed `out` at line 16, and both hold the same pointer"
}

func ViewIndexedAfterFree() float64 {
	out := C.malloc(64)
	view := u.Slice((*float64)(out), 8)
	C.free(out)
	return view[3] // want CGL006 "`view` is dereferenced after C.free freed `out` at line 23"
}

func ViewCopiedBeforeFree(n int) []float64 {
	out := C.malloc(C.size_t(8 * n))
	view := u.Slice((*float64)(out), n)
	copied := append([]float64(nil), view...)
	C.free(out)
	return copied
}

func ViewOfOtherMemory(n int) float64 {
	out := C.malloc(C.size_t(8 * n))
	keep := C.malloc(C.size_t(8 * n))
	view := u.Slice((*float64)(keep), n)
	C.free(out)
	first := view[0]
	C.free(keep)
	return first
}

func ViewMeasuredAfterFree(n int) int {
	out := C.malloc(C.size_t(8 * n))
	view := u.Slice((*float64)(out), n)
	C.free(out)
	return len(view) + cap(view) // the slice header only
}
