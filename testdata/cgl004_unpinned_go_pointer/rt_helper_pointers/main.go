// A helper that hands back a pointer into the slice it is given (the
// byteToChar of many bindings) makes an array of "C pointers" that holds Go
// pointers: the default cgo check panics when its address reaches C.
//
// runtime: panic "Go pointer to unpinned Go pointer"
package main

/*
#include <stddef.h>
#include <stdlib.h>

static size_t total(char **keys, size_t *sizes, size_t n) {
	size_t t = 0;
	for (size_t i = 0; i < n; i++) t += keys[i] ? sizes[i] : 0;
	return t;
}
static size_t length(const char *key, size_t n) { return key ? n : 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func byteToChar(b []byte) *C.char {
	var c *C.char
	if len(b) > 0 {
		c = (*C.char)(unsafe.Pointer(&b[0]))
	}
	return c
}

// A wrapper of the helper.
func keyPointer(k []byte) *C.char { return byteToChar(k) }

// The same through unsafe.SliceData.
func sliceData(b []byte) *C.char { return (*C.char)(unsafe.Pointer(unsafe.SliceData(b))) }

// A helper that copies into C memory.
func cCopy(b []byte) *C.char { return (*C.char)(C.CBytes(b)) }

// --- look-alikes: correct code ---

// One pointer into Go memory that holds no Go pointers: allowed.
func single(key []byte) int {
	return int(C.length(byteToChar(key), C.size_t(len(key))))
}

// The elements point into C memory: C copies of the keys.
func copied(keys [][]byte) int {
	if len(keys) == 0 {
		return 0
	}
	cKeys := make([]*C.char, len(keys))
	cSizes := make([]C.size_t, len(keys))
	for i, k := range keys {
		cKeys[i] = cCopy(k)
		cSizes[i] = C.size_t(len(k))
	}
	defer func() {
		for _, k := range cKeys {
			C.free(unsafe.Pointer(k))
		}
	}()
	return int(C.total(&cKeys[0], &cSizes[0], C.size_t(len(keys))))
}

// The helper is given C memory seen as a slice: the elements point into C memory.
func cBacked(n int) int {
	buf := C.malloc(C.size_t(n))
	defer C.free(buf)
	view := unsafe.Slice((*byte)(buf), n)
	cKeys := make([]*C.char, 1)
	cSizes := []C.size_t{C.size_t(n)}
	cKeys[0] = byteToChar(view)
	return int(C.total(&cKeys[0], &cSizes[0], 1))
}

// --- the bug ---

func multiGet(keys [][]byte) int {
	if len(keys) == 0 {
		return 0
	}
	cKeys := make([]*C.char, len(keys))
	cSizes := make([]C.size_t, len(keys))
	for i, k := range keys {
		cKeys[i] = byteToChar(k)
		cSizes[i] = C.size_t(len(k))
	}
	return int(C.total(&cKeys[0], &cSizes[0], C.size_t(len(keys)))) // want CGL004 "whose `cKeys\[i\]` was set to the Go pointer `byteToChar\(k\)`"
}

func multiGetWrapped(keys [][]byte) int {
	if len(keys) == 0 {
		return 0
	}
	cKeys := make([]*C.char, len(keys))
	cSizes := make([]C.size_t, len(keys))
	for i, k := range keys {
		cKeys[i] = keyPointer(k)
		if i == 0 {
			cKeys[i] = sliceData(k)
		}
		cSizes[i] = C.size_t(len(k))
	}
	return int(C.total(&cKeys[0], &cSizes[0], C.size_t(len(keys)))) // want CGL004 "set to the Go pointer `keyPointer\(k\)`"
}

func main() {
	keys := [][]byte{[]byte("alpha"), []byte("beta")}
	fmt.Println(single(keys[0]), copied(keys), cBacked(8))
	fmt.Println(multiGet(keys), multiGetWrapped(keys))
}
