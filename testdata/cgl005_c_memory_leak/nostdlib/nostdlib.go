// Package nostdlib leaks, and its preamble lacks <stdlib.h>, which C.free needs.
package nostdlib

// #include <stdio.h>
import "C"

import "unsafe"

var _ unsafe.Pointer

func Print(name string) {
	cs := C.CString(name) // want CGL005 "never freed.*add `#include <stdlib.h>` to the cgo preamble"
	C.puts(cs)
}
