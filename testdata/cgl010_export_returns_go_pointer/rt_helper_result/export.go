package main

// A file with //export may hold only declarations in its preamble: the C
// caller lives in main.go.

import "C"

import "unsafe"

func produce() []byte { return []byte("abc") }

//export content
func content() *C.char {
	data := produce()
	return (*C.char)(unsafe.Pointer(&data[0])) // want CGL010 "exported function `content` returns the backing array of `data` \(\[\]byte\) to C as \*C.char, but it is Go memory"
}
