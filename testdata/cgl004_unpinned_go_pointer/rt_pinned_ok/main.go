// Look-alikes of the crashing programs next to this one, written the legal
// way: they run cleanly under the default cgocheck=1.
//
// runtime: ok
package main

/*
#include <stdint.h>
#include <stddef.h>
struct buffer { char *data; size_t len; };
static void *saved;
static uintptr_t saved_handle;
static void inspect(void *p) { (void)p; }
static void fill(void *p, size_t n) { char *c = p; for (size_t i = 0; i < n; i++) c[i] = 1; }
static size_t length(struct buffer *b) { return b->len; }
static void keep_handle(uintptr_t h) { saved_handle = h; }
static uintptr_t take_handle(void) { return saved_handle; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"runtime/cgo"
	"unsafe"
)

type entry struct {
	key   *string
	value int
}

type point struct{ x, y int }

func pinnedStruct() {
	key := fmt.Sprint("k", 1)
	e := &entry{key: &key, value: 2}
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(e.key)
	C.inspect(unsafe.Pointer(e))
}

func pinnedCStruct() {
	data := []byte("hello, world")
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(unsafe.SliceData(data))
	var b C.struct_buffer
	b.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(data)))
	b.len = C.size_t(len(data))
	fmt.Println(C.length(&b))
}

func pointerFree() {
	p := &point{1, 2}
	C.inspect(unsafe.Pointer(p))
	buf := make([]byte, 64)
	C.fill(unsafe.Pointer(unsafe.SliceData(buf)), C.size_t(len(buf)))
}

func handle() {
	e := &entry{value: 3}
	h := cgo.NewHandle(e)
	C.keep_handle(C.uintptr_t(h))
	back := cgo.Handle(C.take_handle())
	fmt.Println(back.Value().(*entry).value)
	back.Delete()
}

func main() {
	pinnedStruct()
	pinnedCStruct()
	pointerFree()
	handle()
}
