package pinner

/*
struct msg { void *payload; };
static int send(struct msg *m) { return m->payload != 0; }
*/
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

type payload struct{ n int }

func neverUnpinned(p *payload) {
	var pinner runtime.Pinner
	pinner.Pin(p) // want CGL004 "runtime.Pinner `pinner` pins `p` but is never unpinned"
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	C.send(&m)
}

func newPinner(p *payload) {
	pinner := new(runtime.Pinner)
	pinner.Pin(p) // want CGL004 "runtime.Pinner `pinner` pins `p` but is never unpinned"
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	C.send(&m)
}

func earlyReturn(p *payload) error {
	var pinner runtime.Pinner
	pinner.Pin(p) // want CGL004 "the path leaving `earlyReturn` at line 36 does not call `pinner.Unpin\(\)`"
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	if C.send(&m) == 0 {
		return errors.New("send failed")
	}
	pinner.Unpin()
	return nil
}

func unpinnedInOneBranch(p *payload, fast bool) {
	pinner := &runtime.Pinner{}
	pinner.Pin(p) // want CGL004 "the path leaving `unpinnedInOneBranch` at line 50 does not call"
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	C.send(&m)
	if fast {
		pinner.Unpin()
	}
}

func inClosure(items []*payload) {
	each := func(p *payload) {
		var pinner runtime.Pinner
		pinner.Pin(p) // want CGL004 "never unpinned"
		m := C.struct_msg{payload: unsafe.Pointer(p)}
		C.send(&m)
	}
	for _, p := range items {
		each(p)
	}
}

// --- look-alikes that are correct -----------------------------------------

func deferred(p *payload) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(p)
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	C.send(&m)
}

func deferredClosure(p *payload) {
	var pinner runtime.Pinner
	defer func() {
		pinner.Unpin()
	}()
	pinner.Pin(p)
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	C.send(&m)
}

func everyPath(p *payload) error {
	var pinner runtime.Pinner
	pinner.Pin(p)
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	if C.send(&m) == 0 {
		pinner.Unpin()
		return errors.New("send failed")
	}
	pinner.Unpin()
	return nil
}

func bothBranches(p *payload, fast bool) int {
	var pinner runtime.Pinner
	pinner.Pin(p)
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	n := int(C.send(&m))
	if fast {
		pinner.Unpin()
		return n
	} else {
		pinner.Unpin()
		return -n
	}
}

func pinInBranchThenUnpin(p *payload, pin bool) {
	var pinner runtime.Pinner
	if pin {
		pinner.Pin(p)
	}
	m := C.struct_msg{payload: unsafe.Pointer(p)}
	C.send(&m)
	pinner.Unpin()
}

type conn struct{ pinner runtime.Pinner }

func escapes(p *payload) *runtime.Pinner {
	var pinner runtime.Pinner
	pinner.Pin(p)
	return &pinner // the caller unpins
}

func (c *conn) field(p *payload) {
	c.pinner.Pin(p) // unpinned by another method
}
