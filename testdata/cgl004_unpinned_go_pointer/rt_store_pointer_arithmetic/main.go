// A slot of a C.malloc block reached by pointer arithmetic is C memory
// (go-ceph's omap and xattr writers): storing a Go pointer there stops a
// GOEXPERIMENT=cgocheck2 build.
//
// runtime: panic "(unpinned )?Go pointer stored into non-Go memory"
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stdlib.h>
static int first_len(char **vals) { return vals[0] ? 1 : 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	values := [][]byte{[]byte("abc")}
	ptrSize := unsafe.Sizeof(uintptr(0))
	cValues := C.malloc(C.size_t(len(values)) * C.size_t(ptrSize))
	defer C.free(cValues)
	for i, value := range values {
		slot := (**C.char)(unsafe.Pointer(uintptr(cValues) + uintptr(i)*ptrSize))
		*slot = (*C.char)(unsafe.Pointer(unsafe.SliceData(value))) // want CGL004 "`\*slot` is C memory, and this stores a Go pointer to the backing array of `value`"
	}
	fmt.Println(C.first_len((**C.char)(cValues)))
}
