// Package freed uses C pointers after freeing them.
package freed

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int use(const char *s) { return s[0]; }
struct node { struct node *next; int v; };
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Passed to C after the free.
func Passed(name string) {
	cs := C.CString(name)
	C.free(unsafe.Pointer(cs))
	C.puts(cs) // want CGL006 "`cs` is passed to C.puts after C.free freed it at line 22"
}

// Read after the free.
func Read(name string) string {
	cs := C.CString(name)
	C.free(unsafe.Pointer(cs))
	return C.GoString(cs) // want CGL006 "`cs` is passed to C.GoString after C.free freed it at line 29"
}

// An explicit free plus the deferred one: a double free.
func ExplicitAndDeferred(name string) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	C.use(cs)
	C.free(unsafe.Pointer(cs)) // want CGL006 "freed again by `defer C.free\(...\)` at line 36"
}

// Freed, then a deferred free of the same pointer registered.
func FreeThenDefer(name string) {
	cs := C.CString(name)
	C.free(unsafe.Pointer(cs))
	defer C.free(unsafe.Pointer(cs)) // want CGL006 "already freed by C.free at line 44"
}

// Freed twice on the error path.
func ErrorPath(name string) error {
	cs := C.CString(name)
	if C.use(cs) == 0 {
		C.free(unsafe.Pointer(cs))
	}
	C.free(unsafe.Pointer(cs)) // want CGL006 "freed again after C.free at line 52"
	return nil
}

// Freed in every iteration without a new value.
func Loop(p *C.char, n int) {
	for i := 0; i < n; i++ {
		C.free(unsafe.Pointer(p)) // want CGL006 "freed again when the loop comes back here"
	}
}

// Dereferenced after the free: reads memory that may be reused.
func Deref(p *C.struct_node) C.int {
	C.free(unsafe.Pointer(p))
	return p.v // want CGL006 "`p` is dereferenced after C.free"
}

// The classic list-freeing bug: p.next is read after p is freed.
func FreeList(p *C.struct_node) {
	for p != nil {
		C.free(unsafe.Pointer(p))
		p = p.next // want CGL006 "`p` is dereferenced after C.free freed it at line 74"
	}
}

// A deferred function literal frees the variable, which still holds the freed pointer.
func DeferredClosure(name string) {
	cs := C.CString(name)
	defer func() { C.free(unsafe.Pointer(cs)) }()
	C.use(cs)
	C.free(unsafe.Pointer(cs)) // want CGL006 "freed again by the deferred function at line 82"
}

// Returned after the free.
func Returned(n int) unsafe.Pointer {
	p := C.malloc(C.size_t(n))
	C.free(p)
	return p // want CGL006 "`p` is returned after C.free freed it"
}

// Used in a switch case after the free.
func Switch(name string, mode int) error {
	cs := C.CString(name)
	C.free(unsafe.Pointer(cs))
	switch mode {
	case 1:
		C.use(cs) // want CGL006 "passed to C.use after C.free"
	case 2:
		return errors.New("mode 2")
	}
	return nil
}

// Realloc of a freed pointer.
func Realloc(n int) {
	p := C.malloc(8)
	C.free(p)
	p = C.realloc(p, C.size_t(n)) // want CGL006 "passed to C.realloc after C.free"
	C.free(p)
}

// Written through after the free.
func Write(n int) {
	p := (*C.char)(C.malloc(C.size_t(n)))
	C.free(unsafe.Pointer(p))
	*p = 0 // want CGL006 "dereferenced after C.free"
}

var names = map[*C.char]string{}

// The map is keyed by the freed pointer, but its memory is read to build the key's value.
func ForgetRead(name string) string {
	p := C.CString(name)
	names[p] = name
	C.free(unsafe.Pointer(p))
	delete(names, p)
	return C.GoString(p) // want CGL006 "`p` is passed to C.GoString after C.free freed it"
}

func freeName(p *C.char) { C.free(unsafe.Pointer(p)) }

func closeName(p *C.char) {
	defer C.free(unsafe.Pointer(p))
	C.puts(p)
}

func freeIfSet(p *C.char, set bool) {
	if !set {
		return
	}
	C.free(unsafe.Pointer(p))
}

// A package helper that frees its argument first thing, then a second free.
func FreedByHelperTwice(name string) {
	p := C.CString(name)
	freeName(p)
	C.free(unsafe.Pointer(p)) // want CGL006 "`p` is freed again after freeName"
}

func ClosedThenRead(name string) string {
	p := C.CString(name)
	closeName(p)
	return C.GoString(p) // want CGL006 "`p` is passed to C.GoString after closeName freed it"
}

// Negative: the helper may return before freeing.
func MaybeFreedByHelper(name string) {
	p := C.CString(name)
	freeIfSet(p, false)
	C.free(unsafe.Pointer(p))
}

func freeIfNotNil(p *C.char) {
	if p == nil {
		return
	}
	C.free(unsafe.Pointer(p))
}

// The helper returns early only for nil, which it need not free.
func FreedByGuardedHelperTwice(name string) {
	p := C.CString(name)
	freeIfNotNil(p)
	C.free(unsafe.Pointer(p)) // want CGL006 "`p` is freed again after freeIfNotNil"
}
