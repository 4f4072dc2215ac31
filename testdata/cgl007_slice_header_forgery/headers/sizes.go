package headers

import (
	"reflect"
	"unsafe"
)

// Negative: unsafe.Sizeof sizes its operand and never evaluates it, so the
// header literal here allocates nothing (portaudio sizes its buffers so).
const sliceHeaderSize = unsafe.Sizeof(reflect.SliceHeader{})

func HeaderWords() uintptr {
	return unsafe.Sizeof(reflect.StringHeader{}) / unsafe.Alignof(*new(reflect.SliceHeader))
}

// Positive, for contrast: a literal that is evaluated.
func Header(p unsafe.Pointer, n int) reflect.SliceHeader {
	return reflect.SliceHeader{Data: uintptr(p), Len: n, Cap: n} // want CGL007 "builds a slice header by hand"
}
