// Package escape calls C functions defined in a C file of the package.
package escape

// #include <stdlib.h>
// extern char *escape_json_string(char *str);
// extern size_t quoted_length(const char *str);
// extern void pick(char *name);
// extern void drop(char *name);
// extern void log_line(char *line);
// extern void forget(char *name);
// extern void note(char *text);
// extern void say(const char *text);
// extern void shout(char *text);
import "C"

import "unsafe"

// Negative: escape_json_string takes ownership of `in` (its body, in
// escape.c, returns it or frees it), so only its result is freed here; a
// `defer C.free(unsafe.Pointer(in))` would free it twice.
func Escape(s string) string {
	in := C.CString(s)
	out := C.escape_json_string(in)
	got := C.GoString(out)
	C.free(unsafe.Pointer(out))
	return got
}

// Positive: quoted_length only reads its argument.
func QuotedLength(s string) int {
	return int(C.quoted_length(C.CString(s))) // want CGL005 "the result of C.CString passed straight to C.quoted_length is never freed"
}

// Negative: pick's body is in two C files for two platforms, one that frees
// and one that does not; which one builds is not known, so it may take the
// string over (getlantern/systray's setTitle in systray_linux.c).
func Pick(s string) {
	C.pick(C.CString(s))
}

// Negative: drop's body is chosen by #ifdef, log_line's is static (another
// one links), forget's file is built for no platform, note is defined in a
// file named for Linux and under #ifndef in another: not known, so any of
// them may take the string over.
func Drop(s string) {
	C.drop(C.CString(s))
	C.log_line(C.CString(s))
	C.forget(C.CString(s))
	C.note(C.CString(s))
}

// Positive: every body of say only reads (one per platform), and the body
// of shout that builds reads (the copy under #if 0 does not count).
func Say(s string) {
	C.say(C.CString(s))   // want CGL005 "the result of C.CString passed straight to C.say is never freed"
	C.shout(C.CString(s)) // want CGL005 "the result of C.CString passed straight to C.shout is never freed"
}
