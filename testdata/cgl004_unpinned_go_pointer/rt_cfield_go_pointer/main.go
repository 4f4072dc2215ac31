// A pointer to a field of a C struct in Go memory, where that field holds
// a Go pointer (cmd/cgo's ptr_test "ptrfield"): the field's memory holds
// a Go pointer, and the call panics.
//
// runtime: panic "(argument of cgo function|cgo argument) has Go pointer to unpinned Go pointer"
package main

/*
struct s4 { int i; int *p; };
static void f4(int **p) {}
*/
import "C"

import "fmt"

func main() {
	p := &C.struct_s4{i: 0, p: new(C.int)}
	C.f4(&p.p) // want CGL004 "`C.f4` receives `p.p` \(\*C.int\), Go memory whose `p` was set to the Go pointer `new\(C.int\)`"
	fmt.Println("not reached")
}
