// Storing a Go pointer into C memory: only a GOEXPERIMENT=cgocheck2 build
// catches it, with a fatal error at the store.
//
// runtime: panic "(unpinned )?Go pointer stored into non-Go memory"
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stdlib.h>
struct node { void *value; };
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type counter struct{ hits int }

func main() {
	n := (*C.struct_node)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_node{}))))
	defer C.free(unsafe.Pointer(n))
	c := &counter{hits: 1}
	n.value = unsafe.Pointer(c) // want CGL004 "`n.value` is C memory, and this stores a Go pointer to `c` \(\*counter\)"
	fmt.Println("not reached")
}
