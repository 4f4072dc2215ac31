// Buffers that live in struct fields, method receivers and package-level
// variables.
package fields

/*
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

void digest_final(uint8_t *out);
void digest_final_n(uint8_t *out, size_t n);
void read_serial(unsigned char serial[20]);
void load(void *dst);
*/
import "C"

import "unsafe"

type hasher struct {
	sum  [32]byte
	tail []byte
	ctx  unsafe.Pointer
}

func (h *hasher) finalArray() []byte {
	C.digest_final((*C.uint8_t)(unsafe.Pointer(&h.sum[0]))) // want CGL003 "C.digest_final gets the receiver's array field `h.sum` \(32 bytes\), but nothing tells"
	return h.sum[:]
}

func (h *hasher) finalSlice() {
	h.tail = make([]byte, 64)
	C.digest_final((*C.uint8_t)(unsafe.SliceData(h.tail))) // want CGL003 "the receiver's slice field `h.tail`"
}

type device struct {
	serial [16]byte
	state  [8]uint64
}

func readSerial(d *device) {
	C.read_serial((*C.uchar)(&d.serial[0])) // want CGL003 "declares parameter `serial` as an array of 20 bytes, more than `d.serial` holds"
}

func loadState(d device) device {
	C.load(unsafe.Pointer(&d.state)) // want CGL003 "C.load gets the array field `d.state` \(64 bytes\)"
	return d
}

var (
	shared  [256]byte
	scratch = make([]byte, 4096)
)

func loadShared() {
	C.load(unsafe.Pointer(&shared[0])) // want CGL003 "the package-level array `shared` \(256 bytes\)"
}

func loadScratch() {
	C.load(unsafe.Pointer(&scratch[0])) // want CGL003 "the package-level slice `scratch`"
}

// --- look-alikes that stay silent ---

func (h *hasher) finalWithLength() {
	C.digest_final_n((*C.uint8_t)(unsafe.Pointer(&h.sum[0])), C.size_t(len(h.sum)))
	C.digest_final_n((*C.uint8_t)(unsafe.SliceData(h.tail)), C.size_t(len(h.tail)))
}

func serialLargeEnough() [20]byte {
	var r struct{ serial [20]byte }
	C.read_serial((*C.uchar)(&r.serial[0]))
	return r.serial
}

// A package-level buffer used synchronously with its length.
func sharedWithLength() {
	C.digest_final_n((*C.uint8_t)(&shared[0]), C.size_t(len(shared)))
}

// A slice field that holds C memory.
type cbuf struct{ data []byte }

func newCBuf(n int) *cbuf {
	return &cbuf{data: unsafe.Slice((*byte)(C.malloc(C.size_t(n))), n)}
}

func (b *cbuf) load() {
	C.load(unsafe.Pointer(unsafe.SliceData(b.data)))
}

func (b *cbuf) free() {
	C.free(unsafe.Pointer(unsafe.SliceData(b.data)))
}
