package stale

// #include <stddef.h>
// static void fill3(int *p, size_t n) { for (size_t i = 0; i < n; i++) p[i] = 1; }
import "C"

// A stale pointer is a matter of paths: an append on one branch moves the
// slice though the other branch takes the pointer again (libwebp's
// DecodeAligned); one on the loop's previous turn does too. An append
// followed by a new pointer, or on a branch that returns, is not.

var grow bool

func appendedOnOneBranch() []C.int {
	buf := make([]C.int, 8)
	p := &buf[0]
	if grow {
		buf = append(buf, make([]C.int, 8)...)
	} else {
		buf = make([]C.int, 16)
		p = &buf[0]
	}
	C.fill3(p, C.size_t(len(buf))) // want CGL002 "`p` holds `&buf\[0\]` \(line 16\) but buf is appended to on line 18"
	return buf
}

func appendedLastTurn() []C.int {
	buf := make([]C.int, 8)
	p := &buf[0]
	for i := 0; i < 3; i++ {
		C.fill3(p, C.size_t(len(buf))) // want CGL002 "buf is appended to on line 32, and the loop comes back here"
		buf = append(buf, 1)
	}
	return buf
}

func retakenAfterAppend() []C.int {
	buf := make([]C.int, 8)
	p := &buf[0]
	if grow {
		buf = append(buf, 1)
		p = &buf[0]
	}
	C.fill3(p, C.size_t(len(buf)))
	return buf
}

func appendedThenReturned() []C.int {
	buf := make([]C.int, 8)
	p := &buf[0]
	if grow {
		buf = append(buf, 1)
		return buf
	}
	C.fill3(p, C.size_t(len(buf)))
	return buf
}

func takenEachTurn() []C.int {
	buf := make([]C.int, 8)
	for i := 0; i < 3; i++ {
		p := &buf[0]
		C.fill3(p, C.size_t(len(buf)))
		buf = append(buf, 1)
	}
	return buf
}

func appendedAfterLastUse() []C.int {
	buf := make([]C.int, 8)
	p := &buf[0]
	C.fill3(p, C.size_t(len(buf)))
	buf = append(buf, 1)
	return buf
}
