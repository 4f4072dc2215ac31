package deferred

/*
#include <stdlib.h>
typedef struct db db;
static int load_extension(db *d, const char *file, char **err) { (void)d; (void)file; *err = 0; return 0; }
void sqlite3_free(void *p); // (declared only: a library's, known by name)
*/
import "C"

import (
	"errors"
	"unsafe"
)

// A library's own deallocator (sqlite3_free; g_free, PQfreemem...) is a
// free too: deferred while the pointer is nil, it frees nothing
// (mattn/go-sqlite3's loadExtension).
func LoadExtension(d *C.db, lib string) error {
	clib := C.CString(lib)
	defer C.free(unsafe.Pointer(clib))
	var errMsg *C.char
	defer C.sqlite3_free(unsafe.Pointer(errMsg)) // want CGL005 "evaluates `errMsg` when the defer runs, while `errMsg` is still nil"
	if C.load_extension(d, clib, &errMsg) != 0 {
		return errors.New(C.GoString(errMsg))
	}
	return nil
}

// Negative: deferred in a closure, it frees what is there at the end.
func LoadExtensionLate(d *C.db, lib string) error {
	clib := C.CString(lib)
	defer C.free(unsafe.Pointer(clib))
	var errMsg *C.char
	defer func() { C.sqlite3_free(unsafe.Pointer(errMsg)) }()
	if C.load_extension(d, clib, &errMsg) != 0 {
		return errors.New(C.GoString(errMsg))
	}
	return nil
}
