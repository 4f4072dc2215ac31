package main

/*
#include <stdlib.h>
#include <stdint.h>
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

type record struct{ id int }

//export Sum
func Sum(a, b C.int) C.int { return a + b }

//export Greeting
func Greeting() *C.char {
	return C.CString("hello") // the C caller frees it
}

//export Buffer
func Buffer(n C.size_t) unsafe.Pointer {
	return C.malloc(n)
}

//export NewRecord
func NewRecord() C.uintptr_t {
	return C.uintptr_t(cgo.NewHandle(&record{id: 1}))
}

//export Handle
func Handle() uintptr {
	return uintptr(cgo.NewHandle(&record{id: 2}))
}

//export Ok
func Ok() bool { return true }

//export Version
func Version() string {
	return "v1.2.3" // static data, not the Go heap
}

//export NoError
func NoError() error {
	return nil
}

//export Passthrough
func Passthrough(p unsafe.Pointer) unsafe.Pointer {
	return p // unknown origin
}

//export CArray
func CArray(n C.int) *C.int {
	return (*C.int)(C.calloc(C.size_t(n), 4))
}

// Not exported: returning Go memory to Go callers is fine.
func name() string { return string(make([]byte, 3)) }

// A blank line separates this comment from the function: cgo does not read
// it as a doc comment, so nothing is exported.
//export Detached

func Detached() []byte { return make([]byte, 1) }

//export Later
// The //export line must be in the comment right above func; here it is.
func Later() C.int { return C.int(len(name())) }

func main() {}

//export Echo
func Echo(s []byte) []byte {
	return s // what C passed in, handed back
}

type cstring = C.char

//export Message
func Message() *cstring {
	return C.CString("message")
}

// An array of C strings from an allocator whose prototype the preamble
// does not show (datadog-agent's `_malloc`, declared in its own header):
// the value tells, and it is C memory.
//
//export Tags
func Tags(n C.size_t) **C.char {
	tags := C.valloc(n * C.size_t(unsafe.Sizeof(uintptr(0))))
	if tags == nil {
		return nil
	}
	return (**C.char)(tags)
}
