package empty

// #include "empty.h"
import "C"

import (
	"errors"
	"unsafe"
)

var errShort = errors.New("short")

// Negative: unsafe.SliceData is valid for an empty slice.
func ChecksumSliceData(data []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.SliceData(data)), C.size_t(len(data)))
}

// Negative: an early return with an error.
func Header(data []byte) (C.int, error) {
	if len(data) < 4 {
		return 0, errShort
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), 4), nil
}

// Negative: the length is bound to a local first.
func Counted(data []byte) C.int {
	n := len(data)
	if n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(n))
}

// Negative: an emptiness test that makes the slice non-empty.
func Padded(data []byte) C.int {
	if len(data) == 0 {
		data = append(data, 0)
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data)))
}

// Negative: a composite literal and a constant-size make are never empty.
const frame = 64

func Literal() C.long {
	values := []C.int{1, 2, 3}
	buf := make([]byte, frame)
	C.consume(unsafe.Pointer(&buf[0]), frame)
	return C.sum_ints(&values[0], 3)
}

// Negative: the right side of `len(s) > 0 &&`.
func Guarded(data []byte) bool {
	return len(data) > 0 && C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) != 0
}

// Negative: inside a loop that runs only while the slice holds bytes.
func Drain(data []byte) {
	for len(data) > 0 {
		C.consume(unsafe.Pointer(&data[0]), 1)
		data = data[1:]
	}
}

// Negative: an element read before: an empty slice panics there, not here.
func First(data []byte) C.int {
	kind := data[0]
	_ = kind
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data)))
}

// Negative: &s[0] handed to a Go function, not to C.
func Address(data []byte) uintptr {
	if data == nil {
		return 0
	}
	return uintptr(unsafe.Pointer(&data[0]))
}

// Negative: room for a terminator makes the buffer non-empty.
func Terminated(name string) {
	buf := make([]byte, len(name)+1)
	copy(buf, name)
	C.consume(unsafe.Pointer(&buf[0]), C.size_t(len(buf)))
}

// Negative: an exact length check against a positive size.
func Exact(key []byte) C.int {
	if len(key) != 1+2*size() {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key)))
}

func size() int { return 32 }

// Negative: a switch on the length whose `case 0` returns.
func Switched(data []byte) C.int {
	switch len(data) {
	case 0:
		return 0
	case 1:
		data = append(data, 0)
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data)))
}

// Negative: a tagless switch whose empty case returns.
func SwitchedTagless(data []byte) C.int {
	switch {
	case data == nil, len(data) == 0:
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data)))
}
