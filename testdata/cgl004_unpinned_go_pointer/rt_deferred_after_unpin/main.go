// A C struct in Go memory holds a pinned Go pointer; a deferred C call that
// gets the struct is registered before `defer pinner.Unpin()`, so it runs
// after the Unpin (deferred calls run last in, first out): the default
// cgocheck panics when it is called.
//
// runtime: panic "argument of cgo function has Go pointer to unpinned Go"
package main

/*
typedef struct { int size; } writer;
typedef struct { int w; void *custom_ptr; } picture;
static int encode(picture *p) { return ((writer *)p->custom_ptr)->size = p->w; }
static void picture_free(picture *p) { (void)p; }
static int suggest(char ***list) { *list = 0; return 0; }
static void free_list(char ***list, int n) { (void)n; *list = 0; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Registered after the Unpin: runs first, while wrt is still pinned.
func encodeOrdered() int {
	var pic C.picture
	var wrt C.writer
	var pinner runtime.Pinner
	pinner.Pin(&wrt)
	defer pinner.Unpin()
	defer C.picture_free(&pic)
	pic.w = 7
	pic.custom_ptr = unsafe.Pointer(&wrt)
	C.encode(&pic)
	return int(wrt.size)
}

// The writer's pinner is unpinned after the deferred call; another pinner,
// unpinned first, holds something else.
func encodeTwoPinners() int {
	var pic C.picture
	var wrt C.writer
	var pinWriter runtime.Pinner
	pinWriter.Pin(&wrt)
	defer pinWriter.Unpin()
	pic.w = 9
	pic.custom_ptr = unsafe.Pointer(&wrt)
	defer C.picture_free(&pic)
	other := new(C.writer)
	var pinOther runtime.Pinner
	pinOther.Pin(other)
	defer pinOther.Unpin()
	C.encode(&pic)
	return int(wrt.size)
}

func encodeFreedLast() int {
	var pic C.picture
	defer C.picture_free(&pic) // want CGL004 "runs after the deferred `pinner.Unpin\(\)` registered below it"
	var wrt C.writer
	var pinner runtime.Pinner
	pinner.Pin(&wrt)
	defer pinner.Unpin()
	pic.w = 7
	pic.custom_ptr = unsafe.Pointer(&wrt)
	C.encode(&pic)
	return int(wrt.size)
}

// A list C fills through &list, read, then freed by a deferred call:
// only C ever gives the variable a value.
func suggestions() int {
	var list **C.char
	n := C.suggest(&list)
	defer C.free_list(&list, n)
	return len(unsafe.Slice(list, int(n)))
}

func main() {
	fmt.Println(encodeOrdered(), suggestions())
	fmt.Println(encodeTwoPinners())
	fmt.Println(encodeFreedLast())
}
