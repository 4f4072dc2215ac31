// C keeps pointers into package-level arrays and structs: the linker
// allocates them, they never move, and the runtime counts them as pinned
// (cgocheck2 accepts storing them in C memory). A package-level slice's
// backing array is heap memory, and is reported.
//
// runtime: ok
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stddef.h>
static void *kept;
static size_t kept_len;
static void keep(void *p, size_t n) { kept = p; kept_len = n; }
static int first(void) { return ((unsigned char *)kept)[0]; }
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

var ring [64]byte

type state struct{ counters [4]C.int }

var global state

var spare = make([]byte, 8)

func main() {
	ring[0] = 7
	C.keep(unsafe.Pointer(&ring[0]), C.size_t(len(ring)))
	runtime.GC()
	fmt.Println(C.first())
	C.keep(unsafe.Pointer(&global.counters[0]), C.size_t(unsafe.Sizeof(global.counters)))
	if len(spare) > 0 && len(spare) > 1<<20 { // never: the kept heap slice is the bug shape only
		C.keep(unsafe.Pointer(&spare[0]), C.size_t(len(spare))) // want CGL004 "backing array of `spare`"
	}
}
