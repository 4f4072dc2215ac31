// A C function calls an exported Go function that returns a string built at
// run time: the default cgocheck=1 checks the result and panics.
//
// runtime: panic "(cgo result has Go pointer|result of Go function describe called from cgo is unpinned Go string)"
package main

/*
#include <stddef.h>
typedef struct { const char *p; ptrdiff_t n; } go_string;
extern go_string describe(int n);
static ptrdiff_t describe_length(int n) { return describe(n).n; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println(C.describe_length(7))
}
