// A runtime.Pinner dropped with an object still pinned: when the garbage
// collector finds it, the runtime panics.
//
// runtime: panic "found leaking pinned pointer"
package main

/*
#include <stddef.h>
struct msg { const char *text; size_t len; };
static size_t msg_len(struct msg *m) { return m->len; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"time"
	"unsafe"
)

func send(text []byte) int {
	var pinner runtime.Pinner
	pinner.Pin(unsafe.SliceData(text)) // want CGL004 "runtime.Pinner `pinner` pins `unsafe.SliceData\(text\)` but is never unpinned"
	m := C.struct_msg{text: (*C.char)(unsafe.Pointer(unsafe.SliceData(text))), len: C.size_t(len(text))}
	return int(C.msg_len(&m))
}

func main() {
	fmt.Println(send([]byte("hello")))
	for i := 0; i < 200; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Println("the leak was not noticed")
}
