// The preamble is read, but the #cgo line a blank line parts from it is
// dropped: the C is compiled without -DMODE=2, which the #error proves.
//
// runtime: build-error "MODE was not set"
package main

// #cgo CFLAGS: -DMODE=2 // want CGL012 "its #cgo lines never reach C"

// #ifndef MODE
// #error MODE was not set
// #endif
// static int mode(void) { return MODE; }
import "C"

import "fmt"

func main() { fmt.Println(C.mode()) }
