package args

// #include <stdlib.h>
// static void use_generic(void *p) { (void)p; }
import "C"

import "unsafe"

// In a generic function or method, `T` is the type parameter, not a
// package type that happens to share the name: nothing is known of what
// it holds, so nothing is reported. The package's own T holds a Go pointer.

type T struct{ next *T }

type holder struct{}

func UseGeneric[T any](p *T) { C.use_generic(unsafe.Pointer(p)) }

func (holder) Use[T any](p *T) { C.use_generic(unsafe.Pointer(p)) }

func UseNode(p *T) {
	C.use_generic(unsafe.Pointer(p)) // want CGL004 "receives `p` \(\*T\), which holds Go pointers in field `next`"
}
