// The address of a variable that holds a Go pointer (cmd/cgo's ptr_test
// "union1"; `p := new(C.int); C.f4(&p)`): C gets Go memory that holds a
// Go pointer, and the call panics.
//
// runtime: panic "(argument of cgo function|cgo argument) has Go pointer to unpinned Go pointer"
package main

/*
static void f4(int **p) {}
*/
import "C"

import "fmt"

func main() {
	p := new(C.int)
	C.f4(&p) // want CGL004 "`C.f4` receives `p` \(\*C.int\), Go memory holding the Go pointer `new\(C.int\)`"
	fmt.Println("not reached")
}
