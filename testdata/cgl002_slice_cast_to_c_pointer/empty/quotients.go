package empty

// #include "empty.h"
import "C"

import (
	"errors"
	"unsafe"
)

// `n := len(x) / d` after checks that x is not empty and that d divides
// len(x) is at least 1, so `len(ids) != n` rules out an empty ids (FAISS's
// n vectors of d floats with n ids). Either check alone leaves n == 0
// possible (len(x) == 1 with d == 2; an empty x).

const dim = 2

type index struct{ d int }

var errShape = errors.New("bad shape")

func AddWithIDs(x []float32, ids []int64) error {
	if len(x) == 0 || len(x)%dim != 0 {
		return errShape
	}
	n := len(x) / dim
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8))
	return nil
}

func (ix *index) AddWithIDs(x []float32, ids []int64) error {
	d := ix.d
	if len(x) > 0 && len(x)%d == 0 {
		n := len(x) / d
		if len(ids) == n {
			C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8))
			return nil
		}
	}
	return errShape
}

func AddWithIDsBy(x []float32, ids []int64, d int) error {
	if len(x) == 0 {
		return errShape
	}
	if len(x)%d != 0 {
		return errShape
	}
	n := len(x) / d
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8))
	return nil
}

func NotDivisible(x []float32, ids []int64) error {
	if len(x) == 0 {
		return errShape
	}
	n := len(x) / dim // 0 when len(x) == 1
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8)) // want CGL002 "when ids is empty"
	return nil
}

func MaybeEmpty(x []float32, ids []int64) error {
	if len(x)%dim != 0 {
		return errShape
	}
	n := len(x) / dim // 0 when x is empty
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8)) // want CGL002 "when ids is empty"
	return nil
}

func OtherDivisor(x []float32, ids []int64, d, e int) error {
	if len(x) == 0 || len(x)%d != 0 {
		return errShape
	}
	n := len(x) / e
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8)) // want CGL002 "when ids is empty"
	return nil
}

func DivisorChanged(x []float32, ids []int64, d int) error {
	if len(x) == 0 || len(x)%d != 0 {
		return errShape
	}
	d *= 2
	n := len(x) / d
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8)) // want CGL002 "when ids is empty"
	return nil
}

func CheckedAfter(x []float32, ids []int64) error {
	n := len(x) / dim
	if len(x) == 0 || len(x)%dim != 0 {
		return errShape
	}
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8))
	return nil
}

// Inside `if len(a) == len(b) {`, a is as long as b: not empty where b
// is known not to be.

func SameLength(a, b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if len(a) == len(b) {
		return int(C.checksum((*C.uchar)(&a[0]), C.size_t(len(a))))
	}
	return 0
}

func SameLengthUnchecked(a, b []byte) int {
	if len(a) == len(b) {
		return int(C.checksum((*C.uchar)(&a[0]), C.size_t(len(a)))) // want CGL002 "when a is empty"
	}
	return 0
}

func DivisorShadowed(x []float32, ids []int64, d int) error {
	if d := 1; len(x) == 0 || len(x)%d != 0 {
		return errShape
	}
	n := len(x) / d // d is the parameter here, which may not divide len(x)
	if len(ids) != n {
		return errShape
	}
	C.consume(unsafe.Pointer(&ids[0]), C.size_t(n*8)) // want CGL002 "when ids is empty"
	return nil
}

func nextBytes() []byte { return []byte("x") }

func SameLengthShadowed(a, b []byte) int {
	if len(a) == len(b) {
		b := nextBytes()
		if len(b) == 0 {
			return 0
		}
		return int(C.checksum((*C.uchar)(&a[0]), C.size_t(len(a)))) // want CGL002 "when a is empty"
	}
	return 0
}
