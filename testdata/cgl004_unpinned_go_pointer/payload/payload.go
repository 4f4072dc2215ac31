package payload

/*
#include <stdint.h>
#include <stdlib.h>
typedef struct { void *payload; int n; } opts;
typedef struct { uintptr_t handle; int n; } hopts;
struct native { int fd; };
int fetch(const opts *o);
int fetch_h(const hopts *o);
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	"unsafe"
)

// Callbacks holds func values: Go pointers.
type Callbacks struct {
	Transfer func(uint) error
	Name     string
}

// Stats holds no pointers.
type Stats struct{ Hits, Misses int }

type Remote struct {
	url string
	cbs *Callbacks
}

// Positive: the git2go payload pattern; a *Callbacks parameter stored in a
// Go-allocated C struct that is then passed to C.
func Fetch(cbs *Callbacks) {
	var o C.opts
	o.payload = unsafe.Pointer(cbs)
	C.fetch(&o) // want CGL004 "`C.fetch` receives `o` \(C.opts\), a C struct in Go memory whose `o.payload` was set to the Go pointer `unsafe.Pointer\(cbs\)` \(line 38\).*Go unsafe pointer.*runtime/cgo.Handle"
}

// Positive: the receiver itself as payload.
func (r *Remote) Fetch() {
	var o C.opts
	o.n = 1
	o.payload = unsafe.Pointer(r)
	C.fetch(&o) // want CGL004 "whose `o.payload` was set to the Go pointer `unsafe.Pointer\(r\)`"
}

// Positive: a field of the receiver holding a *Callbacks.
func (r *Remote) FetchCallbacks() {
	cbs := r.cbs
	var o C.opts
	o.payload = unsafe.Pointer(cbs)
	C.fetch(&o) // want CGL004 "whose `o.payload` was set to the Go pointer `unsafe.Pointer\(cbs\)`"
}

// Positive: stored into C memory (a GOEXPERIMENT=cgocheck2 build is fatal).
func FetchMalloc(cbs *Callbacks) {
	o := (*C.opts)(C.calloc(1, C.size_t(unsafe.Sizeof(C.opts{}))))
	defer C.free(unsafe.Pointer(o))
	o.payload = unsafe.Pointer(cbs) // want CGL004 "`o.payload` is C memory, and this stores a Go pointer to `cbs` \(\*Callbacks\)"
	C.fetch(o)
}

// Negative: the payload is a cgo.Handle, an integer.
func FetchHandle(cbs *Callbacks) {
	h := cgo.NewHandle(cbs)
	defer h.Delete()
	var o C.hopts
	o.handle = C.uintptr_t(h)
	C.fetch_h(&o)
}

// Negative: pinned for the call.
func FetchPinned(cbs *Callbacks) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(cbs)
	var o C.opts
	o.payload = unsafe.Pointer(cbs)
	C.fetch(&o)
}

// Negative: the payload is C memory.
func FetchC() {
	var o C.opts
	o.payload = C.malloc(16)
	defer C.free(o.payload)
	C.fetch(&o)
}

// Negative: a pointer to a type without Go pointers: source does not say
// whether it points to Go or C memory.
func FetchStats(st *Stats) {
	var o C.opts
	o.payload = unsafe.Pointer(st)
	C.fetch(&o)
}

// Negative: a pointer to a C struct.
func FetchNative(n *C.struct_native) {
	var o C.opts
	o.payload = unsafe.Pointer(n)
	C.fetch(&o)
}

// Negative: only an integer field is set from the callbacks.
func FetchCount(cbs *Callbacks) {
	var o C.opts
	o.n = C.int(len(cbs.Name))
	C.fetch(&o)
}
