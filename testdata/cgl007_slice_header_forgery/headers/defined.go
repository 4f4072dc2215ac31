package headers

import (
	"reflect"
	"unsafe"
)

// A type of the package defined as reflect's header: the same deprecated layout.
type header reflect.SliceHeader

func forgedFromDefined(arr *[4]byte) []byte {
	h := header{Data: uintptr(unsafe.Pointer(&arr[0])), Len: 4, Cap: 4} // want CGL007 "`header{...}` builds a slice header by hand: header, a reflect.SliceHeader, is deprecated"
	return *(*[]byte)(unsafe.Pointer(&h))
}

// Negative: a type named like a header, laid out like nothing of the runtime's.
type pageHeader struct{ id, flags uint32 }

func newPage() pageHeader { return pageHeader{id: 1} }
