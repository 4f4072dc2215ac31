package shapes

// #cgo LDFLAGS: -lm // want CGL012 "#cgo"

/*
#include <math.h>
*/
import "C"

func Root(x float64) float64 { return float64(C.sqrt(C.double(x))) }
