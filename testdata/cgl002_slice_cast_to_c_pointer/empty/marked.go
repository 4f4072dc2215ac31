package empty

/*
#define CK_PTR *
typedef unsigned char CK_BYTE;
typedef CK_BYTE CK_PTR CK_BYTE_PTR;
static int set_state(CK_BYTE_PTR state, unsigned long n) { return (int)n; }
*/
import "C"

import "unsafe"

// PKCS#11 spells pointer types with a macro (miekg/pkcs11): C.CK_BYTE_PTR
// is a conversion, and the call it is passed to is C.set_state.
func SetState(state []byte) C.int {
	return C.set_state(C.CK_BYTE_PTR(unsafe.Pointer(&state[0])), C.ulong(len(state))) // want CGL002 "`&state\[0\]` passed to C.set_state panics"
}
