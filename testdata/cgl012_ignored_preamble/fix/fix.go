package fix

// #cgo CFLAGS: -DTWO=2 // want CGL012
// static int two(void) { return TWO; }

import "C"

func Loaded() bool { return true }
