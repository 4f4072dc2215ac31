// A deferred free plus an explicit one: glibc's allocator notices the
// second free of the same block and aborts the program.
//
// runtime: panic "free\(\): double free detected"
package main

/*
#include <stdio.h>
#include <stdlib.h>
*/
import "C"

import "unsafe"

func greet(name string) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	C.puts(cs)
	C.fflush(C.stdout)
	C.free(unsafe.Pointer(cs)) // want CGL006 "double free"
}

func main() {
	greet("hello")
}
