package shapes

// Not a preamble and not C: a note parted from the import by a blank line
// that talks about #include and the #cgo directive in prose.

// #include <stdlib.h>
import "C"

import "unsafe"

func Free(p *C.char) { C.free(unsafe.Pointer(p)) }
