// Package fix holds leaks where inserting a deferred C.free is the whole fix.
package fix

/*
#include <stdio.h>
#include <stdlib.h>

static int count(const char *s) { int n = 0; while (s[n]) n++; return n; }
*/
import "C"

import (
	u "unsafe"
)

func Print(name string) {
	cs := C.CString(name) // want CGL005 "never freed.*defer C.free\(u.Pointer\(cs\)\)"
	C.puts(cs)
}

func Count(name string) int {
	var cs = C.CString(name) // want CGL005 "never freed"
	return int(C.count(cs))
}

func Zero(n int) {
	buf := C.calloc(C.size_t(n), 1) // want CGL005 "never freed.*defer C.free\(buf\)"
	C.puts((*C.char)(buf))
}

func Typed(n int) {
	p := (*C.char)(C.malloc(C.size_t(n))) // want CGL005 "never freed"
	C.puts(p)
}

// In a loop: no fix (a defer would pile up until the function returns).
func Loop(names []string) {
	for _, name := range names {
		cs := C.CString(name) // want CGL005 "never freed"
		C.puts(cs)
	}
}

// Inside a branch: no fix.
func Branch(name string, ok bool) {
	if ok {
		cs := C.CString(name) // want CGL005 "never freed"
		C.puts(cs)
	}
}

// Freed on one path: no fix (a defer would free it twice).
func OnePath(name string, ok bool) {
	cs := C.CString(name) // want CGL005 "leaked at the end of the function"
	if ok {
		C.free(u.Pointer(cs))
	}
}

// A uintptr cannot be freed without converting back: no fix.
func Uintptr(name string) {
	p := uintptr(u.Pointer(C.CString(name))) // want CGL005 "never freed"
	C.puts((*C.char)(u.Pointer(p)))
}
