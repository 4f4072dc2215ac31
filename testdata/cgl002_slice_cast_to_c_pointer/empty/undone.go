package empty

// #include "empty.h"
import "C"

import (
	"strings"
	"unsafe"
)

// Look-alikes of the guards read through other code, where the guard does
// not hold at the use: each is reported.

// The helper recovers from its own panic: it returns with an empty slice.
func checkRecovering(b []byte) {
	defer func() { _ = recover() }()
	if len(b) == 0 {
		panic("empty")
	}
}

func CheckedRecovering(s []byte) C.int {
	checkRecovering(s)
	return C.checksum((*C.uchar)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "`&s\[0\]` passed to C.checksum panics"
}

// A count from the standard library may be 0.
func CountedByStd(s []byte, csv string) C.int {
	if len(s) != strings.Count(csv, ",") {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "`&s\[0\]` passed to C.checksum panics"
}

// The partner is replaced before it is checked.
func PartnerReplaced(s, y []byte, next func() []byte) C.int {
	if len(s) != len(y) {
		return 0
	}
	y = next()
	if len(y) == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "`&s\[0\]` passed to C.checksum panics"
}

// The base is replaced after the chunk is cut from it.
func ChunkBaseReplaced(b []byte, n int) C.int {
	x := b[:min(len(b), n)]
	b = []byte("abc")
	if len(b) == 0 || n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&x[0])), C.size_t(len(x))) // want CGL002 "`&x\[0\]` passed to C.checksum panics"
}

// The case assigns the slice before it is used.
func CaseReassigns(s []byte) C.int {
	switch {
	case len(s) == 0:
		return 0
	default:
		s = s[:0]
		return C.checksum((*C.uchar)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "`&s\[0\]` passed to C.checksum panics"
	}
}

// Two variables named alike are not the same constant.
func kindOf(b []byte) int {
	bad := -1
	if len(b) < 4 {
		return bad
	}
	return int(b[0])
}

func SentinelNamedAlike(s []byte) C.int {
	bad := 7
	if kindOf(s) == bad {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "`&s\[0\]` passed to C.checksum panics"
}

// The caller's check is undone before the call.
func undoneHint(s []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&s[0])), C.size_t(len(s))) // want CGL002 "`&s\[0\]` passed to C.checksum panics"
}

func CallerUndoes(s []byte) C.int {
	if len(s) == 0 {
		return 0
	}
	s = s[:0]
	return undoneHint(s)
}
