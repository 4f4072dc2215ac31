// Package outparam passes a variable's address to C, which fills it in
// (an out-parameter): after the call the variable holds what C wrote, and
// cgo forbids C to keep the address, so nothing else can change it.
package outparam

/*
#include <stdlib.h>
#include <string.h>

static int get(void **out, size_t *n) { *out = strdup("abc"); *n = 3; return 0; }
static void get_name(char **out) { *out = strdup("name"); }
// Frees the block and clears the caller's variable.
static void release(void **p) { free(*p); *p = NULL; }
// Frees the block and leaves the caller's variable pointing at it.
static void destroy(char **p) { free(*p); }
// Frees the block only when the last reference goes.
typedef struct counted { int refs; } counted;
static counted *counted_new(void) { counted *c = calloc(1, sizeof *c); c->refs = 2; return c; }
static void counted_unref(counted **pp) { if (--(*pp)->refs == 0) free(*pp); }
// Only reads through the address.
static int peek(char **p) { return (*p)[0]; }
*/
import "C"

import "unsafe"

func ReadAfterFree() []byte {
	var ptr unsafe.Pointer
	var n C.size_t
	C.get(&ptr, &n)
	C.free(ptr)
	return C.GoBytes(ptr, C.int(n)) // want CGL006 "`ptr` is passed to C.GoBytes after C.free freed it"
}

func CheckedThenFreedEarly() []byte {
	var ptr unsafe.Pointer
	var n C.size_t
	if C.get(&ptr, &n) != 0 {
		return nil
	}
	C.free(ptr)
	return C.GoBytes(ptr, C.int(n)) // want CGL006 "after C.free freed it"
}

func NameFreedTwice() string {
	var name *C.char
	C.get_name(&name)
	s := C.GoString(name)
	C.free(unsafe.Pointer(name))
	C.free(unsafe.Pointer(name)) // want CGL006 "freed again"
	return s
}

// --- look-alikes: correct code ---

// C fills the variable again in every iteration, after the previous block is freed.
func RefilledInLoop(times int) (total int) {
	for i := 0; i < times; i++ {
		var ptr unsafe.Pointer
		var n C.size_t
		C.get(&ptr, &n)
		total += len(C.GoBytes(ptr, C.int(n)))
		C.free(ptr)
	}
	return total
}

// The same variable, declared once outside the loop.
func RefilledOutsideLoop(times int) (total int) {
	var ptr unsafe.Pointer
	var n C.size_t
	for i := 0; i < times; i++ {
		C.get(&ptr, &n)
		total += len(C.GoBytes(ptr, C.int(n)))
		C.free(ptr)
	}
	return total
}

// Freed, then filled by C again before the next use.
func RefilledAfterFree() int {
	var name *C.char
	C.get_name(&name)
	first := C.GoString(name)
	C.free(unsafe.Pointer(name))
	C.get_name(&name)
	second := C.GoString(name)
	C.free(unsafe.Pointer(name))
	return len(first) + len(second)
}

// A C function that frees through the address also clears the variable.
func ReleasedThroughAddress() int {
	var ptr unsafe.Pointer
	var n C.size_t
	C.get(&ptr, &n)
	C.free(ptr)
	C.get(&ptr, &n)
	C.release(&ptr)
	if ptr == nil {
		return 0
	}
	return int(n)
}

// The address is kept in a Go variable: what it changes is not followed.
func AddressKept() []byte {
	var ptr unsafe.Pointer
	var n C.size_t
	slot := &ptr
	C.get(slot, &n)
	C.free(ptr)
	*slot = C.malloc(3)
	defer C.free(ptr)
	return C.GoBytes(ptr, 3)
}

func DestroyedThenFreed() {
	var name *C.char
	C.get_name(&name)
	C.destroy(&name)
	C.free(unsafe.Pointer(name)) // want CGL006 "`name` is freed again after C.destroy"
}

func PeekAfterFree() int {
	name := C.CString("x")
	C.free(unsafe.Pointer(name))
	return int(C.peek(&name)) // want CGL006 "`name` is passed to C.peek after C.free freed it"
}

// Negative: released (and cleared) by address, then freed: free(NULL).
func ReleasedThenFreed() {
	var ptr unsafe.Pointer
	var n C.size_t
	C.get(&ptr, &n)
	C.release(&ptr)
	C.free(ptr)
}

// Negative: the unref frees only on the last reference; the caller holds another.
func UnrefThenFree() {
	c := C.counted_new()
	C.counted_unref(&c)
	C.free(unsafe.Pointer(c))
}
