// A struct built by a literal that sets only its C pointer: its Go pointer
// fields are nil when it is passed, so the runtime's check finds no Go
// pointer in it (spacemonkeygo/openssl's newCtx). Setting a Go pointer
// field first makes the same call panic (see rt_struct_arg).
//
// runtime: ok
package main

/*
#include <stdlib.h>
typedef struct handle { int x; } handle;
static handle *new_handle(void) { return calloc(1, sizeof(handle)); }
static int peek(void *p) { return p != 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type item struct{ n int }

type ctx struct {
	h     *C.handle
	name  string
	chain []*item
}

func main() {
	c := &ctx{h: C.new_handle(), chain: nil}
	fmt.Println(C.peek(unsafe.Pointer(c)))
	c.chain = append(c.chain, &item{1})
	C.free(unsafe.Pointer(c.h))
}
