package main

// #include "herr.h"
import "C"

import (
	"fmt"
	"unsafe"
)

var messageOK = C.CString("ok")

// A C struct returned by value takes its pointer fields to C: one that
// holds the bytes of a Go string is a Go pointer in the result.
//
//export check
func check(n C.int) C.struct_herr {
	if n == 0 {
		return C.struct_herr{code: 0, message: messageOK}
	}
	msg := fmt.Sprintf("error %d", int(n))
	return C.struct_herr{code: n, message: (*C.char)(unsafe.Pointer(unsafe.StringData(msg)))} // want CGL010 "exported function `check` returns a C.struct_herr whose field `message` holds `unsafe.StringData\(msg\)`"
}

//export checkInto
func checkInto(n C.int) C.struct_herr {
	var e C.struct_herr
	e.code = n
	e.message = messageOK
	return e
}

var scratch = []byte("go bytes\x00")

// The Go pointer is overwritten with C memory before the return.
//
//export checkOverwritten
func checkOverwritten(n C.int) C.struct_herr {
	var e C.struct_herr
	e.message = (*C.char)(unsafe.Pointer(&scratch[0]))
	e.message = messageOK
	e.code = n
	return e
}

// A message made at run time from a prefix and an error's text is new Go
// memory too; one made of constants is static data.
const prefix = "check: "

//export checkConcat
func checkConcat(n C.int, detail *C.char) C.struct_herr {
	msg := "check failed: " + C.GoString(detail)
	return C.struct_herr{code: n, message: (*C.char)(unsafe.Pointer(unsafe.StringData(msg)))} // want CGL010 "field `message` holds `unsafe.StringData\(msg\)`"
}

//export checkConstant
func checkConstant(n C.int) C.struct_herr {
	msg := prefix + "done\x00"
	return C.struct_herr{code: n, message: (*C.char)(unsafe.Pointer(unsafe.StringData(msg)))}
}
