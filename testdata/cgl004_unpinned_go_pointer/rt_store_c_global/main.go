// A Go pointer stored in a C global variable is stored into C memory: a
// GOEXPERIMENT=cgocheck2 build stops at the store.
//
// runtime: panic "(unpinned )?Go pointer stored into non-Go memory"
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
char *kept;
static int kept_first(void) { return kept ? kept[0] : -1; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	buf := make([]byte, 16)
	C.kept = (*C.char)(unsafe.Pointer(unsafe.SliceData(buf))) // want CGL004 "`C.kept` is C memory, and this stores a Go pointer to the backing array of `buf`"
	fmt.Println(C.kept_first())
}
