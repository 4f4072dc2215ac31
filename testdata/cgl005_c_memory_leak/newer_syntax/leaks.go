// Go newer than tree-sitter-go 0.25 (methods with type parameters, Go
// 1.27; new(expr), Go 1.26) hides nothing: the code in and after it is
// analysed.
package newer

/*
#include <stdlib.h>
#include <string.h>
static size_t clen(const char *s) { return strlen(s); }
*/
import "C"

import "unsafe"

type counter struct{ n int }

func (c *counter) Count[T ~string](s T) int {
	cs := C.CString(string(s)) // want CGL005 "never freed"
	c.n++
	return int(C.clen(cs))
}

func After(s string) int {
	return int(C.clen(C.CString(s))) // want CGL005 "passed straight to C.clen"
}

func Limit(s string) int {
	limit := new(int64(64)) // a comment after it
	cs := C.CString(s)      // want CGL005 "never freed"
	return int(C.clen(cs)) + int(*limit)
}

func Freed(s string) int {
	limit := new(len(s))
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return int(C.clen(cs)) + *limit
}
