package layout

// #include "layout.h"
import "C"

import "unsafe"

// Negative: []byte as *C.uchar, checked.
func Fill(b []byte) {
	if len(b) > 0 {
		C.fill((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
	}
}

// Negative: []C.int as *C.int after an early return.
func SumCInts(values []C.int) C.long {
	if len(values) == 0 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
}

// Negative: []int32 as *C.int inside a range over the slice.
func SumInt32(values []int32) C.long {
	var total C.long
	for i := range values {
		total += C.sum_ints((*C.int)(unsafe.Pointer(&values[i])), 1)
	}
	return total
}

// Negative: []float64 as *C.double, with the check in the condition.
func SumDoubles(values []float64) C.double {
	if len(values) > 0 && values[0] >= 0 {
		return C.sum_doubles((*C.double)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
	}
	return 0
}

// Negative: Go int and C long are both 8 bytes (LP64); the slice is never empty.
func SumAsLongs() C.long {
	values := make([]int, 16)
	return C.sum_longs((*C.long)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
}

// Negative: a Go struct with the C struct's layout.
func CountPoints32(points []Point32) C.int {
	if len(points) < 1 {
		return 0
	}
	return C.count_points((*C.struct_point)(unsafe.Pointer(&points[0])), C.size_t(len(points)))
}

// Negative: a float slice viewed as records of three floats.
func CountVecs(coords []float32) C.int {
	if len(coords) < 3 {
		return 0
	}
	return C.count_vecs((*C.struct_vec3)(unsafe.Pointer(&coords[0])), C.size_t(len(coords)/3))
}

// Negative: a typedef of double read from []float64.
func SumReals(values []float64) C.double {
	n := len(values)
	if n == 0 {
		return 0
	}
	return C.sum_doubles((*C.real_t)(unsafe.Pointer(&values[0])), C.size_t(n))
}

// Negative: a byte buffer viewed as ints is a deliberate byte view.
func SumRaw(raw []byte) C.long {
	if len(raw) < 4 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&raw[0])), C.size_t(len(raw)/4))
}

// Negative: the else branch of an emptiness test.
func SumElse(values []C.long) C.long {
	if len(values) == 0 {
		return 0
	} else {
		return C.sum_longs(&values[0], C.size_t(len(values)))
	}
}

var cIntSize = int(C.sizeof_int)
var goIntSize = int(unsafe.Sizeof(int(0)))

// Negative: the view is taken only where the sizes agree (gorgonia/cu's
// ints2CIntPtr); elsewhere the values are copied.
func SumIntsSized(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	if cIntSize == goIntSize {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
	}
	copied := make([]C.int, len(values))
	for i, v := range values {
		copied[i] = C.int(v)
	}
	return C.sum_ints(&copied[0], C.size_t(len(copied)))
}

var cSize, goSize int

func init() {
	cSize = int(C.sizeof_int)
	goSize = int(unsafe.Sizeof(int(0)))
}

// Negative: the sizes are set once, in init (as gorgonia/cu does).
func SumIntsSizedAtInit(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	if cSize == goSize {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values)))
	}
	return 0
}
