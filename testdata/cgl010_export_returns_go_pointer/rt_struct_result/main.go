// A C function calls an exported Go function that returns a C struct
// holding a pointer to a Go string's bytes: the default cgocheck=1 checks
// the result and panics.
//
// runtime: panic "(cgo result has Go pointer|result of Go function \w+ called from cgo is unpinned Go pointer)"
package main

/*
#include "herr.h"
extern struct herr check(int n);
extern struct herr checkInto(int n);
static int check_code(int n) { return check(n).code + checkInto(n).code; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println(C.check_code(0))
	fmt.Println(C.check_code(7))
}
