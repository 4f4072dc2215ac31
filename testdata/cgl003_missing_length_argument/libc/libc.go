// Unbounded libc calls on Go memory, and the same calls on C memory.
package libc

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
*/
import "C"

import (
	"unsafe"
)

type record struct {
	name [32]C.char
}

var banner [64]byte

func copyIntoLocal(src *C.char) {
	var dst [16]C.char
	C.strcpy(&dst[0], src) // want CGL003 "C.strcpy writes into the local array `dst` \(16 bytes\) until its source ends.*C.strncpy"
}

func appendIntoField(r *record, src *C.char) {
	C.strcat(&r.name[0], src) // want CGL003 "C.strcat writes into the array field `r.name` \(32 bytes\)"
}

func stpcpyIntoSlice(src *C.char) []byte {
	out := make([]byte, 8)
	C.stpcpy((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), src) // want CGL003 "C.stpcpy writes into the local slice `out`"
	return out
}

func wideCopy(src *C.wchar_t) {
	var wide [8]C.wchar_t
	C.wcscpy(&wide[0], src) // want CGL003 "C.wcscpy writes into the local array `wide` \(32 bytes\)"
}

func joinPath(dir, base *C.char) []byte {
	path := make([]byte, 128)
	C.strcpy((*C.char)(unsafe.Pointer(&path[0])), dir) // want CGL003 "C.strcpy writes into the local slice `path`"
	C.strcat((*C.char)(unsafe.Pointer(&path[0])), base) // want CGL003 "C.strcat writes into the local slice `path`.*C.strncat"
	return path
}

func lengthOfBytes(data []byte) int {
	if len(data) == 0 {
		return 0
	}
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.SliceData(data))))) // want CGL003 "C.strlen reads the slice parameter `data` until it meets a NUL byte.*C.strnlen"
}

func duplicateBanner() *C.char {
	return C.strdup((*C.char)(unsafe.Pointer(&banner[0]))) // want CGL003 "C.strdup reads the package-level array `banner` \(64 bytes\)"
}

func compare(a []byte, b *C.char) bool {
	if len(a) == 0 {
		return false
	}
	p := (*C.char)(unsafe.Pointer(&a[0]))
	return C.strcmp(p, b) == 0 // want CGL003 "C.strcmp reads the slice parameter `a`"
}

func parseNumber(digits [10]byte) int {
	return int(C.atoi((*C.char)(unsafe.Pointer(&digits[0])))) // want CGL003 "C.atoi reads the local array `digits` \(10 bytes\).*strconv.Atoi"
}

func copyBothWays(dst *C.char) {
	var src [4]C.char
	C.strcpy(dst, &src[0]) // want CGL003 "C.strcpy reads the local array `src` \(4 bytes\) until it meets a NUL byte"
}

// --- look-alikes that stay silent ---

// C memory from C.CString and C.malloc.
func cMemory(s string) C.size_t {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	dst := (*C.char)(C.malloc(C.size_t(len(s) + 1)))
	defer C.free(unsafe.Pointer(dst))
	C.strcpy(dst, cs)
	return C.strlen(dst)
}

// A *C.char of unknown origin.
func unknownOrigin(p *C.char) C.size_t {
	return C.strlen(p)
}

// The function stores the terminator itself.
func terminated(data []byte) C.size_t {
	buf := make([]byte, 64)
	n := copy(buf[:63], data)
	buf[n] = 0
	return C.strlen((*C.char)(unsafe.Pointer(&buf[0])))
}

// Room for a terminator: make(len+1), then copy.
func withRoom(name string) *C.char {
	cname := make([]byte, len(name)+1)
	copy(cname, name)
	return C.strdup((*C.char)(unsafe.Pointer(&cname[0])))
}

// A terminator appended later, or spelled in the literal.
func appendedLater(s string) C.int {
	b := []byte(s)
	b = append(b, 0)
	lit := []byte("abc\x00")
	return C.atoi((*C.char)(unsafe.Pointer(&b[0]))) + C.int(C.strlen((*C.char)(unsafe.Pointer(&lit[0]))))
}

// Bounded calls.
func bounded(src *C.char) [16]C.char {
	var dst [16]C.char
	C.strncpy(&dst[0], src, C.size_t(len(dst)-1))
	C.strnlen(&dst[0], C.size_t(len(dst)))
	return dst
}

// A C slice made over C memory.
func cSlice(n int) C.size_t {
	p := C.malloc(C.size_t(n))
	defer C.free(p)
	view := unsafe.Slice((*byte)(p), n)
	view[n-1] = 1
	return C.strlen((*C.char)(unsafe.Pointer(unsafe.SliceData(view))))
}
