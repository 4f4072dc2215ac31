package args

/*
#include <stdlib.h>
static void fill_int(int **out) { *out = malloc(sizeof(int)); }
static void read_name(char **name) { (void)name; }
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Positive: the variable holds a Go pointer, and C gets its address.
func NameOfLocal() {
	var b C.char
	p := &b
	C.read_name(&p) // want CGL004 "`C.read_name` receives `p` \(\*C.char\), Go memory holding the Go pointer `&b`"
}

func NameOfBuffer(buf []byte) {
	name := (*C.char)(unsafe.Pointer(unsafe.SliceData(buf)))
	C.read_name(&name) // want CGL004 "Go memory holding the Go pointer `\(\*C.char\)\(unsafe.Pointer\(unsafe.SliceData\(buf\)\)\)`"
}

// Positive: set to a Go pointer on one branch.
func NameMaybeLocal(local bool, s string) {
	name := C.CString(s)
	defer C.free(unsafe.Pointer(name))
	var b C.char
	p := name
	if local {
		p = &b
	}
	C.read_name(&p) // want CGL004 "`C.read_name` receives `p` \(\*C.char\), Go memory holding the Go pointer `&b`"
}

// Positive: a goto may skip the store of C memory.
func NameSkipped(skip bool, s string) {
	var b C.char
	p := &b
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	if skip {
		goto call
	}
	p = cs
call:
	C.read_name(&p) // want CGL004 "Go memory holding the Go pointer `&b`"
}

// --- look-alikes that are correct -----------------------------------------

// The Go pointer is replaced on the way to the call.
func NameReplaced(s string) {
	var b C.char
	p := &b
	p = C.CString(s)
	defer C.free(unsafe.Pointer(p))
	C.read_name(&p)
}

// An out-parameter: C fills it.
func FilledByC() {
	var p *C.int
	C.fill_int(&p)
	C.free(unsafe.Pointer(p))
}

// C memory in the variable.
func NameInC(s string) {
	name := C.CString(s)
	defer C.free(unsafe.Pointer(name))
	C.read_name(&name)
}

// Pinned for the call.
func NamePinned(buf []byte) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(unsafe.SliceData(buf))
	name := (*C.char)(unsafe.Pointer(unsafe.SliceData(buf)))
	C.read_name(&name)
}
