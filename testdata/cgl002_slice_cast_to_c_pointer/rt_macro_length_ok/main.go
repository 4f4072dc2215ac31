// A length the preamble #defines (24U) is a constant like a Go one: the
// slice out[:nonceSize] holds 24 bytes, or the slicing panics first.
//
// runtime: ok
package main

/*
#include <stddef.h>
#define NONCEBYTES 24U
static void fill(void *buf, size_t size) { unsigned char *p = buf; for (size_t i = 0; i < size; i++) p[i] = (unsigned char)i; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

const nonceSize = C.NONCEBYTES

func seal(msg []byte) []byte {
	out := make([]byte, nonceSize+len(msg))
	nonce := out[:nonceSize] // 24 bytes, or the slicing panics first
	C.fill(unsafe.Pointer(&nonce[0]), C.size_t(len(nonce)))
	copy(out[nonceSize:], msg)
	return out
}

func main() { fmt.Println(len(seal(nil)), seal([]byte("x"))[:4]) }
