package deferred

/*
#include <stdlib.h>
typedef void *gpointer;
static void g_free(gpointer p) { free(p); }
static int make_image(void **out) { *out = malloc(4); return 0; }
*/
import "C"

import "unsafe"

// A Go helper that frees what it is given is deferred the same way
// (davidbyttow/govips' gFreePointer): while the pointer is still nil, it
// frees nothing.

func gFreePointer(ref unsafe.Pointer) {
	C.g_free(C.gpointer(ref))
}

func Header() int {
	var out unsafe.Pointer
	defer gFreePointer(unsafe.Pointer(out)) // want CGL005 "`defer gFreePointer\(...\)` evaluates `out` when the defer runs, while `out` is still nil"
	if C.make_image(&out) != 0 {
		return -1
	}
	return 1
}

// Negative: deferred once the pointer holds the memory.
func HeaderLate() int {
	var out unsafe.Pointer
	if C.make_image(&out) != 0 {
		return -1
	}
	defer gFreePointer(out)
	return 1
}

type image struct{ p unsafe.Pointer }

// Negative: stored in a field after the defer, the memory may be freed by
// whoever holds it: the nil free is only useless.
func HeaderStored(img *image) {
	var out unsafe.Pointer
	defer gFreePointer(out)
	C.make_image(&out)
	img.p = out
}
