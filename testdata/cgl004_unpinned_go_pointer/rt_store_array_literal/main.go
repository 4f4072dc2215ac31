// An array literal holding a Go pointer, stored into a struct in C memory
// (cmd/cgo's ptr_test "barrierstruct"): a GOEXPERIMENT=cgocheck2 build
// stops at the store.
//
// runtime: panic "(unpinned )?Go pointer stored into non-Go memory"
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stdlib.h>
struct names { char *a[4]; };
static struct names *new_names(void) { return calloc(1, sizeof(struct names)); }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	p := C.new_names()
	defer C.free(unsafe.Pointer(p))
	p.a = [4]*C.char{new(C.char)} // want CGL004 "`p.a` is C memory, and this stores a Go pointer to `new\(C.char\)`"
	fmt.Println("not reached")
}
