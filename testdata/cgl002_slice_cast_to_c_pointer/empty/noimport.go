package empty

// #include "empty.h"
import "C"

// Positive without a fix: this file does not import unsafe, so no
// rewrite to unsafe.SliceData is offered.
func SumAll(values []C.int) C.long {
	return C.sum_ints(&values[0], C.size_t(len(values))) // want CGL002 "when values is empty"
}

// Negative: checked first.
func SumChecked(values []C.int) C.long {
	if len(values) == 0 {
		return 0
	}
	return C.sum_ints(&values[0], C.size_t(len(values)))
}
