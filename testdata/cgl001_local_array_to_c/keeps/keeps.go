// C functions whose preamble bodies keep a pointer argument after the call
// returns, handed local arrays in different spellings.
package keeps

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ctx { void *data; int n; };

static char *saved;
static void remember(char *p) { saved = p; }
static void ctx_set(struct ctx *c, void *p) { c->data = p; }
static void register_buf(void *p) { remember((char *)p); }
static void forget(void) { saved = NULL; }
static uintptr_t handle;
static void remember_handle(uintptr_t h) { handle = h; }
static int peek(const char *p) { return p[0]; }
static struct ctx *ctx_new(void) { return calloc(1, sizeof(struct ctx)); }
// Copies the bytes when asked to, keeps them otherwise.
static void *kept_bytes;
static void take_bytes(void *p, size_t n, int copy) {
	if (copy) { kept_bytes = malloc(n); memcpy(kept_bytes, p, n); }
	else kept_bytes = p;
}
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	"unsafe"
)

func globalStore() {
	var buf [64]byte
	C.remember((*C.char)(unsafe.Pointer(&buf[0]))) // want CGL001 "C.remember keeps the pointer to the local array `buf` \(64 bytes\) after the call returns.*C.malloc"
}

func throughStructPointer() {
	c := C.ctx_new()
	defer C.free(unsafe.Pointer(c))
	var frame [256]C.uchar
	C.ctx_set(c, unsafe.Pointer(&frame[0])) // want CGL001 "C.ctx_set keeps the pointer to the local array `frame`"
}

func throughAnotherCFunction() {
	var scratch [32]C.char
	C.register_buf(unsafe.Pointer(&scratch)) // want CGL001 "C.register_buf keeps .*`scratch`"
}

func throughLocalVariable() {
	buf := [16]byte{}
	p := unsafe.Pointer(&buf[0])
	C.remember((*C.char)(p)) // want CGL001 "C.remember keeps .*`buf` \(16 bytes\)"
}

func inClosure() func() {
	var cbuf [8]C.char
	return func() {
		C.remember(&cbuf[0]) // want CGL001 "C.remember keeps .*`cbuf`"
	}
}

func deferred() {
	var name [24]C.char
	defer C.remember(&name[0]) // want CGL001 "C.remember keeps .*`name`"
	C.forget()
}

type server struct{ id int }

func (s *server) start() {
	var reply [128]byte
	C.remember((*C.char)(unsafe.Pointer(unsafe.SliceData(reply[:])))) // want CGL001 "C.remember keeps .*`reply`"
}

// register wraps the C call: the local array reaches C.remember through it.
func register(p *byte) {
	C.remember((*C.char)(unsafe.Pointer(p))) // want CGL004 "keeps"
}

func throughHelper() {
	var token [40]byte
	register(&token[0]) // want CGL001 "register \(through C.remember\) keeps .*`token`"
}

// --- look-alikes that stay silent ---

// C memory: C may keep it.
func cMemory() {
	p := C.malloc(64)
	C.remember((*C.char)(p))
}

// An array of C memory seen through a Go array type.
func cArray() {
	arr := (*[64]C.char)(C.malloc(64))
	C.remember(&arr[0])
}

// Pinned until stop unpins it, after C forgot the pointer.
type session struct {
	pin runtime.Pinner
	buf *[64]byte
}

func (s *session) begin() {
	var local [64]byte
	s.pin.Pin(&local[0])
	C.remember((*C.char)(unsafe.Pointer(&local[0])))
}

func (s *session) stop() {
	C.forget()
	s.pin.Unpin()
}

// A cgo.Handle is an integer, not a pointer: C may keep it.
func handle(state *server) cgo.Handle {
	h := cgo.NewHandle(state)
	C.remember_handle(C.uintptr_t(h))
	return h
}

// peek does not keep its argument, and the C string is terminated.
func peekOnly() int {
	msg := [6]byte{'h', 'e', 'l', 'l', 'o', 0}
	return int(C.peek((*C.char)(unsafe.Pointer(&msg[0]))))
}

func copiedWhenAsked() {
	var header [8]byte
	C.take_bytes(unsafe.Pointer(&header[0]), C.size_t(len(header)), 1)
	var trailer [8]byte
	C.take_bytes(unsafe.Pointer(&trailer[0]), C.size_t(len(trailer)), 0) // want CGL001 "C.take_bytes keeps .*`trailer`"
}
