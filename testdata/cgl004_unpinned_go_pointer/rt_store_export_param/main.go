// An //export function that only C calls gets its `*C.T` parameters from
// C: storing a Go pointer into what they point to stores it into C memory,
// and a GOEXPERIMENT=cgocheck2 build stops at the store.
//
// runtime: panic "(unpinned )?Go pointer stored into non-Go memory"
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stdlib.h>
struct result { char *data; int len; };
extern void produce(struct result *out);
static char first(void) {
	struct result *r = calloc(1, sizeof *r);
	produce(r);
	char c = r->data ? r->data[0] : 0;
	free(r);
	return c;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

var payload = []byte("hello")

//export produce
func produce(out *C.struct_result) {
	buf := make([]byte, 8)
	copy(buf, payload)
	out.data = (*C.char)(unsafe.Pointer(&buf[0])) // want CGL004 "`out.data` is C memory, and this stores a Go pointer to the backing array of `buf`"
	out.len = C.int(len(buf))
}

func main() {
	fmt.Println(C.first())
}
