package frees

/*
#include <stdlib.h>

typedef struct buf { char *data; size_t len; } *buf_t;

static buf_t buf_new(size_t n) { buf_t b = calloc(1, sizeof *b); if (b) { b->data = calloc(1, n); b->len = n; } return b; }
static size_t buf_len(buf_t b) { return b->len; }
// A handle typedef of a pointer: freed on every path, like a `struct buf *` parameter.
static void buf_release(buf_t b) { if (!b) return; free(b->data); free(b); }
*/
import "C"

func Released() int {
	b := C.buf_new(8)
	C.buf_release(b)
	return int(C.buf_len(b)) // want CGL006 "`b` is passed to C.buf_len after C.buf_release freed it"
}

func ReleasedLast() int {
	b := C.buf_new(8)
	n := int(C.buf_len(b))
	C.buf_release(b)
	return n
}
