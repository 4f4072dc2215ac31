package reinterpret

import u "unsafe"

// Positive, fixed with the file's name for unsafe.
func Key(b []byte) string {
	return *(*string)(u.Pointer(&b)) // want CGL007 "u.Pointer"
}
