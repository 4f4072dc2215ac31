// Go 1.26's new(expr) and Go 1.27's methods with type parameters are valid
// Go that tree-sitter-go 0.25 cannot parse: no syntax error is reported.
// (The Go toolchain runs it: see tests/test_runtime.py.)
//
// runtime: ok
package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type buffer struct{ n int }

// Len is a method with a type parameter (Go 1.27).
func (b *buffer) Len[T any](v T) int { return b.n }

func main() {
	limit := new(int64(64)) // new with an expression (Go 1.26)
	name := new("cgolint")
	quoted := new(fmt.Sprintf("%q(", *name))
	cs := C.CString(*name)
	defer C.free(unsafe.Pointer(cs))
	fmt.Println(*limit, (&buffer{n: 3}).Len(1), *quoted, C.GoString(cs))
}
