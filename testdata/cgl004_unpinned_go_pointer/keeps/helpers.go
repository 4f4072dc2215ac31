package keeps

/*
#include <stddef.h>
static void read_into(char *dst, size_t n) { if (n) dst[0] = 0; }
static const char *held;
static void hold(const char *p, size_t n) { held = n ? p : NULL; }
static void *held_ctx;
static void hold_ctx(void *ctx) { held_ctx = ctx; }
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// A Go function of the package that hands its parameter, unchanged, to a
// C function that keeps it: the caller's pointer is kept too.

type stream struct{ pin runtime.Pinner }

func (st *stream) attach(p *C.char, n int) { C.hold(p, C.size_t(n)) }

func attachFn(p unsafe.Pointer) { C.hold_ctx(p) }

func readFn(p *C.char, n int) { C.read_into(p, C.size_t(n)) }

func AttachThroughMethod(st *stream, buf []byte) {
	st.attach((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), len(buf)) // want CGL004 "`st.attach` hands this pointer to `C.hold`, which keeps its `p` argument"
}

func AttachThroughFunction(s *session) {
	attachFn(unsafe.Pointer(s)) // want CGL004 "`attachFn` hands this pointer to `C.hold_ctx`"
}

// Look-alikes: pinned until C lets go, read only, or C memory.
func AttachPinned(st *stream, buf []byte) {
	if len(buf) == 0 {
		return
	}
	st.pin.Pin(&buf[0])
	st.attach((*C.char)(unsafe.Pointer(&buf[0])), len(buf))
}

func ReadThroughFunction(buf []byte) {
	readFn((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), len(buf))
}

func AttachCopy(st *stream, buf []byte) {
	c := C.CBytes(buf)
	st.attach((*C.char)(c), len(buf))
}

// The function lets go of the pointer itself before it returns.
func withContext(p unsafe.Pointer) {
	C.hold_ctx(p)
	defer C.hold_ctx(nil)
	C.read_into(nil, 0)
}

func Scoped(s *session) {
	withContext(unsafe.Pointer(s))
}

// The helper keeps it only when asked to, or the pointer is Go memory by
// its type inside the helper already (reported there, not at each caller).
func attachMaybe(p *C.char, n int, keep bool) {
	if !keep {
		return
	}
	C.hold(p, C.size_t(n))
}

func AttachNotKept(buf []byte) {
	attachMaybe((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), len(buf), false)
}

func holdSession(s *session) {
	C.hold_ctx(unsafe.Pointer(s)) // want CGL004 "`C.hold_ctx` keeps its `ctx` argument after it returns, but `s` \(\*session\)"
}

func HoldSession() {
	holdSession(&session{id: 2})
}
