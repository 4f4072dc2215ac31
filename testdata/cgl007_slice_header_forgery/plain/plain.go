// Package plain declares its own header type and imports neither reflect
// nor unsafe: nothing here can forge a header.
package plain

// SliceHeader is this package's own type, not reflect's.
type SliceHeader struct {
	Data uintptr
	Len  int
	Cap  int
}

func New(n int) *SliceHeader {
	h := &SliceHeader{Len: n, Cap: n}
	h.Data = 0
	return h
}

func Alloc() *SliceHeader {
	var h SliceHeader
	return &h
}
