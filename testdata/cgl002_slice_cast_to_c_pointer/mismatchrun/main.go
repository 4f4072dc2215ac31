// Confirms with the Go runtime that a []int read as *C.int is misread: C's
// p[1] is the upper half of Go's element 0, not element 1.
//
// runtime: panic "C read 0 as element 1, Go holds 2"
package main

/*
static int second(const int *p) { return p[1]; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	values := []int{1, 2, 3}
	got := C.second((*C.int)(unsafe.Pointer(&values[0]))) // want CGL002 "int elements are 8 bytes and C.int is 4"
	if int(got) != values[1] {
		panic(fmt.Sprintf("C read %d as element 1, Go holds %d", got, values[1]))
	}
}
