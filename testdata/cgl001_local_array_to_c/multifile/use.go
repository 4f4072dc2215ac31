package multifile

// #include "keeper.h"
import "C"

import "unsafe"

func trackLocal() {
	var frame [16]C.int
	track(unsafe.Pointer(&frame)) // want CGL001 "track \(through C.keep\) keeps the pointer to the local array `frame` \(64 bytes\)"
	C.release()
}

func digestShort() {
	var out [20]byte
	sum32(&out[0]) // want CGL001 "sum32 hands the local array `out` \(20 bytes\) to C.digest, but the body of C.digest reaches 32 bytes"
}

// --- look-alikes that stay silent ---

func digestExact() [32]byte {
	var out [32]byte
	sum32(&out[0])
	return out
}

func digestWithLength() [16]byte {
	var out [16]C.uchar
	C.digest_n(&out[0], C.size_t(len(out)))
	var b [16]byte
	for i := range out {
		b[i] = byte(out[i])
	}
	return b
}
