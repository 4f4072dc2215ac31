// A slice held in a struct field: `&a.names[0]` hands C the slice's
// backing array, and a Go pointer appended to it makes the call panic.
//
// runtime: panic "cgo argument has Go pointer to unpinned Go pointer|argument of cgo function has Go pointer to unpinned Go pointer"
package main

/*
#include <stddef.h>
static size_t count_names(char **names, size_t n) { return n; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type argv struct {
	label string
	names []*C.char
}

func main() {
	b := []byte("name\x00")
	a := &argv{label: "x"}
	a.names = append(a.names, (*C.char)(unsafe.Pointer(unsafe.SliceData(b))))
	fmt.Println(C.count_names(&a.names[0], C.size_t(len(a.names)))) // want CGL004 "receives the backing array of `a.names` \(\[\]\*C.char\), Go memory to which the Go pointer"
}
