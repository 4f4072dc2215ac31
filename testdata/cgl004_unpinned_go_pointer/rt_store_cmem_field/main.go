// A Go pointer stored into C memory allocated in another function (a
// constructor): a GOEXPERIMENT=cgocheck2 build is fatal at the store.
//
// runtime: panic "(unpinned )?Go pointer stored into non-Go memory"
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stdlib.h>
typedef struct { unsigned char *next_in; unsigned avail_in; } stream;
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type writer struct{ z *C.stream }

func newWriter() *writer {
	return &writer{z: (*C.stream)(C.calloc(1, C.size_t(unsafe.Sizeof(C.stream{}))))}
}

func (w *writer) setInput(p []byte) {
	if len(p) == 0 {
		return
	}
	w.z.next_in = (*C.uchar)(unsafe.Pointer(&p[0])) // want CGL004 "`w.z.next_in` is C memory, and this stores a Go pointer to the backing array of `p`"
	w.z.avail_in = C.uint(len(p))
}

func main() {
	w := newWriter()
	defer C.free(unsafe.Pointer(w.z))
	w.setInput(make([]byte, 64))
	fmt.Println("not reached")
}
