// A Go object used as a callback payload: stored in a C struct that lives in
// Go memory and passed to C, the default cgocheck=1 panics, naming the
// `void *` field's kind.
//
// runtime: panic "argument of cgo function has Go pointer to unpinned Go unsafe pointer"
package main

/*
typedef struct { void *payload; int n; } opts;
static int fetch(const opts *o) { return o->n; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type callbacks struct{ transfer func(uint) error }

func fetch(cbs *callbacks) {
	var o C.opts
	o.payload = unsafe.Pointer(cbs)
	fmt.Println(C.fetch(&o)) // want CGL004 "`C.fetch` receives `o` \(C.opts\), a C struct in Go memory whose `o.payload` was set to the Go pointer `unsafe.Pointer\(cbs\)`.*\"argument of cgo function has Go pointer to unpinned Go unsafe pointer\""
}

func main() {
	fetch(&callbacks{transfer: func(uint) error { return nil }})
}
