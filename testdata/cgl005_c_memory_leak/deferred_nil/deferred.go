package deferred

/*
#include <stdlib.h>
#include <string.h>
static int get_name(char **out) { *out = strdup("name"); return 0; }
static char *current_name;
static void set_name(char *name) { free(current_name); current_name = name; }
*/
import "C"

import "unsafe"

// The deferred free evaluates out while it is nil.
func outParameter() string {
	var out *C.char
	defer C.free(unsafe.Pointer(out)) // want CGL005 "evaluates `out` when the defer runs, while `out` is still nil, so it frees nothing; the C memory stored in `out` at line 18"
	C.get_name(&out)
	return C.GoString(out)
}

func assignedLater(s string) int {
	var cs *C.char = nil
	defer C.free(unsafe.Pointer(cs)) // want CGL005 "while `cs` is still nil"
	cs = C.CString(s)
	return int(C.strlen(cs))
}

// Look-alikes: the defer comes after the write, or defers a closure that
// reads the variable when the function returns, or the variable has a value.
func deferAfterWrite() string {
	var out *C.char
	C.get_name(&out)
	defer C.free(unsafe.Pointer(out))
	return C.GoString(out)
}

func deferredClosure() string {
	var out *C.char
	defer func() { C.free(unsafe.Pointer(out)) }()
	C.get_name(&out)
	return C.GoString(out)
}

func initialised(s string) int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return int(C.strlen(cs))
}

// Freeing nil and never writing the variable: pointless, but nothing leaks.
func neverWritten() {
	var out *C.char
	defer C.free(unsafe.Pointer(out))
}

// The deferred nil free is useless, but the string is freed explicitly.
func freedExplicitly(s string) int {
	var cs *C.char
	defer C.free(unsafe.Pointer(cs))
	cs = C.CString(s)
	n := int(C.strlen(cs))
	C.free(unsafe.Pointer(cs))
	return n
}

// The deferred nil free is useless, but C takes the string over.
func handedToC(s string) {
	var cs *C.char
	defer C.free(unsafe.Pointer(cs))
	cs = C.CString(s)
	C.set_name(cs)
}
