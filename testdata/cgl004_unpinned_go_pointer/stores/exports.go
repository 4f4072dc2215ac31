package stores

// The `*C.T` parameters of an //export function that only C calls point
// to C memory.

/*
#include <stddef.h>
struct reply { char *text; size_t len; void *ctx; };
extern void fillReplyViaC(struct reply *out);
*/
import "C"

import "unsafe"

//export fillReply
func fillReply(out *C.struct_reply, id C.int) {
	text := []byte("ok")
	out.text = (*C.char)(unsafe.Pointer(unsafe.SliceData(text))) // want CGL004 "`out.text` is C memory, and this stores a Go pointer to the backing array of `text`"
	out.len = C.size_t(len(text))
}

// A struct field of the same name is not the function.
type replyCounts struct{ fillReplyCounted int }

//export fillReplyCounted
func fillReplyCounted(out *C.struct_reply) {
	s := &state{}
	out.ctx = unsafe.Pointer(s) // want CGL004 "`out.ctx` is C memory"
}

// --- look-alikes that are correct -----------------------------------------

// Go calls it too, with a struct of its own: out may be Go memory.
//
//export fillReplyShared
func fillReplyShared(out *C.struct_reply) {
	s := &state{}
	out.ctx = unsafe.Pointer(s)
}

func localReply() C.struct_reply {
	var r C.struct_reply
	fillReplyShared(&r)
	return r
}

// Not exported: its callers are Go code.
func fillReplyInGo(out *C.struct_reply) {
	s := &state{}
	out.ctx = unsafe.Pointer(s)
}

// C memory stored: a copy.
//
//export fillReplyCopy
func fillReplyCopy(out *C.struct_reply, text string) {
	out.text = C.CString(text)
	out.len = C.size_t(len(text))
}

// An unsafe.Pointer parameter may be anything C was given.
//
//export fillContext
func fillContext(ctx unsafe.Pointer) {
	*(*int)(ctx) = 1
}

// Go calls the export through C, with memory of its own.
//
//export fillReplyViaC
func fillReplyViaC(out *C.struct_reply) {
	s := &state{}
	out.ctx = unsafe.Pointer(s)
}

func replyViaC() C.struct_reply {
	var r C.struct_reply
	C.fillReplyViaC(&r)
	return r
}

// Exported from the package too: another package may call it from Go.
//
//export FillReplyPublic
func FillReplyPublic(out *C.struct_reply) {
	s := &state{}
	out.ctx = unsafe.Pointer(s)
}
