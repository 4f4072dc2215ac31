package freed

/*
#include <stdlib.h>
struct pair { int a, b; };
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Printed after the free, but not as an address: %v of a pointer to a
// struct prints the fields, read from freed memory.
func Printed(p *C.struct_pair, n int) string {
	C.free(unsafe.Pointer(p))
	return fmt.Sprintf("%p %v", p, p) // want CGL006 "`p` is passed to fmt.Sprintf after C.free freed it"
}
