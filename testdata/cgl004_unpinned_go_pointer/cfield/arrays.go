package cfield

/*
#include <stdlib.h>
typedef struct { unsigned long *length; void *buffer; } bind;
*/
import "C"

import "unsafe"

// A calloc'd array of binds held in a field set only by the constructor:
// its elements, reached through unsafe.Slice, are C memory (MySQL's result
// binds).

type resultBinds struct {
	b *C.bind
	n int
}

func newResultBinds(n int) *resultBinds {
	return &resultBinds{b: (*C.bind)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.bind{})))), n: n}
}

func (r *resultBinds) free() { C.free(unsafe.Pointer(r.b)); r.b = nil }

func (r *resultBinds) BindLengths() []C.ulong {
	lens := make([]C.ulong, r.n)
	binds := unsafe.Slice(r.b, r.n)
	for i := range binds {
		binds[i].length = &lens[i] // want CGL004 "`binds\[i\].length` is C memory, and this stores a Go pointer to the backing array of `lens`"
	}
	return lens
}

func (r *resultBinds) BindCLengths() {
	lens := (*[1 << 20]C.ulong)(C.calloc(C.size_t(r.n), C.size_t(unsafe.Sizeof(C.ulong(0)))))[:r.n:r.n]
	binds := unsafe.Slice(r.b, r.n)
	for i := range binds {
		binds[i].length = &lens[i] // C memory into C memory
	}
}

// Negative: the binds of a paramBinds may be a Go slice's (set from a parameter).
type paramBinds struct{ b *C.bind }

func wrapBinds(b *C.bind) *paramBinds { return &paramBinds{b: b} }

func (p *paramBinds) Bind(n int) []C.ulong {
	lens := make([]C.ulong, n)
	binds := unsafe.Slice(p.b, n)
	for i := range binds {
		binds[i].length = &lens[i]
	}
	return lens
}

// Negative: a literal with an elided type gives a tableBinds's b a Go
// array, so b is not known to be C memory.
type tableBinds struct {
	b *C.bind
	n int
}

var goBinds [2]C.bind

func newTables() []*tableBinds {
	return []*tableBinds{{b: &goBinds[0], n: 2}, {b: (*C.bind)(C.calloc(2, C.size_t(unsafe.Sizeof(C.bind{})))), n: 2}}
}

func (t *tableBinds) Bind() []C.ulong {
	lens := make([]C.ulong, t.n)
	binds := unsafe.Slice(t.b, t.n)
	for i := range binds {
		binds[i].length = &lens[i]
	}
	return lens
}
