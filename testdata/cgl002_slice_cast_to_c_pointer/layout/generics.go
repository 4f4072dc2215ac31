package layout

// #include "layout.h"
import "C"

import "unsafe"

// A slice of a type parameter read as a C type is misread when some type
// of the parameter's set does not fit: a union in the constraint, a
// constraint interface of the package, a method's through its receiver.
// A set that fits throughout, or one source cannot tell (`any`), is not
// reported.

type wideInts interface{ ~int64 | ~uint64 }

type fitting interface{ ~int32 | ~uint32 }

func SumMixed[T ~int32 | ~int64](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "of \[\]T is passed to C.sum_ints as \*C.int, and T may be int64: int64 elements are 8 bytes"
}

func SumWide[T wideInts](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "and T may be int64"
}

type vector[E ~int64] struct{ data []E }

func (v *vector[E]) Sum() C.long {
	if len(v.data) == 0 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&v.data[0])), C.size_t(len(v.data))) // want CGL002 "of \[\]E is passed to C.sum_ints as \*C.int, and E may be int64"
}

func SumFitting[T fitting](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
}

func SumAny[T any](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
}

// A type switch on a value of T says which type T is in each case: a
// kernel per element type is fine; the wrong kernel for a case is not.
func SumDispatch[T ~int32 | ~int64](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	p := unsafe.Pointer(&values[0])
	var zero T
	switch any(zero).(type) {
	case int32:
		return C.sum_ints((*C.int)(p), C.size_t(len(values)))
	case int64:
		return C.sum_longs((*C.long)(p), C.size_t(len(values)))
	}
	return 0
}

func SumMisdispatched[T ~int32 | ~int64](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	p := unsafe.Pointer(&values[0])
	var zero T
	switch any(zero).(type) {
	case int64:
		return C.sum_ints((*C.int)(p), C.size_t(len(values))) // want CGL002 "and T may be int64"
	}
	return 0
}

func SumBySize[T ~int32 | ~int64](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	p := unsafe.Pointer(&values[0])
	if unsafe.Sizeof(values[0]) == 4 {
		return C.sum_ints((*C.int)(p), C.size_t(len(values)))
	}
	return C.sum_longs((*C.long)(p), C.size_t(len(values)))
}

// A tag or a helper chooses the C function for T at run time: the data
// is read as more than one C type, so which T reaches which is not known.
func sizeOf[T any]() uintptr {
	var zero T
	return unsafe.Sizeof(zero)
}

func SumByHelper[T ~int32 | ~int64](values []T) C.long {
	if len(values) == 0 {
		return 0
	}
	if sizeOf[T]() == 4 {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
	}
	return C.sum_longs((*C.long)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
}

// The branch that took the pointer and the one that converts it are
// chosen by the same test: the int64 elements never reach *C.int.
func SumEither(isLong bool, longs []int64, ints []C.int) C.long {
	if len(longs) == 0 || len(ints) == 0 {
		return 0
	}
	var p unsafe.Pointer
	if isLong {
		p = unsafe.Pointer(&longs[0])
	} else {
		p = unsafe.Pointer(&ints[0])
	}
	if !isLong {
		return C.sum_ints((*C.int)(p), C.size_t(len(ints)))
	}
	return C.sum_longs((*C.long)(unsafe.Pointer(&longs[0])), C.size_t(len(longs)))
}
