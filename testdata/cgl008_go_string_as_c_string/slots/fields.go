package slots

/*
#include <stdlib.h>
#include <string.h>
typedef struct { char *pathname; } entry;
static void set_pathname(entry *e, const char *name) { free(e->pathname); e->pathname = strdup(name); }
*/
import "C"

import (
	"strings"
	"unsafe"
)

// Struct fields whose every store is a C.GoString result or a piece of a
// library call's result: Go strings with no terminator.

type Header struct{ Name string }

type tagged struct{ Tag string }

func readHeader(e *C.entry) *Header { return &Header{Name: C.GoString(e.pathname)} }

func tags(s string) []*tagged {
	var out []*tagged
	for _, f := range strings.Fields(s) {
		out = append(out, &tagged{Tag: f})
	}
	return out
}

func WriteHeader(e *C.entry, h *Header) {
	C.set_pathname(e, (*C.char)(unsafe.Pointer(unsafe.StringData(h.Name)))) // want CGL008 "the Go string h.Name to C.set_pathname"
}

func WriteTag(e *C.entry, t *tagged) {
	C.set_pathname(e, (*C.char)(unsafe.Pointer(unsafe.StringData(t.Tag)))) // want CGL008 "the Go string t.Tag to C.set_pathname"
}

// Look-alikes: every store ends in a NUL (GoStringN copies one when told to).

type counted struct{ Text string }

func readCounted(e *C.entry) *counted {
	return &counted{Text: C.GoStringN(e.pathname, C.int(C.strlen(e.pathname))+1)}
}

func WriteCounted(e *C.entry, c *counted) {
	C.set_pathname(e, (*C.char)(unsafe.Pointer(unsafe.StringData(c.Text))))
}

type named struct{ Path string }

func newNamed(p string) *named { return &named{Path: p + "\x00"} }

func WriteNamed(e *C.entry, n *named) {
	C.set_pathname(e, (*C.char)(unsafe.Pointer(unsafe.StringData(n.Path))))
}
