// C code that points a cursor at the Go buffer it is given: the cursor
// lives in C's stack frame, or in a global reset before the call returns,
// so C keeps nothing past the call. Runs cleanly under cgocheck2, which checks every pointer
// store C-side code makes through cgo's write barrier.
//
// runtime: ok
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <stddef.h>
#include <stdlib.h>
typedef struct reader { const unsigned char *p, *end; } reader;

static int sum_direct(const unsigned char *buf, size_t n) {
	reader r;
	r.p = buf; r.end = buf + n;
	int s = 0;
	while (r.p < r.end) s += *r.p++;
	return s;
}

// Through a local pointer to a local reader.
static int sum_via_pointer(const unsigned char *buf, size_t n) {
	reader r;
	reader *rp = &r;
	rp->p = buf; rp->end = buf + n;
	int s = 0;
	while (rp->p < rp->end) s += *rp->p++;
	return s;
}

static void reader_init(reader *r, const unsigned char *buf, size_t n) { reader *rp = r; rp->p = buf; rp->end = buf + n; }

// Through a global cursor, reset before the call returns: the functions it
// calls read the buffer only while the call runs.
static const unsigned char *cur, *end;
static int next_byte(void) { return cur < end ? *cur++ : -1; }
static int sum_global(const unsigned char *buf, size_t n) {
	cur = buf; end = buf + n;
	int s = 0, c;
	while ((c = next_byte()) >= 0) s += c;
	cur = end = NULL;
	return s;
}

// Through a global saved before and restored after (a re-entrant "current"
// pointer): the caller's value is back when the call returns.
static const unsigned char *current;
static int current_sum(size_t n) { int s = 0; for (size_t i = 0; i < n; i++) s += current[i]; return s; }
static int sum_restored(const unsigned char *buf, size_t n) {
	const unsigned char *saved = current;
	current = buf;
	int s = current_sum(n);
	current = saved;
	return s;
}

// Restored on an early return too, and after a cleanup label.
static int sum_restored_early(const unsigned char *buf, size_t n) {
	const unsigned char *saved = current;
	current = buf;
	if (n == 0) { current = saved; return 0; }
	int s = current_sum(n);
	current = saved;
	return s;
}
static int sum_restored_goto(const unsigned char *buf, size_t n) {
	const unsigned char *saved = current;
	int s = 0;
	current = buf;
	if (n == 0) goto out;
	s = current_sum(n);
out:
	current = saved;
	return s;
}

// Parked in a field of a C context the caller owns, and cleared before
// returning (libseccomp style).
typedef struct ctx { const unsigned char *cur; size_t n; } ctx;
static int ctx_sum(ctx *c) { int s = 0; for (size_t i = 0; i < c->n; i++) s += c->cur[i]; return s; }
static int sum_parked(ctx *c, const unsigned char *buf, size_t n) {
	c->cur = buf;
	c->n = n;
	int s = ctx_sum(c);
	c->cur = NULL;
	c->n = 0;
	return s;
}

// A getter of the cursor used only while the call runs, and how far the
// cursor got (an integer, not a pointer).
static const unsigned char *get_current(void) { return current; }
static size_t consumed;
static int sum_through_getter(const unsigned char *buf, size_t n) {
	const unsigned char *saved = current;
	current = buf;
	int s = 0;
	for (size_t i = 0; i < n; i++) s += get_current()[i];
	const unsigned char *p = buf + n;
	consumed = p - buf;
	current = saved;
	return s;
}

// Through a helper that stores into the reader it is given: a local one.
static int sum_helper(const unsigned char *buf, size_t n) {
	reader r;
	reader_init(&r, buf, n);
	int s = 0;
	while (r.p < r.end) s += *r.p++;
	return s;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	b := []byte{1, 2, 3}
	p := (*C.uchar)(unsafe.Pointer(&b[0]))
	n := C.size_t(len(b))
	fmt.Println(C.sum_direct(p, n), C.sum_via_pointer(p, n), C.sum_helper(p, n), C.sum_global(p, n), C.sum_restored(p, n))
	fmt.Println(C.sum_restored_early(p, n), C.sum_restored_goto(p, n), C.sum_restored_goto(p, 0))
	fmt.Println(C.sum_through_getter(p, n))
	c := (*C.ctx)(C.calloc(1, C.sizeof_ctx))
	defer C.free(unsafe.Pointer(c))
	fmt.Println(C.sum_parked(c, p, n))
}
