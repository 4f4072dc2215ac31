// Package purego uses unsafe.StringData correctly, with no C at all.
package purego

import "unsafe"

func Bytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func First(s string) byte {
	if s == "" {
		return 0
	}
	return *unsafe.StringData(s)
}

func Copy(dst []byte, s string) int {
	b := []byte(s)
	return copy(dst, unsafe.Slice(&b[0], len(b)))
}
