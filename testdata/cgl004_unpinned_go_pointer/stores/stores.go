package stores

/*
#include <stdlib.h>
#include <stdint.h>
struct job { char *data; size_t len; void *ctx; uintptr_t handle; };
typedef struct job job_t;
static struct job *new_job(void) { return calloc(1, sizeof(struct job)); }
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	"unsafe"
)

type state struct{ count int }

func fieldOfMallocedStruct(b []byte) *C.struct_job {
	j := (*C.struct_job)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_job{}))))
	data := make([]byte, len(b)+1)
	copy(data, b)
	j.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(data))) // want CGL004 "`j.data` is C memory, and this stores a Go pointer to the backing array of `data` \(\[\]byte\) in it"
	j.len = C.size_t(len(data))
	return j
}

func fieldOfCFunctionResult() {
	s := &state{}
	j := C.new_job()
	defer C.free(unsafe.Pointer(j))
	j.ctx = unsafe.Pointer(s) // want CGL004 "`j.ctx` is C memory, and this stores a Go pointer to `s` \(\*state\)"
}

func throughTypedef() *C.job_t {
	j := (*C.job_t)(C.calloc(1, C.size_t(unsafe.Sizeof(C.job_t{}))))
	var s state
	j.ctx = unsafe.Pointer(&s) // want CGL004 "`j.ctx` is C memory, and this stores a Go pointer to `s` \(state\)"
	return j
}

func derefStore() unsafe.Pointer {
	slot := C.malloc(8)
	x := new(int)
	*(**int)(slot) = x // want CGL004 "`\*\(\*\*int\)\(slot\)` is C memory, and this stores a Go pointer to `x` \(\*int\)"
	return slot
}

func arrayStore(n int) unsafe.Pointer {
	table := C.calloc(C.size_t(n), 8)
	items := make([]*state, n)
	for i := range items {
		items[i] = &state{count: i}
		(*[1 << 20]*state)(table)[i] = items[i] // want CGL004 "is C memory, and this stores a Go pointer to `items\[i\]` \(\*state\)"
	}
	return table
}

func unsafeSliceStore(n int) {
	slots := unsafe.Slice((*unsafe.Pointer)(C.calloc(C.size_t(n), 8)), n)
	buf := make([]byte, 16)
	slots[0] = unsafe.Pointer(&buf[0]) // want CGL004 "`slots\[0\]` is C memory, and this stores a Go pointer to the backing array of `buf`"
}

// --- look-alikes that are correct -----------------------------------------

func pinnedStore(b []byte) {
	var pinner runtime.Pinner
	data := make([]byte, len(b)+1)
	pinner.Pin(unsafe.SliceData(data))
	j := C.new_job()
	j.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(data)))
	C.free(unsafe.Pointer(j))
	pinner.Unpin()
}

func handleStore(s *state) {
	j := C.new_job()
	defer C.free(unsafe.Pointer(j))
	j.handle = C.uintptr_t(cgo.NewHandle(s))
}

func cPointerStore(b []byte) {
	j := C.new_job()
	j.data = (*C.char)(C.CBytes(b))
	j.len = C.size_t(len(b))
	*(**C.char)(unsafe.Pointer(&j.ctx)) = C.CString("x")
}

func goStructValue(s *state) {
	// a C struct in Go memory: storing Go pointers in it is legal as long
	// as it is not passed to C
	var j C.struct_job
	j.ctx = unsafe.Pointer(s)
	_ = j
}

func goMemoryStore() {
	holder := make([]unsafe.Pointer, 1)
	x := new(int)
	holder[0] = unsafe.Pointer(x)
	*(**int)(unsafe.Pointer(&holder[0])) = x
}

// A Go constructor of C memory, as bindings write them.
func newJob() *C.struct_job {
	return (*C.struct_job)(C.calloc(1, C.size_t(unsafe.Sizeof(C.struct_job{}))))
}

func fieldOfGoConstructor() {
	s := &state{}
	j := newJob()
	defer C.free(unsafe.Pointer(j))
	j.ctx = unsafe.Pointer(s) // want CGL004 "`j.ctx` is C memory, and this stores a Go pointer to `s` \(\*state\)"
}

// A Go constructor that may hand back Go memory: not known to be C memory.
func newJobAnywhere(inGo bool) *C.struct_job {
	if inGo {
		return &C.struct_job{}
	}
	return newJob()
}

func fieldOfMixedConstructor() {
	s := &state{}
	j := newJobAnywhere(true)
	j.ctx = unsafe.Pointer(s)
}

// An element of C memory seen as a Go slice (fuse-style iovec arrays).
func iovecStore(b []byte) {
	arr := (*C.struct_job)(C.calloc(2, C.size_t(unsafe.Sizeof(C.struct_job{}))))
	defer C.free(unsafe.Pointer(arr))
	jobs := unsafe.Slice(arr, 2)
	jobs[1].ctx = unsafe.Pointer(&b[0]) // want CGL004 "`jobs\[1\].ctx` is C memory, and this stores a Go pointer to the backing array of `b`"
	jobs[1].len = C.size_t(len(b))
}

// Look-alike: the same through a Go slice of C structs, Go memory.
func goSliceStore(s *state) {
	jobs := make([]C.struct_job, 2)
	jobs[1].ctx = unsafe.Pointer(s)
	_ = jobs
}

// The elements copied into C memory are Go pointers: what the Go slice was
// given, not where the slice lives, says where they point.
func copyPointers(x, y []int) unsafe.Pointer {
	ptrs := []unsafe.Pointer{unsafe.Pointer(&x[0]), unsafe.Pointer(&y[0])}
	table := unsafe.Slice((*unsafe.Pointer)(C.malloc(16)), 2)
	for i := range ptrs {
		table[i] = ptrs[i] // want CGL004 "is C memory, and this stores a Go pointer to `ptrs\[i\]`"
	}
	return unsafe.Pointer(&table[0])
}

// The elements copied are C strings: C memory into C memory.
func copyCStrings(names []string) unsafe.Pointer {
	strs := make([]*C.char, len(names))
	for i, name := range names {
		strs[i] = C.CString(name)
	}
	table := unsafe.Slice((**C.char)(C.malloc(C.size_t(8*len(names)))), len(names))
	for i := range strs {
		table[i] = strs[i]
	}
	return unsafe.Pointer(unsafe.SliceData(table))
}

// Pointer arithmetic stays within the block it starts from.
func arithmeticStore(items [][]byte) unsafe.Pointer {
	size := unsafe.Sizeof(uintptr(0))
	block := C.malloc(C.size_t(len(items)) * C.size_t(size))
	for i, item := range items {
		slot := (**C.char)(unsafe.Pointer(uintptr(block) + uintptr(i)*size))
		*slot = (*C.char)(unsafe.Pointer(unsafe.SliceData(item))) // want CGL004 "`\*slot` is C memory"
	}
	return block
}

func arithmeticGoStore(items [][]byte) []*C.char {
	slots := make([]*C.char, len(items))
	size := unsafe.Sizeof(uintptr(0))
	for i, item := range items {
		slot := (**C.char)(unsafe.Pointer(uintptr(unsafe.Pointer(unsafe.SliceData(slots))) + uintptr(i)*size))
		*slot = (*C.char)(unsafe.Pointer(unsafe.SliceData(item)))
	}
	return slots
}
