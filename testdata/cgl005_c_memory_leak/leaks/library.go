package leaks

/*
#include <stdlib.h>
// A library's entry point: the prototype alone says nothing of ownership
// (libsass's sass_make_import_entry takes over `source`).
void *make_entry(const char *path, char *source);
int count_entries(const char *path);
*/
import "C"

import "unsafe"

// Positive, with the caveat: C.make_entry's non-const `source` may be
// taken over, which only the library's documentation tells.
func Entry(path, body string) unsafe.Pointer {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	src := C.CString(body) // want CGL005 "`src` holds C memory from C.CString that is never freed: the Go garbage collector does not free C memory, so each call leaks it \(unless C.make_entry keeps the pointer: then name it in the `takes-ownership` option\); add"
	return C.make_entry(cpath, src)
}

// Positive, without it: a const parameter is only read.
func Count(path string) int {
	cpath := C.CString(path) // want CGL005 "so each call leaks it; add `defer C.free"
	return int(C.count_entries(cpath))
}
