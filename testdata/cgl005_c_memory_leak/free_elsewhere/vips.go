package vips

/*
#include <malloc.h>
static int vips_init(const char *name) { return name != 0; }
static int vips_load(const char *path) { return path != 0; }
*/
import "C"

import "unsafe"

// <malloc.h> declares free (libvips' own vips.h does, for h2non/bimg), and
// the package already calls C.free: no note about <stdlib.h>.

func Load(path string) int {
	cs := C.CString(path)
	defer C.free(unsafe.Pointer(cs))
	return int(C.vips_load(cs))
}

func Init() int {
	return int(C.vips_init(C.CString("bimg"))) // want CGL005 "passed straight to C.vips_init is never freed, so each call leaks it; assign it to a variable `v`, add `defer C.free\(unsafe.Pointer\(v\)\)` right after the allocation, and pass `v`$"
}
