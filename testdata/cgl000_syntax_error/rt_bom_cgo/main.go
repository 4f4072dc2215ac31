// want CGL000 "starts with a byte order mark"

// A byte order mark is legal at the start of a Go file, but cgo copies a
// file that imports "C" after a line directive of its own, where the
// toolchain rejects it.
//
// runtime: build-error "invalid BOM in the middle of the file"
package main

// #include <stdlib.h>
import "C"

import "fmt"

func main() { fmt.Println(C.rand() >= 0) }
