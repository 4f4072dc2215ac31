// Confirms with the Go runtime that &s[0] of an empty slice panics before C is called.
//
// runtime: panic "index out of range \[0\] with length 0"
package main

/*
static int first(const int *p, int n) { return n > 0 ? p[0] : -1; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func first(values []C.int) C.int {
	return C.first((*C.int)(unsafe.Pointer(&values[0])), C.int(len(values))) // want CGL002 "when values is empty"
}

func main() {
	fmt.Println(first([]C.int{7}))
	fmt.Println(first(nil))
}
