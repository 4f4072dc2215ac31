package keeps

/*
#include <stdint.h>
#include <stdlib.h>
#include "callbacks.h"

static void *saved_ctx;
static uintptr_t saved_handle;

static void set_context(void *ctx) { saved_ctx = ctx; }
static void set_handle(uintptr_t h) { saved_handle = h; }
static const char *saved_data;
static size_t saved_len;
static void set_buffer(const char *data, size_t n) { saved_data = data; saved_len = n; }
static void fire(void) {}
static void clear_context(void) { saved_ctx = 0; }
static void process(void *data, int n) { (void)data; (void)n; }

// Saves the global after storing the argument: restores the argument itself.
static void *current_ctx;
static void with_context(void *ctx) {
	void *saved;
	current_ctx = ctx;
	saved = current_ctx;
	fire();
	current_ctx = saved;
}

// Restores the global, but a getter or a ternary copied it first.
static void *getter_ctx, *copied_ctx;
static void *get_ctx(void) { return getter_ctx; }
static void remember(void) { copied_ctx = get_ctx(); }
static void with_getter(void *ctx) {
	void *saved = getter_ctx;
	getter_ctx = ctx;
	remember();
	getter_ctx = saved;
}
static void *ternary_ctx, *other_ctx;
static void with_ternary(void *ctx) {
	void *saved = ternary_ctx;
	ternary_ctx = ctx;
	other_ctx = ternary_ctx ? ternary_ctx : NULL;
	ternary_ctx = saved;
}

// Clears a field of the context it is given, but not on the early return.
typedef struct parking { void *cur; } parking;
static int park(parking *p, void *ctx, int fail) {
	p->cur = ctx;
	if (fail) return -1;
	p->cur = NULL;
	return 0;
}

// Keeps a pointer into its argument, or the argument through a local copy.
static const char *body_at;
static void keep_offset(const char *data) { body_at = data + 4; }
static void keep_element(const char *data) { body_at = &data[4]; }
static void keep_copy(const char *data) { const char *q = data; body_at = q; }

// The reset comes too late: a macro may return before it, or the struct
// holding the cursor is copied first.
#define EXPECT(c) if (!(c)) return -1
static parking last_parking;
static int park_checked(parking *p, void *ctx, int ok) {
	p->cur = ctx;
	EXPECT(ok);
	p->cur = NULL;
	return 0;
}
static int park_copied(parking *p, void *ctx) {
	p->cur = ctx;
	last_parking = *p;
	p->cur = NULL;
	return 0;
}

// Publishes a pointer through a slot it is given while a call runs, and
// clears the slot before it returns (go-ceph's PtrGuard); or too late.
extern void wait_release(void *);
static void park_slot(void **slot, void *ctx, void *v) {
	*slot = ctx;
	wait_release(v);
	*slot = 0;
}
static void *last_slot;
static int park_slot_copied(void **slot, void *ctx) {
	*slot = ctx;
	last_slot = *slot;
	*slot = NULL;
	return 0;
}
static int park_slot_failing(void **slot, void *ctx, int fail) {
	*slot = ctx;
	if (fail) return -1;
	*slot = NULL;
	return 0;
}

static void *other_slot;
static int park_slot_moved(void **slot, void *ctx) {
	*slot = ctx;
	slot = &other_slot;
	*slot = NULL;
	return 0;
}
static int park_slot_passed(void **slot, void *ctx) {
	*slot = ctx;
	set_context(*slot);
	*slot = NULL;
	return 0;
}

// Keeps a struct that the caller filled (go-mpv's SetNodeByteArray).
typedef struct { void *data; size_t size; } blob;
static blob *kept_blob;
static void keep_blob(blob *b) { kept_blob = b; }

// Passes its argument on to a function that keeps it: keeps it too.
static void register_ctx(void *ctx) { set_context(ctx); }
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	"unsafe"
)

type session struct {
	id    int
	bytes int64
}

func keptContext() {
	s := &session{id: 1}
	C.set_context(unsafe.Pointer(s)) // want CGL004 "`C.set_context` keeps its `ctx` argument after it returns, but `s` \(\*session\) is Go memory"
}

func keptThroughWrapper(s *session) {
	C.register_ctx(unsafe.Pointer(s)) // want CGL004 "`C.register_ctx` keeps its `ctx` argument"
}

func keptByHeader(s *session) {
	C.add_listener(nil, unsafe.Pointer(s)) // want CGL004 "`C.add_listener` keeps its `ctx` argument"
}

func keptBuffer(buf []byte) {
	C.set_buffer((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), C.size_t(len(buf))) // want CGL004 "`C.set_buffer` keeps its `data` argument after it returns, but the backing array of `buf` \(\[\]byte\) is Go memory"
}

func (s *session) start() {
	C.set_context(unsafe.Pointer(s)) // want CGL004 "`C.set_context` keeps its `ctx` argument after it returns, but `s` \(\*session\)"
}

func deferredUnpin(s *session) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(s)
	C.set_context(unsafe.Pointer(s)) // want CGL004 "`defer pinner.Unpin\(\)` unpins `s` \(\*session\) when `deferredUnpin` returns while C still holds it"
}

// --- look-alikes that are correct -----------------------------------------

func handle(s *session) cgo.Handle {
	h := cgo.NewHandle(s)
	C.set_handle(C.uintptr_t(h))
	return h // the caller deletes it once C has let go
}

func pinnedUntilReleased(s *session) {
	var pinner runtime.Pinner
	pinner.Pin(s)
	C.set_context(unsafe.Pointer(s))
	C.fire()
	C.clear_context()
	pinner.Unpin()
}

func pinnedDeferredButReleased(s *session) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(s)
	C.set_context(unsafe.Pointer(s))
	defer C.clear_context()
	C.fire()
}

type owner struct {
	pinner  runtime.Pinner
	session session
}

func (o *owner) open() {
	o.pinner.Pin(&o.session) // unpinned by close
	C.set_context(unsafe.Pointer(&o.session))
}

func (o *owner) close() {
	C.clear_context()
	o.pinner.Unpin()
}

func notKept(s *session) {
	// process does not keep its argument: a plain Go pointer to
	// pointer-free memory is legal for the duration of the call.
	C.process(unsafe.Pointer(s), C.int(unsafe.Sizeof(*s)))
}

func cMemoryKept() {
	p := C.malloc(64)
	C.set_context(p)
}

func restoredTooLate(s *session) {
	C.with_context(unsafe.Pointer(s)) // want CGL004 "`C.with_context` keeps its `ctx` argument"
}

func copiedByGetter(s *session) {
	C.with_getter(unsafe.Pointer(s)) // want CGL004 "`C.with_getter` keeps its `ctx` argument"
}

func copiedByTernary(s *session) {
	C.with_ternary(unsafe.Pointer(s)) // want CGL004 "`C.with_ternary` keeps its `ctx` argument"
}

func parkedOnFailure(s *session) {
	p := (*C.parking)(C.calloc(1, C.sizeof_parking))
	defer C.free(unsafe.Pointer(p))
	C.park(p, unsafe.Pointer(s), 1) // want CGL004 "`C.park` keeps its `ctx` argument"
}

func keptPastHeader(buf []byte) {
	if len(buf) < 8 {
		return
	}
	C.keep_offset((*C.char)(unsafe.Pointer(&buf[0]))) // want CGL004 "`C.keep_offset` keeps its `data` argument"
	C.keep_element((*C.char)(unsafe.Pointer(&buf[0]))) // want CGL004 "`C.keep_element` keeps its `data` argument"
	C.keep_copy((*C.char)(unsafe.Pointer(&buf[0]))) // want CGL004 "`C.keep_copy` keeps its `data` argument"
}

func parkedPastMacro(s *session) {
	p := (*C.parking)(C.calloc(1, C.sizeof_parking))
	defer C.free(unsafe.Pointer(p))
	C.park_checked(p, unsafe.Pointer(s), 0) // want CGL004 "`C.park_checked` keeps its `ctx` argument"
	C.park_copied(p, unsafe.Pointer(s))     // want CGL004 "`C.park_copied` keeps its `ctx` argument"
}

func parkedInSlot(s *session) {
	slot := (*unsafe.Pointer)(C.calloc(1, C.size_t(unsafe.Sizeof(uintptr(0)))))
	defer C.free(unsafe.Pointer(slot))
	C.park_slot(slot, unsafe.Pointer(s), nil)
	C.park_slot_copied(slot, unsafe.Pointer(s))     // want CGL004 "`C.park_slot_copied` keeps its `ctx` argument"
	C.park_slot_failing(slot, unsafe.Pointer(s), 1) // want CGL004 "`C.park_slot_failing` keeps its `ctx` argument"
	C.park_slot_moved(slot, unsafe.Pointer(s))      // want CGL004 "`C.park_slot_moved` keeps its `ctx` argument"
	C.park_slot_passed(slot, unsafe.Pointer(s))     // want CGL004 "`C.park_slot_passed` keeps its `ctx` argument"
}

// The struct holds a Go pointer: the call itself panics, before C can keep
// anything, and that is what is reported.
func keptBlobWithGoPointer(d []byte) {
	b := &C.blob{size: C.size_t(len(d))}
	b.data = unsafe.Pointer(&d)
	C.keep_blob(b) // want CGL004 "`C.keep_blob` receives `b` \(\*C.blob\), a C struct in Go memory whose `b.data` was set to the Go pointer `unsafe.Pointer\(&d\)`.*`C.keep_blob` also keeps this pointer after it returns"
}
