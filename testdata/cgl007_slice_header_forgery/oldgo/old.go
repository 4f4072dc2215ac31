package oldgo

import "unsafe"

// Positive, not fixed: go.mod says Go 1.19, before unsafe.String existed.
func String(b []byte) string {
	return *(*string)(unsafe.Pointer(&b)) // want CGL007 "slice header of b"
}
