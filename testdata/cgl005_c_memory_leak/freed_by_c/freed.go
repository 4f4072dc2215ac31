// Package freed hands C memory to C functions whose bodies free it, directly
// or through another function of the preamble: the memory is C's to free,
// so none of these is a leak. The last two functions free nothing.
package freed

/*
#include <stdlib.h>
#include <string.h>

typedef struct { char *name; int len; } owned;

static void consume(void *p) { free(p); }
static void consume_later(void *p) { if (p != NULL) consume(p); }
static void owned_free(owned *o) { free(o->name); free(o); }
static int peek(const char *s) { return s[0]; }
static void release_name(owned *o) { free(o->name); }
*/
import "C"

import "unsafe"

func Inline(b []byte) {
	C.consume(C.CBytes(b))
}

func Named(b []byte) {
	p := C.CBytes(b)
	C.consume_later(p)
}

func Struct(s string) {
	o := (*C.owned)(C.malloc(C.size_t(unsafe.Sizeof(C.owned{}))))
	o.name = C.CString(s)
	o.len = C.int(len(s))
	C.owned_free(o)
}

// peek only reads its argument: the copy leaks.
func Peek(s string) int {
	cs := C.CString(s) // want CGL005 "never freed"
	return int(C.peek(cs))
}

// release_name frees a field of its argument, not the argument itself.
func FieldOnly(s string) {
	o := (*C.owned)(C.malloc(C.size_t(unsafe.Sizeof(C.owned{})))) // want CGL005 "never freed"
	o.name = C.CString(s)
	C.release_name(o)
}
