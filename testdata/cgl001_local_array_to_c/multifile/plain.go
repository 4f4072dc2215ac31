package multifile

import "unsafe"

// No cgo here: unsafe on a local array never reaches C.
func reinterpret() uint32 {
	var raw [4]byte
	return *(*uint32)(unsafe.Pointer(&raw[0]))
}
