package empty

/*
#include <stdio.h>
#include "empty.h"
*/
import "C"

// A floor from a header out of sight (<stdio.h>'s BUFSIZ here; zdict.h's
// ZDICT_DICTSIZE_MIN in valyala/gozstd): its value is unknown, so nothing
// rests on it being 0, and `n` raised to it is taken as not 0.

const minBuffer = C.BUFSIZ

func Buffered(n int) C.int {
	if n < minBuffer {
		n = minBuffer
	}
	buf := make([]byte, n)
	return C.checksum((*C.uchar)(&buf[0]), C.size_t(len(buf)))
}

// Positive: capped by it, n may still be 0.
func Capped(n int) C.int {
	if n > C.BUFSIZ {
		n = C.BUFSIZ
	}
	buf := make([]byte, n)
	return C.checksum((*C.uchar)(&buf[0]), C.size_t(len(buf))) // want CGL002 "when buf is empty"
}

// Positive: a status code or offset out of sight may be 0 (SEEK_SET is).
func AtOffset(b []byte) C.int {
	if len(b) != C.SEEK_SET {
		return 0
	}
	return C.checksum((*C.uchar)(&b[0]), C.size_t(len(b))) // want CGL002 "when b is empty"
}
