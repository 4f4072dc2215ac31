package nonempty

/*
#include <stdlib.h>
typedef struct { int frames; } block;
int submit_blocks(block **b, int n);
int set_bytes(const unsigned char *p, int n);
*/
import "C"

import (
	"strconv"
	"strings"
	"unsafe"
)

// Negative: a concatenation with a non-empty literal is never empty.
func SetParamZ(v int) {
	val := []byte(strconv.Itoa(v) + "\x00")
	C.set_bytes((*C.uchar)(unsafe.Pointer(&val[0])), C.int(len(val)))
}

// Negative: the literal on the left is enough too.
func SetNameZ(name string) {
	val := []byte("k=" + name)
	C.set_bytes((*C.uchar)(unsafe.Pointer(&val[0])), C.int(len(val)))
}

// Positive: a concatenation of two strings that may both be empty.
func SetJoined(a, b string) {
	val := []byte(a + b)
	C.set_bytes((*C.uchar)(unsafe.Pointer(&val[0])), C.int(len(val))) // want CGL002 "`&val\[0\]` passed to C.set_bytes panics \(index out of range\) when val is empty"
}

// Negative: strconv.Itoa never returns "".
func SetNumber(v int) {
	val := []byte(strconv.Itoa(v))
	C.set_bytes((*C.uchar)(unsafe.Pointer(&val[0])), C.int(len(val)))
}

// Positive: strings.TrimSpace may return "".
func SetTrimmed(v string) {
	val := []byte(strings.TrimSpace(v))
	C.set_bytes((*C.uchar)(unsafe.Pointer(&val[0])), C.int(len(val))) // want CGL002 "when val is empty"
}

// Negative: made as long as another slice whose emptiness was excluded first.
func SubmitMany(frames []int) {
	if len(frames) == 0 {
		return
	}
	blocks := make([]*C.block, len(frames))
	C.submit_blocks(&blocks[0], C.int(len(blocks)))
}

// Negative: the same inside `if len(frames) > 0`.
func SubmitManyIf(frames []int) {
	if len(frames) > 0 {
		blocks := make([]*C.block, len(frames))
		C.submit_blocks(&blocks[0], C.int(len(blocks)))
	}
}

// Negative: the check on frames comes after the make, before the use:
// blocks has len(frames) elements, and frames is never assigned
// (linxGnu/grocksdb's GetApproximateSizes).
func SubmitLateCheck(frames []int) {
	blocks := make([]*C.block, len(frames))
	if len(frames) == 0 {
		return
	}
	C.submit_blocks(&blocks[0], C.int(len(blocks)))
}

// Positive: a map changes length without being assigned.
func SubmitLateCheckMap(frames map[string]int) {
	blocks := make([]*C.block, len(frames))
	frames["a"] = 1
	if len(frames) == 0 {
		return
	}
	C.submit_blocks(&blocks[0], C.int(len(blocks))) // want CGL002 "when blocks is empty"
}

// Positive: frames is assigned after the make, so the check is of another slice.
func SubmitLateCheckReassigned(frames, more []int) {
	blocks := make([]*C.block, len(frames))
	frames = more
	if len(frames) == 0 {
		return
	}
	C.submit_blocks(&blocks[0], C.int(len(blocks))) // want CGL002 "when blocks is empty"
}

// Positive: the check is on a different slice.
func SubmitOtherCheck(frames, other []int) {
	if len(other) == 0 {
		return
	}
	blocks := make([]*C.block, len(frames))
	C.submit_blocks(&blocks[0], C.int(len(blocks))) // want CGL002 "when blocks is empty"
}

// Negative: unsafe.Slice of C memory after an n == 0 early return.
func SubmitC(n int) {
	if n == 0 {
		return
	}
	arr := (**C.block)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof((*C.block)(nil)))))
	defer C.free(unsafe.Pointer(arr))
	blocks := unsafe.Slice(arr, n)
	C.submit_blocks(&blocks[0], C.int(n))
}

// Negative: a local length, checked after it is bound.
func SubmitLocal(frames []int) {
	n := len(frames)
	if n <= 0 {
		return
	}
	blocks := make([]*C.block, n)
	C.submit_blocks(&blocks[0], C.int(n))
}

// Positive: n may be 0 (only negative values are excluded).
func SubmitNegCheck(n int) {
	if n < 0 {
		return
	}
	blocks := unsafe.Slice((**C.block)(C.calloc(C.size_t(n), 8)), n)
	C.submit_blocks(&blocks[0], C.int(n)) // want CGL002 "when blocks is empty"
}

// Positive: n is checked against another variable, which may be negative.
func SubmitVarCheck(n, m int) {
	if n <= m {
		return
	}
	blocks := make([]*C.block, n)
	C.submit_blocks(&blocks[0], C.int(n)) // want CGL002 "when blocks is empty"
}

// Positive: n is changed after the check.
func SubmitChanged(n int) {
	if n == 0 {
		return
	}
	n--
	blocks := make([]*C.block, n)
	C.submit_blocks(&blocks[0], C.int(n)) // want CGL002 "when blocks is empty"
}

// Negative: the string is checked, then converted (the go-sqlite3 bind idiom).
func BindText(v string) {
	if len(v) == 0 {
		return
	}
	b := []byte(v)
	C.set_bytes((*C.uchar)(unsafe.Pointer(&b[0])), C.int(len(b)))
}

// Positive: the check comes after the conversion.
func BindTextLate(v string) {
	b := []byte(v)
	if len(v) == 0 {
		C.set_bytes((*C.uchar)(unsafe.Pointer(&b[0])), 0) // want CGL002 "when b is empty"
	}
}

// Negative: slicing with constant bounds gives that many elements, or panics first.
func Head(arr *[128]byte, s []byte) {
	head := arr[:16]
	C.set_bytes((*C.uchar)(unsafe.Pointer(&head[0])), C.int(len(head)))
	mid := s[2:8]
	C.set_bytes((*C.uchar)(unsafe.Pointer(&mid[0])), C.int(len(mid)))
}

// Positive: a slice from a variable start to a constant end may be empty.
func Tail(s []byte, i int) {
	rest := s[i:8]
	C.set_bytes((*C.uchar)(unsafe.Pointer(&rest[0])), C.int(len(rest))) // want CGL002 "when rest is empty"
}

const frameSize = 64

// Negative: every branch gives dst a non-empty value (the DataDog/zstd idiom).
func Reuse(dst []byte) {
	if cap(dst) >= frameSize {
		dst = dst[:frameSize]
	} else {
		dst = make([]byte, frameSize)
	}
	C.set_bytes((*C.uchar)(unsafe.Pointer(&dst[0])), C.int(len(dst)))
}

// Positive: one branch keeps dst as it came, possibly empty.
func ReuseSometimes(dst []byte, grow bool) {
	if grow {
		dst = make([]byte, frameSize)
	} else {
		dst = dst[:len(dst)]
	}
	C.set_bytes((*C.uchar)(unsafe.Pointer(&dst[0])), C.int(len(dst))) // want CGL002 "when dst is empty"
}
