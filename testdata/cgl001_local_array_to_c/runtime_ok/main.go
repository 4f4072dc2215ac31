// Legal uses of local arrays with C, run with full pointer checking to
// show that none of them is a cgo pointer violation: a local array passed
// for the duration of a call with its length, an array C keeps while it is
// pinned (C lets go before Unpin), a cgo.Handle C keeps, and a deferred
// call that wipes the array with its length.
//
// runtime: ok
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const unsigned char *held;
static uintptr_t held_handle;

static void fill(unsigned char *out, size_t n) { for (size_t i = 0; i < n; i++) out[i] = (unsigned char)(i + 1); }
static void hold(const unsigned char *p) { held = p; }
static int held_sum(size_t n) { int s = 0; for (size_t i = 0; i < n; i++) s += held[i]; return s; }
static void drop(void) { held = NULL; }
static void hold_handle(uintptr_t h) { held_handle = h; }
static uintptr_t get_handle(void) { return held_handle; }
static void wipe(void *p, size_t n) { memset(p, 0, n); }
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"runtime/cgo"
	"unsafe"
)

type state struct{ calls int }

func main() {
	var buf [16]C.uchar
	C.fill(&buf[0], C.size_t(len(buf)))

	var pinner runtime.Pinner
	var kept [8]C.uchar
	C.fill(&kept[0], C.size_t(len(kept)))
	pinner.Pin(&kept[0])
	C.hold(&kept[0])
	runtime.GC()
	sum := int(C.held_sum(C.size_t(len(kept))))
	C.drop()
	pinner.Unpin()

	h := cgo.NewHandle(&state{calls: 1})
	C.hold_handle(C.uintptr_t(h))
	back := cgo.Handle(C.get_handle()).Value().(*state)
	h.Delete()

	wiped := wipeAfterUse()
	if buf[15] != 16 || sum != 36 || back.calls != 1 || wiped != 0 {
		fmt.Println("unexpected", buf[15], sum, back.calls, wiped)
		os.Exit(1)
	}
	fmt.Println("ok")
}

func wipeAfterUse() (first byte) {
	var key [32]byte
	defer func() { first = key[0] }()
	defer C.wipe(unsafe.Pointer(&key[0]), C.size_t(len(key)))
	C.fill((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key)))
	return 0
}
