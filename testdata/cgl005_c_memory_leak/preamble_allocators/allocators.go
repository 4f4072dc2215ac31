// Package allocators calls preamble functions that return a block they
// allocated for the caller to free (go-ceph's nextChunk returns strdup's
// copy): their results are C memory to free, as C.strdup's are.
package allocators

/*
#include <stdlib.h>
#include <string.h>

char *next_chunk(char **idx) {
	char *copy;
	copy = strdup(*idx);
	*idx += strlen(*idx) + 1;
	return copy;
}

static char *dup_upper(const char *s) {
	char *out = malloc(strlen(s) + 1);
	if (out == NULL) return NULL;
	strcpy(out, s);
	return out;
}

// Not the caller's: the copy is cached, and a later call frees it.
static char *cached;
static char *dup_cached(const char *s) {
	free(cached);
	char *out = strdup(s);
	cached = out;
	return out;
}

// Fresh too: the parameter is the call's own variable.
static char *dup_into(char *p) { p = strdup("x"); return p; }

// Not fresh: the caller's own string comes back when it is given one.
static char *or_default(char *s) { if (!s) s = strdup("default"); return s; }

// Not fresh: an early return hands back the caller's own string.
static char *dup_unless_empty(char *s, int n) { if (n == 0) return s; s = strdup(s); return s; }

// Not fresh: a buffer kept for every call (a static, or a global).
static char *shared_buffer;
static char *get_buffer(void) {
	if (!shared_buffer) shared_buffer = malloc(64);
	return shared_buffer;
}
static char *get_scratch(void) {
	static char *scratch;
	if (!scratch) scratch = malloc(64);
	return scratch;
}

// Not fresh: realloc may hand back the block it was given.
static char *grow(char *p, size_t n) { return realloc(p, n); }

// Not fresh: hands back what it was given.
static char *skip_space(char *s) {
	while (*s == ' ') s++;
	return s;
}
*/
import "C"

import "unsafe"

func Chunks(items *C.char, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, C.GoString(C.next_chunk(&items))) // want CGL005 "the result of C.next_chunk passed straight to C.GoString is never freed, so each call leaks it; assign it to a variable `v`, add `defer C.free\(unsafe.Pointer\(v\)\)` right after the allocation, and pass `v`"
	}
	return out
}

func Upper(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	up := C.dup_upper(cs) // want CGL005 "`up` holds C memory from C.dup_upper that is never freed: the Go garbage collector does not free C memory, so each call leaks it; add `defer C.free\(unsafe.Pointer\(up\)\)` right after the allocation"
	return C.GoString(up)
}

// --- look-alikes that are correct -----------------------------------------

func UpperFreed(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	up := C.dup_upper(cs)
	defer C.free(unsafe.Pointer(up))
	return C.GoString(up)
}

func Cached(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(C.dup_cached(cs))
}

func Trimmed(s string) string {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(C.skip_space(cs))
}

func Shared() string {
	return C.GoString(C.get_buffer()) + C.GoString(C.get_scratch())
}

func Grown(n int) {
	p := (*C.char)(C.malloc(8))
	for i := 0; i < n; i++ {
		p = C.grow(p, C.size_t(16*(i+1)))
	}
	C.free(unsafe.Pointer(p))
}

func DupInto() string {
	p := C.dup_into(nil) // want CGL005 "`p` holds C memory from C.dup_into that is never freed"
	return C.GoString(p)
}

func OrDefault(name string) string {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(C.or_default(cs))
}

func DupUnlessEmpty(name string) string {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(C.dup_unless_empty(cs, C.int(len(name))))
}
