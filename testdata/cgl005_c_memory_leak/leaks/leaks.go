// Package leaks holds C allocations that are not freed on some path.
package leaks

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check(const char *s) { return s[0] == 'x'; }
static int open_db(const char *path) { return path[0] == 0; }
static void fill(void *p, size_t n) { memset(p, 0, n); }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Freed on the happy path, leaked on the early-return error path.
func EarlyReturn(name string) error {
	cs := C.CString(name) // want CGL005 "`cs` holds C memory from C.CString that is leaked on the return at line 24"
	if C.open_db(cs) != 0 {
		return errors.New("open failed")
	}
	C.free(unsafe.Pointer(cs))
	return nil
}

// One case of a switch returns without freeing.
func SwitchCase(name string, mode int) int {
	cs := C.CString(name) // want CGL005 "leaked on the return at line 35"
	switch mode {
	case 0:
		return -1
	case 1:
		C.puts(cs)
	}
	C.free(unsafe.Pointer(cs))
	return 0
}

// Allocated in every iteration, never freed.
func Loop(names []string) {
	for _, name := range names {
		cs := C.CString(name) // want CGL005 "`cs` holds C memory from C.CString that is never freed.*in every iteration"
		C.puts(cs)
	}
}

// Allocated inline as an argument of a C function that does not take ownership.
func Inline(name string) {
	C.puts(C.CString(name)) // want CGL005 "the result of C.CString passed straight to C.puts is never freed"
}

// The block C.realloc returns is never freed (the first one is released by realloc).
func Realloc(n int) {
	p := C.malloc(16)
	if p == nil {
		return
	}
	p = C.realloc(p, C.size_t(n)) // want CGL005 "`p` holds C memory from C.realloc that is never freed"
	C.fill(p, C.size_t(n))
}

// C.CBytes copies into C memory that nobody frees.
func Bytes(b []byte) int {
	data := C.CBytes(b) // want CGL005 "`data` holds C memory from C.CBytes that is never freed.*C.free\(data\)"
	return int(C.check((*C.char)(data)))
}

// Freed in one branch only: the other branch reaches the end of the function.
func OneBranch(name string, verbose bool) {
	cs := C.CString(name) // want CGL005 "leaked at the end of the function \(line 79\)"
	if verbose {
		C.puts(cs)
		C.free(unsafe.Pointer(cs))
	}
}

// A result nobody keeps can never be freed.
func Discarded() {
	C.malloc(64) // want CGL005 "the result of C.malloc is discarded"
}

// C.GoString copies the bytes: returning the copy does not free the C string.
func Dup(name string) string {
	p := C.strdup(C.CString(name)) // want CGL005 "passed straight to C.strdup" CGL005 "`p` holds C memory from C.strdup that is never freed"
	return C.GoString(p)
}

// The nil check guards the error return, but the later error return leaks.
func Calloc(n int) error {
	p := C.calloc(C.size_t(n), 8) // want CGL005 "leaked on the return at line 99"
	if p == nil {
		return errors.New("out of memory")
	}
	if n > 100 {
		return errors.New("too big")
	}
	C.free(p)
	return nil
}

// A type switch case returns early.
func TypeSwitch(v interface{}) error {
	cs := C.CString("value") // want CGL005 "leaked on the return at line 110"
	switch v.(type) {
	case int:
		return errors.New("int")
	}
	C.free(unsafe.Pointer(cs))
	return nil
}

// A labelled continue skips the free: the next iteration allocates again.
func LabelledContinue(names []string) {
outer:
	for _, name := range names {
		cs := C.CString(name) // want CGL005 "leaked when the next iteration of the loop allocates again"
		for _, r := range name {
			if r == ' ' {
				continue outer
			}
		}
		C.puts(cs)
		C.free(unsafe.Pointer(cs))
	}
}

// A goto jumps over the free.
func Goto(name string) int {
	cs := C.CString(name) // want CGL005 "leaked on the return at line 140"
	if name == "" {
		goto fail
	}
	C.free(unsafe.Pointer(cs))
	return 0
fail:
	return 1
}

// A defer inside one branch does not cover the other.
func DeferInBranch(name string, use bool) {
	cs := C.CString(name) // want CGL005 "leaked at the end of the function"
	if use {
		defer C.free(unsafe.Pointer(cs))
		C.puts(cs)
	}
}

// The var form, never freed.
func VarForm(name string) {
	var cs = C.CString(name) // want CGL005 "never freed"
	C.puts(cs)
}

// A select case returns without freeing.
func Select(name string, done chan struct{}, work chan int) {
	cs := C.CString(name) // want CGL005 "leaked on the return at line 163"
	select {
	case <-done:
		return
	case <-work:
	}
	C.free(unsafe.Pointer(cs))
}

// Handed to the caller on success, leaked on the error return.
func HandOver(name string) (*C.char, error) {
	cs := C.CString(name) // want CGL005 "leaked on the return at line 173: other paths free it or hand it over, this one does not; free it with .C.free\(unsafe.Pointer\(cs\)\). before that return"
	if C.check(cs) == 0 {
		return nil, errors.New("bad name")
	}
	return cs, nil
}

// C's NULL is a nil test too (go-gst's Memory.Map): the early return runs
// only when nothing was allocated.
func CallocNull(n int) error {
	p := C.calloc(C.size_t(n), 8)
	if p == C.NULL {
		return errors.New("out of memory")
	}
	C.free(p)
	return nil
}

func CallocNotNull(n int) error {
	p := C.calloc(C.size_t(n), 8) // want CGL005 "leaked on the return at line 192"
	if p != C.NULL {
		return errors.New("allocated")
	}
	C.free(p)
	return nil
}
