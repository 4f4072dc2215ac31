package main

import "C"

import "unsafe"

// A file may import "C" more than once: cgo joins the comment above each
// into the preamble (confluent-kafka-go's mockcluster.go).

/*
#include <stdlib.h>
static int twice_of(int n) { return 2 * n; }
*/
import "C"

func twice() int {
	p := C.malloc(8)
	defer C.free(unsafe.Pointer(p))
	return int(C.twice_of(21))
}
