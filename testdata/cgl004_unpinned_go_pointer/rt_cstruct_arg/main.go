// A C struct allocated by Go is Go memory: once a field holds a Go pointer,
// passing the struct to C panics under the default cgocheck=1.
//
// runtime: panic "(argument of cgo function|cgo argument) has Go pointer to unpinned Go pointer"
package main

/*
#include <stddef.h>
struct buffer { char *data; size_t len; };
static size_t length(struct buffer *b) { return b->len; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	data := []byte("hello, world")
	var b C.struct_buffer
	b.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(data)))
	b.len = C.size_t(len(data))
	fmt.Println(C.length(&b)) // want CGL004 "`C.length` receives `b` \(C.struct_buffer\), a C struct in Go memory whose `b.data` was set to the Go pointer"
}
