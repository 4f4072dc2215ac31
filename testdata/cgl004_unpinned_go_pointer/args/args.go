package args

/*
#include <stdlib.h>
#include <stdint.h>
struct pair { int *a; int n; };
static void use(void *p) {}
static void use_pair(struct pair *p) {}
static void use_chars(char *p, size_t n) {}
static void use_handle(uintptr_t h) {}
static void *make_buf(size_t n) { return malloc(n); }
static int run(int argc, char **argv) { return argc; }
static void get_name(char **out) { *out = 0; }
typedef void *gpointer;
static void use_gpointer(gpointer p) { (void)p; }
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	u "unsafe"
)

func structWithPointer() {
	n := &node{next: &node{}}
	C.use(u.Pointer(n)) // want CGL004 "`C.use` receives `n` \(\*node\), which holds Go pointers in field `next`"
}

func addressOfStruct() {
	var r request
	r.name = "x"
	C.use(u.Pointer(&r)) // want CGL004 "`r` \(request\), which holds Go pointers in field `name`"
}

func pointerSlice(ptrs []*int) {
	if len(ptrs) == 0 {
		return
	}
	C.use(u.Pointer(&ptrs[0])) // want CGL004 "backing array of `ptrs` .*elements are Go pointers"
}

func stringSlice(strs names) {
	if len(strs) < 2 {
		return
	}
	C.use(u.Pointer(&strs[1])) // want CGL004 "backing array of `strs` .*strings, each holding a Go pointer"
}

func sliceHeader(buf []byte) {
	C.use(u.Pointer(&buf)) // want CGL004 "`buf` \(\[\]byte\): a slice holds a Go pointer"
}

func mapValue() {
	m := map[string]int{}
	C.use(u.Pointer(&m)) // want CGL004 "a map value is itself a Go pointer"
}

func sliceData(ptrs []*node) {
	C.use(u.Pointer(u.SliceData(ptrs))) // want CGL004 "backing array of `ptrs`"
}

func throughVariable(r *request) {
	p := u.Pointer(r)
	C.use(p) // want CGL004 "`p` \(unsafe.Pointer\), which holds Go pointers in field `name`"
}

func asCharPointer(r *request) {
	// (*C.char)(...) hides the pointee from cgo's own check: still illegal.
	C.use_chars((*C.char)(u.Pointer(r)), C.size_t(u.Sizeof(*r))) // want CGL004 "`C.use_chars` receives `r` \(\*request\).*cgo does not check a `char \*` parameter at run time"
}

func (w *wrapper) receiver() {
	C.use(u.Pointer(w)) // want CGL004 "`w` \(\*wrapper\), which holds Go pointers in field `inner`"
}

func (w *wrapper) field() {
	C.use(u.Pointer(&w.inner)) // want CGL004 "`w.inner` \(request\), which holds Go pointers in field `name`"
}

func (w *wrapper) funcField() {
	C.use(u.Pointer(&w.handler)) // want CGL004 "a func value is itself a Go pointer"
}

func closureAndGo(r *request) {
	run := func() {
		C.use(u.Pointer(r)) // want CGL004 "`r` \(\*request\)"
	}
	run()
	go C.use(u.Pointer(r)) // want CGL004 "`r` \(\*request\)"
	defer C.use(u.Pointer(r)) // want CGL004 "`r` \(\*request\)"
}

func cStructWithGoPointer() {
	values := make([]C.int, 8)
	var p C.struct_pair
	p.a = &values[0]
	p.n = C.int(len(values))
	C.use_pair(&p) // want CGL004 "`p` \(C.struct_pair\), a C struct in Go memory whose `p.a` was set to the Go pointer `&values\[0\]`"
}

func cStructLiteral(n int) {
	values := make([]C.int, n+1)
	p := &C.struct_pair{a: &values[0], n: C.int(len(values))}
	C.use_pair(p) // want CGL004 "a C struct in Go memory whose `a` was set to the Go pointer `&values\[0\]`"
}

// --- look-alikes that are correct -----------------------------------------

func pinnedForTheCall(n *node) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(n.next)
	C.use(u.Pointer(n))
}

func handleValue(r *request) {
	h := cgo.NewHandle(r)
	defer h.Delete()
	C.use_handle(C.uintptr_t(h))
}

func cMemory() {
	n := (*node)(C.make_buf(C.size_t(u.Sizeof(node{}))))
	C.use(u.Pointer(n))
	C.free(u.Pointer(n))
}

func pointerFree(p *point, xs []float64) {
	C.use(u.Pointer(p))
	C.use(u.Pointer(unsafe_data(xs)))
}

func byteBuffer(buf []byte) {
	if len(buf) > 0 {
		C.use_chars((*C.char)(u.Pointer(&buf[0])), C.size_t(len(buf)))
	}
	C.use(u.Pointer(u.SliceData(buf)))
}

func cStructValue() {
	var p C.struct_pair
	p.n = 3
	C.use_pair(&p)
	q := C.struct_pair{n: 4}
	C.use_pair(&q)
}

func cStructPinned(values []C.int) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(&values[0])
	var p C.struct_pair
	p.a = &values[0]
	C.use_pair(&p)
}

func cStructWithCMemory(n int) {
	var p C.struct_pair
	p.a = (*C.int)(C.malloc(C.size_t(n) * 4))
	C.use_pair(&p)
	C.free(u.Pointer(p.a))
}

func (w *wrapper) pointerFreeField() {
	C.use(u.Pointer(&w.counts))
	C.use(nil)
}

func unknownPointer(p u.Pointer) {
	C.use(p)
}

func unsafe_data(xs []float64) *float64 { return u.SliceData(xs) }

func cStructLiteralInline() {
	var values [4]C.int
	C.use_pair(&C.struct_pair{a: &values[0], n: C.int(len(values))}) // want CGL004 "whose `a` was set to the Go pointer"
}

func argvOfGoBytes(args [][]byte) {
	argv := make([]*C.char, len(args)+1)
	for i, a := range args {
		argv[i] = (*C.char)(u.Pointer(u.SliceData(a)))
	}
	C.run(C.int(len(args)), &argv[0]) // want CGL004 "`C.run` receives the backing array of `argv` \(\[\]\*C.char\), Go memory whose `argv\[i\]` was set to the Go pointer"
}

func argvOfCStrings(args []string) {
	argv := make([]*C.char, len(args)+1)
	for i, a := range args {
		argv[i] = C.CString(a)
	}
	C.run(C.int(len(args)), &argv[0])
	for _, p := range argv {
		C.free(u.Pointer(p))
	}
}

func outParameter() string {
	var name *C.char
	C.get_name(&name)
	return C.GoString(name)
}

func zeroValue() {
	// A zero string and a zero struct hold only nil pointers: nothing to pin.
	var s string
	C.use(u.Pointer(&s))
	var v struct{ p *byte }
	C.use(u.Pointer(&v))
}

// Negative: a pointer parameter of unknown origin to pointers of bytes, as
// go-gl's generated wrappers take: the pointers may all point into C memory.
func shaderSource(xstring **uint8) int {
	return int(C.run(1, (**C.char)(u.Pointer(xstring))))
}

// Negative: a []*uint8 filled only with pointers into C memory (go-gl's Strs).
func cPointerArray(strs []string) int {
	if len(strs) == 0 {
		return 0
	}
	block := C.malloc(C.size_t(64 * len(strs)))
	defer C.free(block)
	view := u.Slice((*byte)(block), 64*len(strs))
	css := make([]*uint8, len(strs))
	for i := range strs {
		css[i] = &view[64*i]
	}
	return int(C.run(C.int(len(css)), (**C.char)(u.Pointer(&css[0]))))
}

// Negative: the same through a named slice type.
type cStrings []*uint8

func namedPointerArray(strs []string) int {
	if len(strs) == 0 {
		return 0
	}
	block := C.malloc(C.size_t(64 * len(strs)))
	defer C.free(block)
	view := u.Slice((*byte)(block), 64*len(strs))
	css := make(cStrings, len(strs))
	for i := range strs {
		css[i] = &view[64*i]
	}
	return int(C.run(C.int(len(css)), (**C.char)(u.Pointer(&css[0]))))
}

// Positive: one element points into Go memory.
func mixedPointerArray(strs []string, extra []byte) int {
	if len(strs) == 0 || len(extra) == 0 {
		return 0
	}
	block := C.malloc(C.size_t(64 * len(strs)))
	defer C.free(block)
	view := u.Slice((*byte)(block), 64*len(strs))
	css := make([]*uint8, len(strs))
	for i := range strs {
		css[i] = &view[64*i]
	}
	css[0] = &extra[0]
	return int(C.run(C.int(len(css)), (**C.char)(u.Pointer(&css[0])))) // want CGL004 "backing array of `css`"
}

// Positive: handed to a Go function that may fill it with anything.
func filledElsewhere(strs []string) int {
	if len(strs) == 0 {
		return 0
	}
	css := make([]*uint8, len(strs))
	fill(css)
	return int(C.run(C.int(len(css)), (**C.char)(u.Pointer(&css[0])))) // want CGL004 "backing array of `css`"
}

func fill(ptrs []*uint8) {
	for i := range ptrs {
		ptrs[i] = new(uint8)
	}
}

// Through a conversion to a C pointer typedef (GLib's gpointer): reported at
// the call that receives it, not at the conversion.
func throughTypedef(n *node) {
	C.use_gpointer(C.gpointer(u.Pointer(n))) // want CGL004 "`C.use_gpointer` receives `n` \(\*node\), which holds Go pointers in field `next`"
}

// Look-alike: pointer-free Go memory through the same conversion.
func throughTypedefPointerFree(v *int64) {
	C.use_gpointer(C.gpointer(u.Pointer(v)))
}

// Positive: an element's address is taken, and a Go pointer stored through it.
func aliasedPointerArray(goBuf []byte) int {
	if len(goBuf) == 0 {
		return 0
	}
	css := make([]*uint8, 2)
	css[1] = (*uint8)(u.Pointer(C.make_buf(4)))
	pp := &css[0]
	*pp = &goBuf[0]
	return int(C.run(2, (**C.char)(u.Pointer(&css[0])))) // want CGL004 "backing array of `css`"
}

// A literal that sets no Go pointer leaves the Go pointer fields nil: nothing
// to pin at a call right after it (spacemonkeygo/openssl's newCtx).
func literalWithoutGoPointers() {
	w := &wrapper{}
	C.use(u.Pointer(w))
	n := &node{next: nil}
	C.use(u.Pointer(n))
}

// A literal given C memory through a variable sets no Go pointer either.
func literalWithCVariable() {
	p := C.make_buf(8)
	h := &cholder{buf: p}
	C.use(u.Pointer(h))
	C.free(p)
}

// Positive: cgo's C.GoBytes copies into Go memory, a slice the struct holds.
func literalWithGoBytes() {
	p := C.make_buf(8)
	r := &request{buf: C.GoBytes(p, 8)}
	C.free(p)
	C.use(u.Pointer(r)) // want CGL004 "`r` \(\*request\), which holds Go pointers in field `name`"
}

// Positive: a Go pointer set by the literal, or between it and the call.
func literalThenField(next *node) {
	n := &node{next: next}
	C.use(u.Pointer(n)) // want CGL004 "`n` \(\*node\), which holds Go pointers in field `next`"
	m := &node{}
	m.next = next
	C.use(u.Pointer(m)) // want CGL004 "`m` \(\*node\), which holds Go pointers in field `next`"
	b := &boxed{v: 3}   // an interface holds the int on the heap
	C.use(u.Pointer(b)) // want CGL004 "`b` \(\*boxed\), which holds Go pointers in field `v`"
}
