package regrow

// #include <stddef.h>
// int pool_name(char *out, size_t n); // out of sight: a library's
import "C"

import "unsafe"

// A buffer grown from its own length (go-ceph's GetPoolName): whether it
// is empty asks of itself again, which must end (it recursed until
// Python's limit) and leaves the first make's 128 deciding.
func PoolName() string {
	buf := make([]byte, 128)
	for {
		ret := C.pool_name((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
		if ret == -34 {
			buf = make([]byte, len(buf)*2)
			continue
		}
		return C.GoString((*C.char)(unsafe.Pointer(&buf[0])))
	}
}

// Positive: grown from its own length, but it starts empty.
func PoolNameEmpty() string {
	var buf []byte
	for {
		ret := C.pool_name((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "when buf is empty"
		if ret == -34 {
			buf = make([]byte, len(buf)*2)
			continue
		}
		return ""
	}
}
