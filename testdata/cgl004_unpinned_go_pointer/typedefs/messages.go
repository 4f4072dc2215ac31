package typedefs

/*
#include <stdlib.h>
typedef struct { int boneCount; int *bones; } anim;
static void unload_anims(anim *anims, int count) { (void)anims; (void)count; }
*/
import "C"

import "unsafe"

type goAnim struct {
	boneCount int32
	bones     *int32
}

// Positive, and cgocheck=1 panics: the typedef's untagged struct has a
// pointer field, so cgo checks the `anim *` parameter (gen2brain/raylib-go).
func UnloadAnims() {
	x := new(int32)
	a := []goAnim{{1, x}}
	C.unload_anims((*C.anim)(unsafe.Pointer(&a[0])), C.int(len(a))) // want CGL004 "whose elements hold Go pointers in field `bones`.*the runtime panics"
}

// Positive, and nothing panics: the argument is a `*C.double`, so the
// parameter of getloadavg (declared in a header out of sight) is `double *`,
// which cgo does not check; C writes a double over the Go pointer (giorgisio/goav).
func LoadOver(p *float64) {
	C.getloadavg((*C.double)(unsafe.Pointer(&p)), 1) // want CGL004 "receives `p` \(\*float64\).*cgo does not check a `double \*` parameter at run time"
}
