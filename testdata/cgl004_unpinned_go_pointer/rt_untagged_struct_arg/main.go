// Go memory laid out as a C struct declared by `typedef struct {...} T`
// (no tag) with a pointer field, holding a Go pointer: cgo checks the
// `T *` parameter and the default cgocheck=1 panics (gen2brain/raylib-go's
// ModelAnimation mirror).
//
// runtime: panic "cgo argument has Go pointer to unpinned Go pointer|argument of cgo function has Go pointer to unpinned Go pointer"
package main

/*
typedef struct { int boneCount; int *bones; } anim;
static void unload_anims(anim *anims, int count) { (void)anims; (void)count; }
*/
import "C"

import "unsafe"

type goAnim struct {
	boneCount int32
	bones     *int32
}

func main() {
	x := new(int32)
	a := []goAnim{{1, x}}
	C.unload_anims((*C.anim)(unsafe.Pointer(&a[0])), C.int(len(a))) // want CGL004 "the runtime panics"
}
