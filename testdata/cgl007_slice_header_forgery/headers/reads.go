package headers

import (
	"reflect"
	"unsafe"
)

type cBuffer struct {
	cptr unsafe.Pointer
	size int
}

// Positive, worded for what is at stake: the view only reads the fields
// as numbers (chai2010/webp's cBuffer.Own), so the advice is to read them
// without the deprecated type.
func (p *cBuffer) Own(b []byte) bool {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*reflect.SliceHeader to read its fields.*unsafe.SliceData\(b\), len\(b\) and cap\(b\)"
	return uintptr(sh.Data) == uintptr(p.cptr) && sh.Len == p.size
}

func stringLength(s string) int {
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want CGL007 "`s` is viewed as \*reflect.StringHeader to read its fields.*unsafe.StringData\(s\) and len\(s\)"
	return sh.Len
}

// Positive, with the garbage collector's hazard: a pointer made from Data,
// a field written, or the view itself handed on.
func dataPointer(b []byte) unsafe.Pointer {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*reflect.SliceHeader: the type is deprecated \(Go 1.21\) and its Data is a uintptr: a pointer read from it keeps nothing alive"
	return unsafe.Pointer(sh.Data)
}

func truncate(b []byte, n int) []byte {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*reflect.SliceHeader: the type is deprecated \(Go 1.21\) and its Data is a uintptr"
	sh.Len = n
	return b
}

func headerOf(b []byte) *reflect.SliceHeader {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*reflect.SliceHeader: the type is deprecated \(Go 1.21\) and its Data is a uintptr"
	_ = sh.Len
	return sh
}

// One finding, at the declaration: viewing a header as a header is no view
// (wasmer-go's Memory.Data).
func wrap(data unsafe.Pointer, length int) []byte {
	var header reflect.SliceHeader // want CGL007 "`header` is declared as a reflect.SliceHeader"
	header = *(*reflect.SliceHeader)(unsafe.Pointer(&header))
	header.Data = uintptr(data)
	header.Len = length
	header.Cap = length
	return *(*[]byte)(unsafe.Pointer(&header))
}

// Positive, with the garbage collector's hazard: Data leaves the view as a
// number, kept or made a pointer later; a home-made view written through a method.
func dataOf(b []byte) uintptr {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*reflect.SliceHeader: the type is deprecated \(Go 1.21\) and its Data is a uintptr: a pointer read from it keeps nothing alive"
	return sh.Data
}

func dataLater(b []byte) func() uintptr {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*reflect.SliceHeader: the type is deprecated \(Go 1.21\) and its Data is a uintptr: a pointer read from it keeps nothing alive"
	return func() uintptr { return sh.Data }
}

func (h *pointerStringHeader) setLen(n int) { h.len = n }

func shortened(s string, n int) string {
	h := (*pointerStringHeader)(unsafe.Pointer(&s)) // want CGL007 "`s` is viewed as \*pointerStringHeader, a struct laid out like its string header: this relies on the runtime's private layout, and a string written"
	h.setLen(n)
	return s
}

// Positive, and only the view's own finding: a parameter or a field that
// is a header, viewed as one (its declaration is not reported).
type wrapped struct{ hdr reflect.SliceHeader }

func viewedParameter(h reflect.SliceHeader) int {
	view := (*reflect.SliceHeader)(unsafe.Pointer(&h)) // want CGL007 "`h` is viewed as \*reflect.SliceHeader"
	return view.Len
}

func viewedField(w *wrapped) int {
	view := (*reflect.SliceHeader)(unsafe.Pointer(&w.hdr)) // want CGL007 "`w.hdr` is viewed as \*reflect.SliceHeader"
	return view.Len
}

// Positive, with the general wording: a string viewed as a slice header
// (its Cap is past the string's two words), so no advice to read them.
func stringCap(s string) int {
	sh := (*reflect.SliceHeader)(unsafe.Pointer(&s)) // want CGL007 "`s` is viewed as \*reflect.SliceHeader: the type is deprecated \(Go 1.21\) and its Data is a uintptr"
	return sh.Cap
}

// Through a pointer to the string (gotk4's unsafeCStr): `*s` is viewed.
func pointedData(s *string) unsafe.Pointer {
	h := (*reflect.StringHeader)(unsafe.Pointer(s)) // want CGL007 "`\*s` is viewed as \*reflect.StringHeader: the type is deprecated"
	return unsafe.Pointer(h.Data)
}

func pointedLength(s *string) int {
	h := (*reflect.StringHeader)(unsafe.Pointer(s)) // want CGL007 "`\*s` is viewed as \*reflect.StringHeader to read its fields.*unsafe.StringData\(\*s\) and len\(\*s\)"
	return h.Len
}

// One finding for a header written through a view (karalabe/usb's
// rawDevice buffers): the view is reported, not the literal as well.
func viewWritten(ptr unsafe.Pointer, n int) []byte {
	var b []byte
	*(*reflect.SliceHeader)(unsafe.Pointer(&b)) = reflect.SliceHeader{Data: uintptr(ptr), Len: n, Cap: n} // want CGL007 "`b` is viewed as \*reflect.SliceHeader: the type is deprecated"
	return b
}
