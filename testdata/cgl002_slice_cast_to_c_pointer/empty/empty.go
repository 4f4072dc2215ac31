package empty

// #include "empty.h"
import "C"

import "unsafe"

type writer struct {
	buf []byte
}

// Positive: a parameter slice, never checked.
func Checksum(data []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "`&data\[0\]` passed to C.checksum panics \(index out of range\) when data is empty"
}

// Positive: unsafe.Pointer(&b[0]) handed to a void * parameter.
func Consume(b []byte) {
	C.consume(unsafe.Pointer(&b[0]), C.size_t(len(b))) // want CGL002 "unsafe.SliceData\(b\)"
}

// Negative: a slice field's length is set where the struct is built.
func (w *writer) Flush() {
	C.consume(unsafe.Pointer(&w.buf[0]), C.size_t(len(w.buf)))
}

// Positive: a copy as long as a parameter slice that may be empty.
func Copied(name []byte) {
	buf := make([]byte, len(name))
	copy(buf, name)
	C.consume(unsafe.Pointer(&buf[0]), C.size_t(len(buf))) // want CGL002 "when buf is empty"
}

// Positive: the check comes after the conversion.
func CheckLate(data []byte) C.int {
	p := (*C.uchar)(unsafe.Pointer(&data[0])) // want CGL002 "passed to C.checksum panics"
	if len(data) == 0 {
		return 0
	}
	return C.checksum(p, C.size_t(len(data)))
}

// Positive: a length check on another slice does not cover this one.
func CheckOther(data, other []byte) C.int {
	if len(other) > 0 {
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "when data is empty"
	}
	return 0
}

// Positive: a nil check is not a length check: a non-nil slice can be empty.
func CheckNil(data []byte) C.int {
	if data == nil {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "when data is empty"
}

// Positive: make with a length that may be zero.
func Scratch(n int) {
	buf := make([]byte, n)
	C.consume(unsafe.Pointer(&buf[0]), C.size_t(n)) // want CGL002 "when buf is empty"
}

// Positive: a []C.int slice passed without conversion.
func SumCInts(values []C.int) C.long {
	return C.sum_ints(&values[0], C.size_t(len(values))) // want CGL002 "`&values\[0\]` passed to C.sum_ints panics"
}

// Positive: the destination is never checked, only the source.
func CopyName(dst []C.char, name []byte) {
	if len(name) == 0 {
		return
	}
	C.copy_name(&dst[0], (*C.char)(unsafe.Pointer(&name[0])), C.size_t(len(name))) // want CGL002 "when dst is empty"
}

// Positive: the switch's empty case does not leave the function.
func SwitchedOn(data []byte) C.int {
	switch len(data) {
	case 0:
		println("empty")
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "when data is empty"
}
