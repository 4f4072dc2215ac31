package headers

// #include <stdlib.h>
import "C"

import (
	"reflect"
	"unsafe"
)

// A header over C memory: the garbage collector is not at stake, the
// deprecated type is (the message says which).
func ViewMalloced(n int) []byte {
	p := C.malloc(C.size_t(n))
	return *(*[]byte)(unsafe.Pointer(&reflect.SliceHeader{Data: uintptr(p), Len: n, Cap: n})) // want CGL007 "its Data holds C memory here, which the garbage collector never frees"
}
