package empty

// #include "empty.h"
import "C"

import (
	"errors"
	"unsafe"
)

// Negative: a closure held in a variable that is only ever called, and
// every call gives it slices known not to be empty there: src is checked
// first, dst is made non-empty when it is empty (DataDog/zstd's
// ctx.Decompress).
func DecompressWithClosure(dst, src []byte) (C.int, error) {
	if len(src) == 0 {
		return 0, errors.New("empty input")
	}
	decompress := func(dst, src []byte) C.int {
		C.consume(unsafe.Pointer(&dst[0]), C.size_t(len(dst)))
		return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src)))
	}
	if len(dst) == 0 {
		dst = make([]byte, 3*len(src))
	}
	return decompress(dst, src), nil
}

// Positive: one call of the closure gives it an unchecked slice.
func DecompressEither(src, other []byte) C.int {
	sum := func(src []byte) C.int {
		return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src))) // want CGL002 "`&src\[0\]` passed to C.checksum panics"
	}
	if len(src) == 0 {
		return 0
	}
	return sum(src) + sum(other)
}

// Positive: the closure is handed on as a value; who calls it is not known.
func DecompressLater(src []byte, run func(func([]byte) C.int) C.int) C.int {
	sum := func(src []byte) C.int {
		return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src))) // want CGL002 "`&src\[0\]` passed to C.checksum panics"
	}
	if len(src) == 0 {
		return 0
	}
	return sum(src) + run(sum)
}

// Positive: the variable is given another function before it is called.
func DecompressSwapped(src []byte, other func([]byte) C.int) C.int {
	sum := func(src []byte) C.int {
		return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src))) // want CGL002 "`&src\[0\]` passed to C.checksum panics"
	}
	if len(src) == 0 {
		return 0
	}
	r := sum(src)
	sum = other
	return r + sum(src)
}

// Positive: the argument is resliced to nothing after its check.
func DecompressEmptied(src []byte) C.int {
	sum := func(src []byte) C.int {
		return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src))) // want CGL002 "`&src\[0\]` passed to C.checksum panics"
	}
	if len(src) == 0 {
		return 0
	}
	src = src[:0]
	return sum(src)
}

// Negative: an unexported function's caller fills an empty slice before the call.
func fillHint(dst []byte) {
	C.consume(unsafe.Pointer(&dst[0]), C.size_t(len(dst)))
}

func FillThenHint(dst []byte) {
	if len(dst) == 0 {
		dst = make([]byte, 16)
	}
	fillHint(dst)
}

// Positive: the caller's fill is of another slice.
func fillOther(dst []byte) {
	C.consume(unsafe.Pointer(&dst[0]), C.size_t(len(dst))) // want CGL002 "`&dst\[0\]` passed to C.consume panics"
}

func FillOtherThenHint(dst, other []byte) {
	if len(dst) == 0 {
		other = make([]byte, 16)
	}
	fillOther(dst)
	fillOther(other)
}

// Positive: the argument is set again where the walk to the call does not
// look: round the back of the loop, or in a closure called before.
func SumEachNext(dst []byte, next [][]byte) C.int {
	var total C.int
	if len(dst) == 0 {
		return 0
	}
	for _, n := range next {
		total += sumOnce(dst)
		dst = n
	}
	return total
}

func sumOnce(b []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

func SumAfterClosureReset(dst []byte) C.int {
	reset := func() { dst = nil }
	if len(dst) == 0 {
		return 0
	}
	reset()
	return sumAgain(dst)
}

func sumAgain(b []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}
