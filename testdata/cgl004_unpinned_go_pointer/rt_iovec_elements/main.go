// A Go slice of C structs whose elements point into Go memory: passing it
// to C passes Go memory that holds unpinned Go pointers.
//
// runtime: panic "cgo argument has Go pointer to unpinned Go pointer|Go pointer to unpinned Go pointer"
package main

/*
#include <sys/uio.h>
#include <stddef.h>
static size_t total(const struct iovec *iov, int n) {
	size_t t = 0;
	for (int i = 0; i < n; i++) t += iov[i].iov_len;
	return t;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func writev(bufs [][]byte) C.size_t {
	iov := make([]C.struct_iovec, len(bufs))
	for i, b := range bufs {
		iov[i] = C.struct_iovec{iov_base: unsafe.Pointer(unsafe.SliceData(b)), iov_len: C.size_t(len(b))}
	}
	return C.total(unsafe.SliceData(iov), C.int(len(iov))) // want CGL004 "whose `iov_base` was set to the Go pointer"
}

func main() {
	fmt.Println(writev([][]byte{[]byte("ab"), []byte("cde")}))
}
