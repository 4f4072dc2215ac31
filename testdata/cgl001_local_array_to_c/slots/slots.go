// Which C parameters count as a slot for a local array's length: an integer
// parameter only when the value passed is the array's length, or the
// parameter is named (or typed) like a length; a pointer to a struct never.
package slots

/*
#include <stddef.h>
#include <sys/socket.h>

typedef struct { unsigned char id[20]; } oid;
typedef struct handle handle_t;
struct opts { int flags; size_t len; };
#define KIND_RAW 3

int error_into(int code, char *out);
int oid_fmt(char *out, const oid *id);
int fill_opts(char *out, struct opts *o);
int fill_handle(handle_t *h, char *out);
int column_text(int col, char *out);
int status_into(char *out, int *err);
int kind_into(int, char *out);

int error_into_n(int code, char *out, int n);
int fill_counted(char *out, size_t);
int fill_sized(char *out, socklen_t *len);
int oid_fmt_fixed(char out[41], const oid *id);
static void oid_fmt_body(char *out, const oid *id) { for (int i = 0; i < 40; i++) out[i] = 'a' + id->id[i % 20] % 16; }
int any_into(int, char *out);
*/
import "C"

import "unsafe"

func unrelatedCode(code int) string {
	var msg [256]C.char
	C.error_into(C.int(code), &msg[0]) // want CGL001 "C.error_into gets the local array `msg` \(256 bytes\), but nothing tells C.error_into its length"
	return C.GoString(&msg[0])
}

func unrelatedConstant() {
	var msg [64]C.char
	C.error_into(7, &msg[0]) // want CGL001 "`msg`"
}

func structPointer() string {
	var buf [41]C.char
	var id C.oid
	C.oid_fmt(&buf[0], &id) // want CGL001 "prototype `int oid_fmt\(char \*out, const oid \*id\)` has no parameter for it"
	return C.GoString(&buf[0])
}

func namedStructPointer() {
	var buf [32]byte
	var o C.struct_opts
	C.fill_opts((*C.char)(unsafe.Pointer(&buf[0])), &o) // want CGL001 "`buf`"
}

func opaqueHandle(h *C.handle_t) {
	var buf [32]byte
	C.fill_handle(h, (*C.char)(unsafe.Pointer(&buf[0]))) // want CGL001 "`buf`"
}

func columnIndex(col int) {
	var out [16]byte
	C.column_text(C.int(col), (*C.char)(unsafe.Pointer(&out[0]))) // want CGL001 "C.column_text"
}

func errorOutParam() {
	var out [16]byte
	var e C.int
	C.status_into((*C.char)(unsafe.Pointer(&out[0])), &e) // want CGL001 "C.status_into"
}

func unnamedGetsCConstant() {
	var out [16]byte
	C.kind_into(C.KIND_RAW, (*C.char)(unsafe.Pointer(&out[0]))) // want CGL001 "C.kind_into"
}

func unnamedGetsFlagVariable(flags int) {
	var out [16]byte
	C.kind_into(C.int(flags), (*C.char)(unsafe.Pointer(&out[0]))) // want CGL001 "C.kind_into"
}

// --- look-alikes: the length reaches C ------------------------------------------

func lengthInCodeSlot() {
	var msg [256]C.char
	C.error_into(C.int(len(msg)), &msg[0]) // the value is the array's length, whatever the name
}

func lengthNamedSlot(code, n int) {
	var msg [256]C.char
	C.error_into_n(C.int(code), &msg[0], C.int(n)) // `n`: the prototype says it is the length
}

func sizeTypedSlot(k int) {
	var out [64]byte
	C.fill_counted((*C.char)(unsafe.Pointer(&out[0])), C.size_t(k)) // an unnamed size_t
}

func inOutLength() {
	var out [64]byte
	var n C.socklen_t = 64
	C.fill_sized((*C.char)(unsafe.Pointer(&out[0])), &n)
}

func structCarriesLength() {
	var buf [32]byte
	var o C.struct_opts
	o.len = C.size_t(len(buf))
	C.fill_opts((*C.char)(unsafe.Pointer(&buf[0])), &o) // the struct carries the length
}

func fixedArrayParameter() string {
	var buf [41]C.char
	var id C.oid
	C.oid_fmt_fixed(&buf[0], &id) // `char out[41]`: the contract fits
	return C.GoString(&buf[0])
}

func bodyReachFits() {
	var buf [41]C.char
	var id C.oid
	C.oid_fmt_body(&buf[0], &id) // the body writes 40 bytes
}

func bodyReachTooFar() {
	var buf [20]C.char
	var id C.oid
	C.oid_fmt_body(&buf[0], &id) // want CGL001 "reaches 40 bytes into its parameter `out`"
}

func unnamedNeutral(v int) {
	var out [16]byte
	C.any_into(C.int(v), (*C.char)(unsafe.Pointer(&out[0]))) // unknown relation: trusted
}
