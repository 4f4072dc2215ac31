// A package over several files: the C side lives in keeper.h, helpers in
// one file are called from another.
package multifile

// #include "keeper.h"
import "C"

import "unsafe"

// track hands its argument to C.keep, which stores it.
func track(p unsafe.Pointer) {
	C.keep(p)
}

// sum32 hands its argument to C.digest, which assumes 32 bytes.
func sum32(out *byte) {
	C.digest((*C.uchar)(out))
}

func registerLocal() {
	var state [48]byte
	C.keep(unsafe.Pointer(&state[0])) // want CGL001 "C.keep keeps the pointer to the local array `state` \(48 bytes\)"
}
