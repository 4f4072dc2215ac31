// Package zbuf is a small, realistic cgo binding with the mistakes cgolint
// exists to catch. `cgolint ./examples/...` reports them.
package zbuf

/*
#include <stdlib.h>
#include <string.h>

static char *last_input;

// zb_feed keeps its argument: it is read again by zb_flush.
static void zb_feed(char *p) { last_input = p; }
static size_t zb_flush(void) { return last_input ? strlen(last_input) : 0; }
static int zb_sum(int *xs, int n) { int s = 0; for (int i = 0; i < n; i++) s += xs[i]; return s; }
*/
import "C"

import "unsafe"

// Feed hands a stack buffer to C, which keeps it after the call returns.
func Feed(s string) int {
	var buf [64]byte
	copy(buf[:], s)
	C.zb_feed((*C.char)(unsafe.Pointer(&buf[0])))
	return int(C.zb_flush())
}

// Sum reads 8-byte Go ints as 4-byte C ints.
func Sum(xs []int) int {
	return int(C.zb_sum((*C.int)(unsafe.Pointer(&xs[0])), C.int(len(xs))))
}

// Length leaks the C copy of s.
func Length(s string) int {
	cs := C.CString(s)
	return int(C.strlen(cs))
}
