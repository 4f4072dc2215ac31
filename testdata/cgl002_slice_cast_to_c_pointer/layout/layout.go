package layout

// #include "layout.h"
import "C"

import "unsafe"

// Positive: []int has 8-byte elements, C int is 4.
func SumInts(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "of \[\]int is passed to C.[a-z_]* as \*C.int: int elements are 8 bytes and C.int is 4"
}

// Positive: []uint through an intermediate unsafe.Pointer variable.
func SumUints(values []uint) C.uint {
	if len(values) == 0 {
		return 0
	}
	p := unsafe.Pointer(&values[0])
	return C.sum_uints((*C.uint)(p), C.size_t(len(values))) // want CGL002 "\[\]uint is passed to C.[a-z_]* as \*C.uint"
}

// Positive: same size, different kind: float bits read as integers.
func SumFloatBits(values []float32) C.long {
	for range values {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "both are 4 bytes, but C reads floating-point bit patterns as integer"
	}
	return 0
}

// Positive: a named slice type declared in another file of the package.
func SumSamples(s Samples) C.float {
	if len(s) > 0 {
		return C.sum_floats((*C.float)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "float64 elements are 8 bytes and C.float is 4"
	}
	return 0
}

// Positive: a typedef of the preamble resolved to its 4-byte base.
func SumSamplesTypedef(s []int64) C.long {
	if len(s) != 0 {
		return C.sum_samples((*C.sample_t)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "\*C.sample_t: int64 elements are 8 bytes and C.sample_t is 4"
	}
	return 0
}

// Positive: a Go struct twice the size of the C struct it is read as.
func CountPoints(points []Point) C.int {
	if len(points) == 0 {
		return 0
	}
	return C.count_points((*C.struct_point)(unsafe.Pointer(&points[0])), C.size_t(len(points))) // want CGL002 "Point is 16 bytes and C.struct_point is 8"
}

// Positive: unsafe.SliceData is fine for emptiness, not for layout.
func SumSliceData(values []int) C.long {
	return C.sum_ints((*C.int)(unsafe.Pointer(unsafe.SliceData(values))), C.size_t(len(values))) // want CGL002 "unsafe.SliceData\(values\)` of \[\]int is passed to C.[a-z_]* as \*C.int"
}

// Positive: an element other than the first, of a 2-byte type.
func SumTail(values []uint16, i int) C.long {
	return C.sum_ints((*C.int)(unsafe.Pointer(&values[i])), C.size_t(len(values)-i)) // want CGL002 "uint16 elements are 2 bytes and C.int is 4"
}

// Positive: C-typed elements of another size.
func SumLongsAsInts(values []C.long) C.long {
	if len(values) > 0 {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "C.long elements are 8 bytes and C.int is 4"
	}
	return 0
}

// Positive: the conversion assigned to a declared variable first.
func SumDeclared(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	var p *C.int
	p = (*C.int)(unsafe.Pointer(&values[0])) // want CGL002 "\[\]int is passed to C.sum_ints as \*C.int"
	return C.sum_ints(p, C.size_t(len(values)))
}

// Positive: a size guard that is not the equality of the Go and C sizes.
func SumIntsUnequal(values []int) C.long {
	if len(values) > 0 && unsafe.Sizeof(values[0]) != unsafe.Sizeof(C.int(0)) {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "int elements are 8 bytes and C.int is 4"
	}
	return 0
}

func SumIntsOtherGuard(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	if unsafe.Sizeof(float64(0)) == unsafe.Sizeof(C.double(0)) {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "int elements are 8 bytes and C.int is 4"
	}
	return 0
}

var cWidth, goWidth int

func init() {
	cWidth = int(C.sizeof_int)
	goWidth = int(unsafe.Sizeof(int(0)))
}

// SetWidth lets a caller claim any width: the guard no longer compares sizes.
func SetWidth(w int) { goWidth = w }

// Positive: goWidth is not only the size of int.
func SumIntsWidth(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	if cWidth == goWidth {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "int elements are 8 bytes"
	}
	return 0
}

// Positive: the guard compares C's size with another type's, not int's:
// it always holds, and []int is still read as *C.int.
func SumIntsWrongGuard(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	if unsafe.Sizeof(int32(0)) == C.sizeof_int {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "int elements are 8 bytes"
	}
	return 0
}

var cSizeCopy, goSizeCopy int

func init() {
	cSizeCopy = int(C.sizeof_int)
	goSizeCopy = int(C.sizeof_int)
}

// Positive: both sizes are C's.
func SumIntsSameSizes(values []int) C.long {
	if len(values) == 0 {
		return 0
	}
	if cSizeCopy == goSizeCopy {
		return C.sum_ints((*C.int)(unsafe.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "int elements are 8 bytes"
	}
	return 0
}
