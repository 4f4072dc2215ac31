// Pointer parameters spelled with a typedef (GLib's gpointer, a context
// handle) are pointer parameters, and `C.gpointer(p)` hands p on unchanged.
package typedefs

/*
#include <stddef.h>
#include <string.h>

typedef void *gpointer;
typedef void *filter_ctx;
typedef struct filter { const unsigned char *cur; size_t n; unsigned sum; const unsigned char *log; } filter;

static gpointer kept;
static size_t kept_len;
static void keep_data(gpointer data, size_t n) { kept = data; kept_len = n; }
static void read_data(gpointer data, size_t n) { if (n) kept = NULL; (void)data; }

// Parks prog in the context through a local alias, and takes it out again.
static unsigned verify(filter_ctx ctx, const unsigned char *prog, size_t n) {
	filter *f = ctx;
	f->cur = prog;
	f->n = n;
	f->sum = 0;
	for (size_t i = 0; i < f->n; i++) f->sum += f->cur[i];
	f->cur = NULL;
	f->n = 0;
	return f->sum;
}

// Forwards a gpointer to a function that keeps it: keeps it too.
static void connect_data(int signal, gpointer user_data, size_t n) { if (signal >= 0) keep_data(user_data, n); }

// Keeps buf in the context through the same kind of alias.
static void set_log(filter_ctx ctx, const unsigned char *buf, size_t n) {
	filter *f = ctx;
	f->log = buf;
	f->n = n;
}
*/
import "C"

import "unsafe"

func KeepThroughConversion(b []byte) {
	if len(b) == 0 {
		return
	}
	C.keep_data(C.gpointer(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL004 "`C.keep_data` keeps its `data` argument"
}

func KeepThroughVariable(b []byte) {
	if len(b) == 0 {
		return
	}
	p := C.gpointer(unsafe.Pointer(&b[0]))
	C.keep_data(p, C.size_t(len(b))) // want CGL004 "`C.keep_data` keeps its `data` argument"
}

func ReadOnly(b []byte) {
	if len(b) == 0 {
		return
	}
	C.read_data(C.gpointer(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}

func Verify(ctx C.filter_ctx, prog []byte) uint {
	if len(prog) == 0 {
		return 0
	}
	return uint(C.verify(ctx, (*C.uchar)(&prog[0]), C.size_t(len(prog))))
}

func SetLog(ctx C.filter_ctx, buf []byte) {
	if len(buf) == 0 {
		return
	}
	C.set_log(ctx, (*C.uchar)(&buf[0]), C.size_t(len(buf))) // want CGL004 "`C.set_log` keeps its `buf` argument"
}

func Connect(b []byte) {
	if len(b) == 0 {
		return
	}
	C.connect_data(1, C.gpointer(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL004 "`C.connect_data` keeps its `user_data` argument"
}
