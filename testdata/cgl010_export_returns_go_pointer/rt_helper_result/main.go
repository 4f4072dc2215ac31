// A C function calls an exported Go function that returns a pointer into
// a slice a package function made: Go memory, and the default cgocheck=1
// panics on the result.
//
// runtime: panic "(cgo result has Go pointer|result of Go function content called from cgo is unpinned Go pointer)"
package main

/*
extern char *content(void);
static int first_byte(void) { return content()[0]; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println(C.first_byte())
}
