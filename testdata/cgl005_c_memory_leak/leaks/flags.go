package leaks

/*
#include <stdlib.h>
#include <string.h>
static char default_format[8] = "png";
*/
import "C"

import "unsafe"

// Negative: the copy is made only where `copied` is set, and freed under
// `if copied` (rainycape/magick's Image.Encode).
func EncodeFormat(override bool) int {
	format := &C.default_format[0]
	copied := false
	if override {
		copied = true
		format = C.strdup(format)
	}
	n := int(C.strlen(format))
	if copied {
		C.free(unsafe.Pointer(format))
	}
	return n
}

// Positive: the flag is set in another branch than the copy, so a copy
// made without it leaks.
func EncodeFormatElsewhere(override, custom bool) int {
	format := &C.default_format[0]
	var copied bool
	if override {
		copied = true
	}
	if custom {
		format = C.strdup(format) // want CGL005 "`format` holds C memory from C.strdup that is leaked"
	}
	n := int(C.strlen(format))
	if copied {
		C.free(unsafe.Pointer(format))
	}
	return n
}

// Positive: a path from the copy leaves the block before the flag is set.
func EncodeFormats(names []string) int {
	total := 0
	for _, name := range names {
		format := &C.default_format[0]
		copied := false
		if name != "" {
			format = C.CString(name) // want CGL005 "`format` holds C memory from C.CString that is leaked"
			if name == "skip" {
				continue
			}
			copied = true
		}
		total += int(C.strlen(format))
		if copied {
			C.free(unsafe.Pointer(format))
		}
	}
	return total
}

// Negative: the flag is set before the copy, and a loop's break between
// leaves only that loop.
func EncodeFormatFirst(override bool, names []string) int {
	format := &C.default_format[0]
	copied := false
	if override && len(names) > 0 {
		copied = true
		for _, name := range names {
			if name == "" {
				break
			}
		}
		format = C.CString(names[0])
	}
	n := int(C.strlen(format))
	if copied {
		C.free(unsafe.Pointer(format))
	}
	return n
}
