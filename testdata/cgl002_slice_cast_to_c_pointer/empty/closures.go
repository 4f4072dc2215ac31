package empty

// #include "empty.h"
import "C"

import "unsafe"

// Negative: the check comes before the closure, and data is never assigned.
func InClosure(data []byte) C.int {
	if len(data) == 0 {
		return 0
	}
	sum := func() C.int {
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data)))
	}
	return sum()
}

// Negative: a goroutine started after the check.
func InGoroutine(data []byte, done chan<- C.int) {
	if len(data) == 0 {
		done <- 0
		return
	}
	go func() { done <- C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) }()
}

// Positive: data is assigned after the check, before the closure runs.
func Reassigned(data []byte) C.int {
	if len(data) == 0 {
		return 0
	}
	sum := func() C.int {
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "when data is empty"
	}
	data = data[:0]
	return sum()
}

// Negative: a length derived by division is 0 exactly when the slice is
// shorter than the divisor.
func Frames(stereo []int16) C.int {
	frames := len(stereo) / 2
	if frames == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&stereo[0])), C.size_t(frames*4))
}

// Positive: a length minus one is 0 for a one-element slice, and negative
// (not 0) for an empty one.
func MinusOne(data []byte) C.int {
	rest := len(data) - 1
	if rest == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(rest)) // want CGL002 "when data is empty"
}

type chunk []byte

func (c *chunk) reset() { *c = (*c)[:0] }

// Positive: a method with a pointer receiver may empty data before the closure runs.
func MethodEmpties(data chunk) C.int {
	if len(data) == 0 {
		return 0
	}
	sum := func() C.int {
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "when data is empty"
	}
	data.reset()
	return sum()
}

// Positive: n may be read again (through &n) before the closure runs.
func CountReread(n int, read func(*int)) C.int {
	if n <= 0 {
		return 0
	}
	work := func() C.int {
		b := make([]byte, n)
		return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "when b is empty"
	}
	read(&n)
	return work()
}
