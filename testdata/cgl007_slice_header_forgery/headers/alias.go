package headers

import (
	r "reflect"
	"unsafe"
)

// Positive: reflect imported under another name.
func Grow(b []byte, n int) []byte {
	hdr := (*r.SliceHeader)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*reflect.SliceHeader"
	hdr.Len = n
	return b
}

// Negative: other reflect API under the alias.
func Kind(v any) r.Kind {
	return r.ValueOf(v).Kind()
}
