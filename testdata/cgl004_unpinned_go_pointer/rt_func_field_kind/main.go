// A struct with a func field passed as unsafe.Pointer(&h): cgo hands the
// runtime's check the type of &h, and the panic names the kind it finds
// ("Go function"); through unsafe.Pointer(p) of a variable the check only
// scans pointer words and says "Go pointer".
//
// runtime: panic "argument of cgo function has Go pointer to unpinned Go function"
package main

/*
static void take(void *p) {}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type handler struct {
	id int
	cb func()
}

func main() {
	x := 5
	h := handler{id: 1, cb: func() { fmt.Println(x) }}
	C.take(unsafe.Pointer(&h)) // want CGL004 "the runtime panics when that field holds a Go pointer: \"argument of cgo function has Go pointer to unpinned Go function\""
}
