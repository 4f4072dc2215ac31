package multifile

import "unsafe"

// No cgo in this file: unsafe conversions of a buffer never reach C.
func firstWord(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return *(*uint64)(unsafe.Pointer(&b[0]))
}
