// Package aliases frees C memory through a copy of the pointer, a struct
// field, or `unsafe` imported under another name.
package aliases

/*
#include <stdlib.h>

static int use(const char *s) { return s[0]; }
static void upload(void *p, size_t n) { (void)p; (void)n; }
typedef struct cbox { char *data; } cbox;
static void reset(cbox *b) { b->data = NULL; }
*/
import "C"

import u "unsafe"

// ---- copies of the pointer ----

// Freed through the original, used through the copy.
func CopyUsed(s string) {
	p := C.CString(s)
	q := p
	C.free(u.Pointer(p))
	C.use(q) // want CGL006 "`q` is passed to C.use after C.free freed `p` at line 23, and both hold the same pointer"
}

// Freed through the copy, used through the original.
func OriginalUsed(s string) {
	p := C.CString(s)
	q := u.Pointer(p)
	C.free(q)
	C.use(p) // want CGL006 "`p` is passed to C.use after C.free freed `q` at line 31"
}

// Freed through both.
func BothFreed(s string) {
	p := C.CString(s)
	var q = p
	C.free(u.Pointer(p))
	C.free(u.Pointer(q)) // want CGL006 "`q` holds the same pointer as `p`, which C.free already freed at line 39"
}

// Negative: the copy gets a new value before it is used.
func CopyReassigned(s string) {
	p := C.CString(s)
	q := p
	C.free(u.Pointer(p))
	q = C.CString(s)
	C.use(q)
	C.free(u.Pointer(q))
}

// Negative: the free and the use are on different branches.
func CopyOtherBranch(s string, done bool) {
	p := C.CString(s)
	q := p
	if done {
		C.free(u.Pointer(p))
		return
	}
	C.use(q)
	C.free(u.Pointer(p))
}

// Negative: the copy is taken on one branch only, so at the free it may
// hold another pointer.
func CopyMaybe(s string, other *C.char, done bool) {
	p := C.CString(s)
	q := other
	if done {
		q = p
	}
	C.free(u.Pointer(p))
	C.use(q)
}

// Negative: the original was reassigned before the copy was made, and the
// copy holds the new block when the old one is freed.
func CopyOfNew(s string) {
	p := C.CString(s)
	old := p
	p = C.CString(s + "!")
	q := p
	C.free(u.Pointer(old))
	C.use(q)
	C.free(u.Pointer(q))
}

// ---- struct fields ----

type staging struct {
	mem  u.Pointer
	size int
}

func (s *staging) refill() { s.mem = C.malloc(C.size_t(s.size)) }

// A field of a parameter, freed and then passed to C.
func FieldUsed(s *staging) {
	C.free(s.mem)
	C.upload(s.mem, C.size_t(s.size)) // want CGL006 "`s.mem` is passed to C.upload after C.free freed it at line 100"
}

// A field of the receiver, freed twice.
func (s *staging) Close() {
	C.free(s.mem)
	C.free(s.mem) // want CGL006 "`s.mem` is freed again after C.free at line 106"
}

// Negative: the field is reassigned before the use.
func FieldReassigned(s *staging) {
	C.free(s.mem)
	s.mem = C.malloc(C.size_t(s.size))
	C.upload(s.mem, C.size_t(s.size))
}

// Negative: the base is reassigned before the use.
func BaseReassigned(s, t *staging) {
	C.free(s.mem)
	s = t
	C.upload(s.mem, C.size_t(s.size))
}

// Negative: a Go method in between may have reassigned the field.
func FieldRefilled(s *staging) {
	C.free(s.mem)
	s.refill()
	C.upload(s.mem, C.size_t(s.size))
}

// Negative: the free and the use are on different branches.
func FieldOtherBranch(s *staging, done bool) {
	if done {
		C.free(s.mem)
	} else {
		C.upload(s.mem, C.size_t(s.size))
	}
}

// Negative: a field of a C struct, and C code that receives the struct in
// between may have reset it.
func CFieldReset(b *C.cbox) {
	C.free(u.Pointer(b.data))
	C.reset(b)
	C.use(b.data)
}

// Negative: the field is freed only after the last use.
func FieldFreedLast(s *staging) {
	C.upload(s.mem, C.size_t(s.size))
	C.free(s.mem)
	s.mem = nil
}

// A field read into a local, freed through `u.Pointer`, then used.
type easy struct{ ua *C.char }

func (e *easy) SetUA() {
	ua := e.ua
	C.free(u.Pointer(ua))
	C.use(ua) // want CGL006 "`ua` is passed to C.use after C.free freed it at line 160"
}
