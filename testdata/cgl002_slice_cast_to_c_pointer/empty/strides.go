package empty

/*
#include <stddef.h>

static double strided_sum(int n, const double *x, int incx) {
	double s = 0;
	for (int i = 0; i < n; i++) s += x[(incx > 0 ? i : n - 1 - i) * (incx > 0 ? incx : -incx)];
	return s;
}
*/
import "C"

// BLAS-style strided vectors (gonum, gorgonia/cu): the bound of len(x) is
// checked for each sign of the stride, so x holds at least one element
// once n is not 0.

// Negative: both signs bounded, n == 0 returned first.
func StridedSum(n int, x []float64, incX int) float64 {
	if n < 0 {
		panic("n < 0")
	}
	if incX == 0 {
		panic("zero x index increment")
	}
	if (incX > 0 && (n-1)*incX >= len(x)) || (incX < 0 && (1-n)*incX >= len(x)) {
		panic("x index out of range")
	}
	if n == 0 {
		return 0
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX)))
}

// Negative: the same with 0 on the left of the sign tests.
func StridedSumFlipped(n int, x []float64, incX int) float64 {
	if incX == 0 || n <= 0 {
		return 0
	}
	if (0 < incX && (n-1)*incX >= len(x)) || (0 > incX && (1-n)*incX >= len(x)) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX)))
}

// Positive: only a positive stride is bounded; with a negative one x may
// be empty.
func StridedSumOneSign(n int, x []float64, incX int) float64 {
	if incX > 0 && (n-1)*incX >= len(x) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

// Positive: both disjuncts admit the same sign.
func StridedSumSameSign(n int, x []float64, incX int) float64 {
	if (incX > 0 && (n-1)*incX >= len(x)) || (incX >= 0 && n > len(x)) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

// Positive: the signs are of two different strides.
func StridedSumTwoStrides(n int, x []float64, incX, incY int) float64 {
	if (incX > 0 && (n-1)*incX >= len(x)) || (incY < 0 && (1-n)*incY >= len(x)) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

// Negative: a negative stride has returned before; the bound covers the
// rest (gorgonia/cu's Snrm2).
func StridedNorm(n int, x []float64, incX int) float64 {
	if n < 0 || incX == 0 {
		panic("bad arguments")
	}
	if incX < 0 {
		return 0
	}
	if incX > 0 && (n-1)*incX >= len(x) {
		panic("x index out of range")
	}
	if n == 0 {
		return 0
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX)))
}

// Positive: the negative stride is only noted, not left on.
func StridedNormNoted(n int, x []float64, incX int) float64 {
	negative := false
	if incX < 0 {
		negative = true
	}
	if incX > 0 && (n-1)*incX >= len(x) {
		panic("x index out of range")
	}
	if negative {
		return 0
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

// Positive: a zero stride is never rejected, and neither bound covers it.
func StridedZero(n int, x []float64, incX int) float64 {
	if n <= 0 {
		return 0
	}
	if (incX > 0 && (n-1)*incX >= len(x)) || (incX < 0 && (1-n)*incX >= len(x)) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

var strictBounds = false

// Positive: the bound is checked only when another condition holds.
func StridedSometimes(n int, x []float64, incX int) float64 {
	if n <= 0 || incX == 0 {
		return 0
	}
	if (incX > 0 && strictBounds && (n-1)*incX >= len(x)) || (incX < 0 && strictBounds && (1-n)*incX >= len(x)) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

// Positive: the stride changes sign after the negative one has returned.
func StridedReversed(n int, x []float64, incX int, reverse bool) float64 {
	if n <= 0 || incX <= 0 {
		return 0
	}
	if reverse {
		incX = -incX
	}
	if incX > 0 && (n-1)*incX >= len(x) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

// Negative: every check in one condition.
func StridedOneCondition(n int, x []float64, incX int) float64 {
	if n <= 0 || incX == 0 || (incX > 0 && (n-1)*incX >= len(x)) || (incX < 0 && (1-n)*incX >= len(x)) {
		panic("bad arguments")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX)))
}

// Positive: `!=` admits both signs, and `(n-1)*incX` bounds nothing for a
// negative stride.
func StridedNonZero(n int, x []float64, incX int) float64 {
	if n <= 0 || incX == 0 {
		return 0
	}
	if incX != 0 && (n-1)*incX >= len(x) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}

// Positive: the bounds are swapped: neither is ever true.
func StridedSwapped(n int, x []float64, incX int) float64 {
	if n <= 0 || incX == 0 {
		return 0
	}
	if (incX > 0 && (1-n)*incX >= len(x)) || (incX < 0 && (n-1)*incX >= len(x)) {
		panic("x index out of range")
	}
	return float64(C.strided_sum(C.int(n), (*C.double)(&x[0]), C.int(incX))) // want CGL002 "when x is empty"
}
