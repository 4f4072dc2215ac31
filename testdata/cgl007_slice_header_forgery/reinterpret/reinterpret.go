package reinterpret

import "unsafe"

type builder struct {
	buf []byte
}

type name string

// Positive, fixed: a []byte read as a string.
func String(b []byte) string {
	return *(*string)(unsafe.Pointer(&b)) // want CGL007 "reinterprets the slice header of b as a string header.*unsafe.String\(unsafe.SliceData\(b\), len\(b\)\)"
}

// Positive, fixed: a string read as a []byte.
func Bytes(s string) []byte {
	return *(*[]byte)(unsafe.Pointer(&s)) // want CGL007 "reinterprets the string header of s as a slice header: the capacity is read from whatever memory"
}

// Positive, fixed: a field.
func (b *builder) String() string {
	return *(*string)(unsafe.Pointer(&b.buf)) // want CGL007 "slice header of b.buf"
}

// Positive, not fixed: the pointer goes through a variable.
func Indirect(b []byte) string {
	p := unsafe.Pointer(&b)
	return *(*string)(p) // want CGL007 "slice header of b"
}

// Positive, not fixed: the pointer itself is kept.
func Pointer(b []byte) *string {
	return (*string)(unsafe.Pointer(&b)) // want CGL007 "slice header of b"
}

// Positive, not fixed: a named string type cannot be passed to unsafe.StringData.
func NameBytes(n name) []byte {
	return *(*[]byte)(unsafe.Pointer(&n)) // want CGL007 "string header of n"
}

// Positive, not fixed: assigned to, not read.
func Overwrite(b []byte, s string) {
	*(*string)(unsafe.Pointer(&b)) = s // want CGL007 "slice header of b"
}

// Negative: the replacements.
func StringModern(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func BytesModern(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
