package main

// #include <stdint.h>
// #include <stdlib.h>
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

type record struct{ id int }

//export describe
func describe(n C.int) *C.char {
	return C.CString("item") // C memory: the C caller frees it
}

//export newRecord
func newRecord(id C.int) C.uintptr_t {
	return C.uintptr_t(cgo.NewHandle(&record{id: int(id)}))
}

//export recordID
func recordID(h C.uintptr_t) C.int {
	handle := cgo.Handle(h)
	defer handle.Delete()
	return C.int(handle.Value().(*record).id)
}

//export scratch
func scratch(n C.size_t) unsafe.Pointer {
	return C.malloc(n)
}
