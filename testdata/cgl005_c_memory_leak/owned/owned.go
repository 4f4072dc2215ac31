// Package owned holds allocations that are freed or whose ownership is
// handed over: none of them is a leak.
package owned

/*
#include <stdio.h>
#include <stdlib.h>

static char *saved;
int attach(char *name); // defined in a C file: the preamble only declares it
typedef struct { char *subject; } match_t;
int exec_match(char *text, match_t *m);
static void keep_name(char *name) { saved = name; }
static int use(const char *s) { return s[0]; }
struct item { char *name; };
*/
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

// A deferred free covers every later return.
func Deferred(name string) error {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	if C.use(cs) == 0 {
		return errors.New("empty")
	}
	return nil
}

// Returned to the caller, who owns it now.
func Returned(name string) *C.char {
	cs := C.CString(name)
	C.use(cs)
	return cs
}

type Buffer struct {
	ptr unsafe.Pointer
	n   int
}

// Returned inside a composite literal.
func NewBuffer(n int) (*Buffer, error) {
	p := C.malloc(C.size_t(n))
	if p == nil {
		return nil, errors.New("out of memory")
	}
	return &Buffer{ptr: p, n: n}, nil
}

// Stored in a struct field.
func (b *Buffer) Reset(n int) {
	p := C.calloc(C.size_t(n), 1)
	b.ptr = p
}

var global *C.char

// Stored in a package variable, and in a C struct field.
func Store(name string, it *C.struct_item) {
	global = C.CString(name)
	cs := C.CString(name)
	it.name = cs
}

// Stored in a map and in a slice element; appended to a slice.
func Collect(names []string) (map[string]*C.char, []*C.char) {
	m := map[string]*C.char{}
	s := make([]*C.char, len(names))
	var all []*C.char
	for i, name := range names {
		cs := C.CString(name)
		m[name] = cs
		s[i] = C.CString(name)
		all = append(all, C.CString(name))
	}
	_ = all
	return m, s
}

type handle struct{ p *C.char }

// Freed by a finalizer.
func WithFinalizer(name string) *handle {
	h := &handle{}
	cs := C.CString(name)
	runtime.SetFinalizer(h, func(h *handle) { C.free(unsafe.Pointer(h.p)) })
	h.p = cs
	return h
}

func release(p *C.char) { C.free(unsafe.Pointer(p)) }

// Passed to a Go function, which takes it over.
func PassedToGo(name string) {
	cs := C.CString(name)
	C.use(cs)
	release(cs)
}

// Captured by a closure that frees it and escapes.
func Closure(name string) func() {
	cs := C.CString(name)
	C.use(cs)
	return func() { C.free(unsafe.Pointer(cs)) }
}

// A deferred closure frees it.
func DeferredClosure(name string) {
	cs := C.CString(name)
	defer func() {
		C.free(unsafe.Pointer(cs))
	}()
	C.use(cs)
}

// Sent on a channel.
func Send(name string, ch chan<- *C.char) {
	cs := C.CString(name)
	ch <- cs
}

// The preamble's keep_name stores its argument: ownership passes to C,
// inline too.
func KeptByC(name string) {
	cs := C.CString(name)
	C.keep_name(cs)
	C.keep_name(C.CString(name))
}

// putenv keeps the string it is given.
func Putenv(kv string) {
	C.putenv(C.CString(kv))
}

// The nil branch has nothing to free; the panic path is not a leak.
func NilAndPanic(n int) {
	p := C.malloc(C.size_t(n))
	if p == nil {
		return
	}
	if n > 1<<20 {
		panic("too big")
	}
	C.free(p)
}

// Freed on every case of a switch.
func EveryCase(name string, mode int) int {
	cs := C.CString(name)
	switch mode {
	case 0:
		C.free(unsafe.Pointer(cs))
		return 0
	default:
		C.use(cs)
		C.free(unsafe.Pointer(cs))
	}
	return 1
}

// Copied to another variable that is freed: not followed further.
func Alias(name string) {
	cs := C.CString(name)
	other := cs
	C.free(unsafe.Pointer(other))
}

// A named result is returned by the bare return.
func Named(name string) (cs *C.char) {
	cs = C.CString(name)
	return
}

// Silly, but not a leak.
func FreeInline() {
	C.free(C.malloc(1))
}

// Freed in a loop, every iteration.
func LoopFreed(names []string) {
	for _, name := range names {
		cs := C.CString(name)
		if name == "" {
			C.free(unsafe.Pointer(cs))
			continue
		}
		C.use(cs)
		C.free(unsafe.Pointer(cs))
	}
}

// Realloc releases the old block; the new one is freed.
func Grow(n int) {
	p := C.malloc(8)
	p = C.realloc(p, C.size_t(n))
	defer C.free(p)
}

// The address of the variable is handed to C, which may replace it.
func Address(name string) {
	cs := C.CString(name)
	C.keep_name(*(&cs))
}

// Freed only when C reports failure: on success C keeps the string (the
// "takes ownership on success" idiom), even where the preamble only
// declares the function.
func AttachOnSuccess(name string) error {
	cs := C.CString(name)
	if C.attach(cs) != 0 {
		C.free(unsafe.Pointer(cs))
		return errors.New("attach failed")
	}
	return nil
}

type Match struct{ m C.match_t }

func Exec(text string) *Match {
	t := C.CString(text)
	var m C.match_t
	ret := C.exec_match(t, &m)
	if ret != 0 {
		C.free(unsafe.Pointer(t))
		return nil
	}
	return &Match{m: m}
}

type cbuf struct {
	ptr unsafe.Pointer
	n   C.size_t
}

// A nil test through uintptr guards the early return; the pointer is
// handed out through an out-parameter.
func OutParam(dst unsafe.Pointer, n int) C.int {
	data := C.malloc(C.size_t(n))
	if uintptr(data) == 0 {
		return -1
	}
	*((*uintptr)(dst)) = uintptr(data)
	return 0
}

// Pointer arithmetic reads the pointer; the array is returned.
func Array(n int) *C.int {
	arr := C.malloc(C.size_t(n) * 4)
	for i := 0; i < n; i++ {
		*(*C.int)(unsafe.Pointer(uintptr(arr) + uintptr(i)*4)) = C.int(i)
	}
	return (*C.int)(arr)
}

// Written into a caller's struct.
func Fill(out *cbuf, data []byte) C.int {
	ptr := C.CBytes(data)
	if unsafe.Pointer(ptr) == nil {
		return -1
	}
	out.ptr = ptr
	out.n = C.size_t(len(data))
	return 0
}

// Positive: the allocation spelled with the function's name in parentheses
// (dgraph-io/ristretto's `(C.CString)("epoch")`).
func ParenthesizedCString(s string) C.int {
	cs := (C.CString)(s) // want CGL005 "`cs` holds C memory from C.CString that is never freed"
	return C.use(cs)
}
