package layout

// #include "layout.h"
import "C"

import u "unsafe"

// Positive: unsafe imported under another name.
func Average(values []float64) C.float {
	if len(values) == 0 {
		return 0
	}
	return C.avg((*C.float)(u.Pointer(&values[0])), C.size_t(len(values))) // want CGL002 "\[\]float64 is passed to C.[a-z_]* as \*C.float"
}

// Negative: matching layout through the aliased import.
func Average32(values []float32) C.float {
	if len(values) == 0 {
		return 0
	}
	return C.avg((*C.float)(u.Pointer(&values[0])), C.size_t(len(values)))
}
