package empty

/*
typedef struct ty *TypeRef;
static void get_types(TypeRef *out) { out[0] = 0; }
*/
import "C"

import "unsafe"

// A helper that converts the pointer it is given and hands it back
// (go-llvm's llvmTypeRefPtr): `&ret[0]` still reaches C, through it.
func typeRefPtr(t *C.TypeRef) *C.TypeRef {
	return (*C.TypeRef)(unsafe.Pointer(t))
}

// Positive: n may be 0.
func Subtypes(n int) []C.TypeRef {
	ret := make([]C.TypeRef, n)
	C.get_types(typeRefPtr(&ret[0])) // want CGL002 "`&ret\[0\]` passed to C.get_types panics \(index out of range\) when ret is empty"
	return ret
}

// Negative: checked first.
func SubtypesChecked(n int) []C.TypeRef {
	if n == 0 {
		return nil
	}
	ret := make([]C.TypeRef, n)
	C.get_types(typeRefPtr(&ret[0]))
	return ret
}
