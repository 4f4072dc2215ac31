// Passing a pointer to a struct that holds a Go pointer: the default
// cgocheck=1 panics at the call.
//
// runtime: panic "(argument of cgo function|cgo argument) has Go pointer to unpinned Go pointer"
package main

/*
static void inspect(void *p) { (void)p; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type entry struct {
	key   *string
	value int
}

func main() {
	key := fmt.Sprint("k", 1)
	e := &entry{key: &key, value: 2}
	C.inspect(unsafe.Pointer(e)) // want CGL004 "`C.inspect` receives `e` \(\*entry\), which holds Go pointers in field `key`"
	fmt.Println("not reached")
}
