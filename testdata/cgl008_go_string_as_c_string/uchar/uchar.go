// Go string bytes passed as `const unsigned char *` (PCRE2_SPTR, xmlChar):
// reported when the C body reads the parameter as a string; silent for a
// prototype (a key or a digest is spelled the same way) and for a body
// that reads a fixed count.
package uchar

/*
#include <stdlib.h>
#include <string.h>

typedef const unsigned char *SPTR;

static int group_number(SPTR name) { return (int)strlen((const char *)name); }
static int same_name(const unsigned char *a, const char *b) { return strcmp((const char *)a, b) == 0; }
static void set_key(unsigned char *dst, const unsigned char *key) { memcpy(dst, key, 32); }
int sign(const unsigned char *sk);
*/
import "C"

import "unsafe"

func GroupNumber(name string) int {
	return int(C.group_number(C.SPTR(unsafe.Pointer(unsafe.StringData(name))))) // want CGL008 "the Go string name to C.group_number"
}

func SameName(a string) bool {
	b := C.CString("x")
	defer C.free(unsafe.Pointer(b))
	return C.same_name((*C.uchar)(unsafe.Pointer(unsafe.StringData(a))), b) != 0 // want CGL008 "the Go string a to C.same_name"
}

// --- look-alikes --------------------------------------------------------------

func GroupNumberTerminated(name string) int {
	z := append([]byte(name), 0)
	return int(C.group_number(C.SPTR(unsafe.Pointer(&z[0]))))
}

func SetKey(dst *[32]byte, key string) {
	if len(key) != 32 {
		return
	}
	C.set_key((*C.uchar)(unsafe.Pointer(&dst[0])), (*C.uchar)(unsafe.Pointer(unsafe.StringData(key))))
}

func Sign(sk string) int {
	return int(C.sign((*C.uchar)(unsafe.Pointer(unsafe.StringData(sk)))))
}
