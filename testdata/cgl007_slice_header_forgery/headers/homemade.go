package headers

import "unsafe"

// A header of the package's own, laid out like the runtime's.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

type stringHeader struct {
	data uintptr
	len  int
}

// Three words, but no pointer first: not a header.
type triple struct{ a, b, c int }

func forgedSlice(p unsafe.Pointer, n int) []byte {
	hdr := sliceHeader{data: p, len: n, cap: n}
	return *(*[]byte)(unsafe.Pointer(&hdr)) // want CGL007 "forges a slice from `hdr`, a struct laid out like a slice header"
}

func forgedString(p uintptr, n int) string {
	hdr := stringHeader{data: p, len: n}
	return *(*string)(unsafe.Pointer(&hdr)) // want CGL007 "forges a string from `hdr`, a struct laid out like a string header"
}

func viewedSlice(p unsafe.Pointer, n int) []byte {
	var s []byte
	h := (*sliceHeader)(unsafe.Pointer(&s)) // want CGL007 "`s` is viewed as \*sliceHeader, a struct laid out like its slice header"
	h.data, h.len, h.cap = p, n, n
	return s
}

func forgedThroughPointer(p unsafe.Pointer, n int) []byte {
	hdr := &sliceHeader{data: p, len: n, cap: n}
	return *(*[]byte)(unsafe.Pointer(hdr)) // want CGL007 "forges a slice from `hdr`, a struct laid out like a slice header"
}

func forgedThroughNew(p unsafe.Pointer, n int) []byte {
	hdr := new(sliceHeader)
	hdr.data, hdr.len, hdr.cap = p, n, n
	return *(*[]byte)(unsafe.Pointer(hdr)) // want CGL007 "forges a slice from `hdr`, a struct laid out like a slice header"
}

func forgedFromLocalType(p unsafe.Pointer, n int) []byte {
	type header struct {
		data     unsafe.Pointer
		len, cap int
	}
	hdr := header{data: p, len: n, cap: n}
	return *(*[]byte)(unsafe.Pointer(&hdr)) // want CGL007 "forges a slice from `hdr`, a struct laid out like a slice header"
}

func localTripleView() [3]int {
	type triple3 struct{ a, b, c int }
	t := triple3{1, 2, 3}
	return *(*[3]int)(unsafe.Pointer(&t))
}

// Look-alikes: the same struct never reinterpreted as a slice, and a
// struct of three ints viewed as one (no data pointer to forge).
func headerAsValue(p unsafe.Pointer, n int) sliceHeader {
	return sliceHeader{data: p, len: n, cap: n}
}

func tripleView(t *triple) *[3]int {
	return (*[3]int)(unsafe.Pointer(t))
}

// Headers named otherwise (`hdr`), and arrays of words laid out like a
// header (`[3]uintptr`, `[2]uintptr`), are views all the same.
type hdr struct {
	data     uintptr
	len, cap int
}

func viewedThroughHdr(s []byte) int {
	return (*hdr)(unsafe.Pointer(&s)).cap // want CGL007 "`s` is viewed as \*hdr, a struct laid out like its slice header"
}

func viewedAsWords(p unsafe.Pointer, n int) []byte {
	var b []byte
	words := (*[3]uintptr)(unsafe.Pointer(&b)) // want CGL007 "`b` is viewed as \*\[3\]uintptr, an array laid out like its slice header"
	words[0], words[1], words[2] = uintptr(p), uintptr(n), uintptr(n)
	return b
}

func stringWords(s string) uintptr {
	return (*[2]uintptr)(unsafe.Pointer(&s))[1] // want CGL007 "`s` is viewed as \*\[2\]uintptr, an array laid out like its string header"
}

func forgedFromWords(p unsafe.Pointer, n int) []byte {
	words := [3]uintptr{uintptr(p), uintptr(n), uintptr(n)}
	return *(*[]byte)(unsafe.Pointer(&words)) // want CGL007 "forges a slice from `words`, an array laid out like a slice header"
}

// Look-alike: the first words of a slice's elements, not of its header.
func firstWords(s []uintptr) *[3]uintptr {
	return (*[3]uintptr)(unsafe.Pointer(&s[0]))
}

// Positive, worded for a view that only reads its fields (NVIDIA/go-nvml's
// unpackPCharString): the layout is at stake, not a forged string.
type pointerStringHeader struct {
	data unsafe.Pointer
	len  int
}

func stringData(str string) unsafe.Pointer {
	h := (*pointerStringHeader)(unsafe.Pointer(&str)) // want CGL007 "`str` is viewed as \*pointerStringHeader, a struct laid out like its string header, to read its fields: this relies on the runtime's private layout; read them with unsafe.StringData\(str\) and len\(str\)"
	return h.data
}
