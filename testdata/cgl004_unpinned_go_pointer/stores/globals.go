package stores

// C's global variables live in C's data: a Go pointer stored in one is
// stored into C memory (rt_store_c_global confirms the crash).

/*
#include <stddef.h>
char *last_name;
void *callback_state;
struct buffer { char *data; size_t len; };
struct buffer current;
char *names[4];
struct buffer bufs[2];
struct frame { int depth; struct buffer top; };
struct frame frame;
struct buffer *active;
*/
import "C"

import (
	"runtime"
	"unsafe"
)

var scratch [64]byte

func rememberName(b []byte) {
	C.last_name = (*C.char)(unsafe.Pointer(unsafe.SliceData(b))) // want CGL004 "`C.last_name` is C memory, and this stores a Go pointer to the backing array of `b`"
}

func rememberState() {
	s := &state{}
	C.callback_state = unsafe.Pointer(s) // want CGL004 "`C.callback_state` is C memory, and this stores a Go pointer to `s` \(\*state\)"
}

func setCurrent(b []byte) {
	C.current.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(b))) // want CGL004 "`C.current.data` is C memory"
	C.current.len = C.size_t(len(b))
}

func setName(i int, b []byte) {
	if len(b) == 0 {
		return
	}
	C.names[i] = (*C.char)(unsafe.Pointer(&b[0])) // want CGL004 "`C.names\[i\]` is C memory"
}

func setBuffer(i int, b []byte) {
	C.bufs[i].data = (*C.char)(unsafe.Pointer(unsafe.SliceData(b))) // want CGL004 "`C.bufs\[i\].data` is C memory"
}

func setFrame(b []byte) {
	C.frame.top.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(b))) // want CGL004 "`C.frame.top.data` is C memory"
}

// --- look-alikes that are correct -----------------------------------------

var goBuffer C.struct_buffer

// C.active points where Go set it, here Go memory: Go follows the
// pointer, and the store lands there.
func setActive(b []byte) {
	C.active = &goBuffer
	C.active.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(b)))
}

func rememberCopy(s string) {
	C.last_name = C.CString(s)
}

func rememberScratch() {
	// a package-level array never moves: the runtime counts it as pinned
	C.last_name = (*C.char)(unsafe.Pointer(&scratch[0]))
}

func rememberPinned(pinner *runtime.Pinner, s *state) {
	pinner.Pin(s)
	C.callback_state = unsafe.Pointer(s)
}

func forget() {
	C.last_name = nil
	C.current.len = 0
}
