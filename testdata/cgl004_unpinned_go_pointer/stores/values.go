package stores

// An array or struct value stored into C memory carries the Go pointers it
// holds (cmd/cgo's ptr_test barrier entries; rt_store_array_literal runs
// one under cgocheck2).

/*
#include <stdlib.h>
struct names { char *a[4]; };
struct wrapped { struct names f; };
static struct names *new_names(void) { return calloc(1, sizeof(struct names)); }
static struct wrapped *new_wrapped(void) { return calloc(1, sizeof(struct wrapped)); }
static void use_names(void *p) { (void)p; }
*/
import "C"

import "unsafe"

func storeArrayLiteral() {
	p := C.new_names()
	defer C.free(unsafe.Pointer(p))
	p.a = [4]*C.char{new(C.char)} // want CGL004 "`p.a` is C memory, and this stores a Go pointer to `new\(C.char\)`"
	C.use_names(unsafe.Pointer(p))
}

func storeStructLiteral() {
	p := C.new_wrapped()
	defer C.free(unsafe.Pointer(p))
	p.f = C.struct_names{[4]*C.char{new(C.char)}} // want CGL004 "`p.f` is C memory, and this stores a Go pointer to `new\(C.char\)`"
	C.use_names(unsafe.Pointer(p))
}

func storeCopied() {
	p := C.new_names()
	defer C.free(unsafe.Pointer(p))
	copy(p.a[:], []*C.char{new(C.char)}) // want CGL004 "`p.a\[:\]` is C memory, and this stores a Go pointer to `new\(C.char\)`"
	C.use_names(unsafe.Pointer(p))
}

func storeDereferenced() {
	p := C.new_names()
	defer C.free(unsafe.Pointer(p))
	n := &[4]*C.char{new(C.char)}
	p.a = *n // want CGL004 "`p.a` is C memory, and this stores a Go pointer to `new\(C.char\)`"
	C.use_names(unsafe.Pointer(p))
}

func storeElement() {
	p := C.new_names()
	defer C.free(unsafe.Pointer(p))
	p.a[1] = new(C.char) // want CGL004 "`p.a\[1\]` is C memory"
	C.use_names(unsafe.Pointer(p))
}

// Positive: the Go pointer is cleared on one branch only.
func passClearedSometimes(clear bool) {
	n := &[4]*C.char{new(C.char)}
	if clear {
		n[0] = nil
	}
	C.use_names(unsafe.Pointer(n)) // want CGL004 "Go memory made with the Go pointer `new\(C.char\)` as an element"
}

// --- look-alikes that are correct -----------------------------------------

func storeCStrings(words []string) {
	p := C.new_names()
	defer C.free(unsafe.Pointer(p))
	p.a = [4]*C.char{C.CString(words[0])}
	defer C.free(unsafe.Pointer(p.a[0]))
	C.use_names(unsafe.Pointer(p))
}

// The Go pointer is cleared before the array is handed to C.
func passCleared() {
	n := &[4]*C.char{new(C.char)}
	n[0] = nil
	C.use_names(unsafe.Pointer(n))
}
