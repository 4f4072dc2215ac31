// Package fields hands C a pointer read from a struct field. A pointer
// field holds whatever was stored in it: C memory from C.malloc may be kept
// by C, while a field typed as a pointer to a Go type points to Go memory.
package fields

/*
#include <stdlib.h>
typedef struct { int v; } obj;
static obj *registry;
static void install(obj *o) { registry = o; }
static void *saved;
static void keep(void *p) { saved = p; }
*/
import "C"

import "unsafe"

type owner struct {
	o *C.obj
}

type config struct {
	level int
}

type holder struct {
	cfg *config
}

// Negative: the field holds C memory.
func Install() *owner {
	w := &owner{}
	w.o = (*C.obj)(C.malloc(C.size_t(unsafe.Sizeof(C.obj{}))))
	C.install(w.o)
	return w
}

// Negative: the same, set in a composite literal.
func InstallLiteral() *owner {
	w := &owner{o: (*C.obj)(C.calloc(1, C.size_t(unsafe.Sizeof(C.obj{}))))}
	C.install(w.o)
	return w
}

// Positive: a field typed *config points to Go memory, which C keeps.
func Keep(h *holder) {
	C.keep(unsafe.Pointer(h.cfg)) // want CGL004 "keeps"
}
