package cfield

/*
#include <stdlib.h>
typedef struct { void *payload; } box;
*/
import "C"

import "unsafe"

// A *C.box field promoted through embedded structs (`ch.c` for
// `ch.counter.handle.c`) is the embedded struct's field: C memory when
// every value the package gives it is. A write of Go memory through any
// path, or one through a promoted selector, leaves it unknown.

type handle struct{ c *C.box }

type counter struct {
	handle
	name string
}

type chain struct {
	*counter
	extra int
}

func newChain() *chain {
	return &chain{counter: &counter{handle: handle{c: (*C.box)(C.calloc(1, C.size_t(unsafe.Sizeof(C.box{}))))}}}
}

func (h *handle) close() { C.free(unsafe.Pointer(h.c)); h.c = nil }

func (ch *chain) link(n int64) {
	v := n
	ch.c.payload = unsafe.Pointer(&v) // want CGL004 "`ch.c.payload` is C memory, and this stores a Go pointer to `v`"
}

type goHandle struct{ c *C.box }

type goCounter struct{ goHandle }

func (g *goCounter) adopt(b *C.box) { g.c = b } // a write through the promoted field: its value is not followed

func (g *goCounter) link(n int64) {
	v := n
	g.c.payload = unsafe.Pointer(&v)
}
