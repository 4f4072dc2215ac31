package stale

/*
#include <stddef.h>
static long sum(const int *p, size_t n) { long s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
static void fill(int *p, size_t n) { for (size_t i = 0; i < n; i++) p[i] = (int)i; }
*/
import "C"

import "unsafe"

// Positive: the pointer is kept across an append that may move the slice.
func SumAfterAppend(values []C.int, extra C.int) C.long {
	if len(values) == 0 {
		return 0
	}
	p := (*C.int)(unsafe.Pointer(&values[0]))
	values = append(values, extra)
	return C.sum(p, C.size_t(len(values))) // want CGL002 "`p` holds `&values\[0\]` \(line 17\) but values is appended to on line 18"
}

// Positive: an unsafe.Pointer kept across an append, converted later.
func FillAfterAppend(values []C.int) []C.int {
	if len(values) == 0 {
		return nil
	}
	ptr := unsafe.Pointer(&values[0])
	values = append(values, 0, 0)
	C.fill((*C.int)(ptr), C.size_t(len(values))) // want CGL002 "`ptr` holds .* append may move values to a new backing array"
	return values
}

// Positive: the slice variable is given a new slice; the pointer is not.
func SumReplaced(values []C.int) C.long {
	if len(values) == 0 {
		return 0
	}
	p := &values[0]
	values = make([]C.int, 8)
	return C.sum(p, C.size_t(len(values))) // want CGL002 "values is assigned a different slice on line 39"
}

// Positive: unsafe.SliceData taken before an append in a branch.
func SumMaybeGrown(values []C.int, grow bool) C.long {
	p := unsafe.SliceData(values)
	if grow {
		values = append(values, 1)
	}
	return C.sum(p, C.size_t(len(values))) // want CGL002 "`p` holds `unsafe.SliceData\(values\)`"
}
