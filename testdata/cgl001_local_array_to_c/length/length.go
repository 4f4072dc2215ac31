// Local arrays handed to C functions that are not told their length, and
// look-alikes that pass it.
package length

/*
#include <stddef.h>
#include <string.h>

void fill(char *out);                       // defined elsewhere: assumes a size
void fill_n(char *out, size_t n);
int serialize(unsigned char *output, size_t *outputlen);  // *outputlen: the room in output
void read_id(unsigned char id[16]);
void scale(float *v, double factor);
static void corners(int *p) { p[0] = 1; p[7] = 2; }
static void first_two(short *p) { p[0] = 1; p[1] = 2; }
static void wipe(void *p, size_t n) { memset(p, 0, n); }
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
struct point { int x, y; };
static void move_point(struct point *p) { p->x++; }
static int greet(const char *name) { return name[0]; }
#define ERRBUF_SIZE 256
static unsigned char key_copy[32];
int set_key_bits(const unsigned char *key, unsigned int keybits);  // AES_set_encrypt_key: bits
static int set_key_len(const unsigned char *key, size_t len) { memcpy(key_copy, key, len / 8); return 0; }
static void fill_ints(int *p, size_t count) { for (size_t i = 0; i < count; i++) p[i] = -1; }
static void set_bitmap(unsigned char *map, size_t bitmap_len) { memset(map, 0xff, bitmap_len); }
static void reverse(unsigned char *p, size_t n) {
	for (size_t i = 0; i < n / 2; i++) { unsigned char t = p[i]; p[i] = p[n - 1 - i]; p[n - 1 - i] = t; }
}
*/
import "C"

import u "unsafe"

const idSize = 16

func noLengthParameter() {
	var buf [64]byte
	C.fill((*C.char)(u.Pointer(&buf[0]))) // want CGL001 "C.fill gets the local array `buf` \(64 bytes\), but nothing tells C.fill its length.*C.size_t\(len\(buf\)\)"
}

func sliceDataOfArray() {
	var out [32]C.char
	C.fill((*C.char)(u.SliceData(out[:]))) // want CGL001 "C.fill gets the local array `out` \(32 bytes\)"
}

func wholeArrayPointer() {
	var line [80]C.char
	C.fill((*C.char)(u.Pointer(&line))) // want CGL001 "`line` \(80 bytes\)"
}

func fixedArrayTooSmall() {
	var id [8]C.uchar
	C.read_id(&id[0]) // want CGL001 "declares parameter `id` as an array of 16 bytes, more than `id` holds"
}

func bodyReachesPastEnd() {
	var pair [4]C.int
	C.corners(&pair[0]) // want CGL001 "the body of C.corners reaches 32 bytes into its parameter `p`, past the end of `pair`"
}

func arrayParameter(b [16]byte) {
	C.fill((*C.char)(u.Pointer(&b[0]))) // want CGL001 "the local array `b` \(16 bytes\)"
}

func heapArrayOfThisFunction() {
	p := new([128]byte)
	C.fill((*C.char)(u.Pointer(&p[0]))) // want CGL001 "`p` \(128 bytes\)"
}

func floatParameterIsNoLength() {
	var samples [10]C.float
	C.scale(&samples[0], 0.5) // want CGL001 "`samples` \(40 bytes\).*`void scale\(float \*v, double factor\)`"
}

// fillName wraps C.fill: the array reaches C through it.
func fillName(p *byte) {
	C.fill((*C.char)(u.Pointer(p)))
}

func throughHelper() {
	var name [20]byte
	fillName(&name[0]) // want CGL001 "fillName hands the local array `name` \(20 bytes\) to C.fill, but nothing tells"
}

// --- look-alikes that stay silent ---

func lengthPassed() {
	var buf [64]byte
	C.fill_n((*C.char)(u.Pointer(&buf[0])), C.size_t(len(buf)))
}

func lengthConstant() {
	var id [idSize]C.char
	C.fill_n(&id[0], idSize)
	var small [32]C.char
	C.fill_n(&small[0], 32)
}

func lengthVariable() {
	var buf [256]byte
	n := len(buf) - 1
	C.fill_n((*C.char)(u.Pointer(&buf[0])), C.size_t(n))
	C.fill_n((*C.char)(u.Pointer(&buf[0])), C.size_t(u.Sizeof(buf)))
}

func sliceDataWithLength() {
	var buf [48]byte
	s := buf[:]
	if len(s) > 0 {
		C.fill_n((*C.char)(u.Pointer(u.SliceData(s))), C.size_t(len(s)))
	}
	C.fill_n((*C.char)(u.Pointer(u.SliceData(buf[:]))), C.size_t(len(buf)))
}

func fixedArrayLargeEnough() {
	var id [16]C.uchar
	C.read_id(&id[0])
}

func bodyStaysInside() {
	var two [2]C.short
	C.first_two(&two[0])
	var eight [8]C.int
	C.corners(&eight[0])
}

func deferredWipe() {
	var key [32]byte
	defer C.wipe(u.Pointer(&key[0]), C.size_t(len(key)))
	C.fill_n((*C.char)(u.Pointer(&key[0])), C.size_t(len(key)))
}

func elementsOfOneArray() {
	var a [2]C.int
	C.swap(&a[0], &a[1])
}

func structPointee() {
	var pts [3]C.struct_point
	C.move_point(&pts[0])
}

func cString() int {
	name := [4]byte{'a', 'b', 'c', 0}
	return int(C.greet((*C.char)(u.Pointer(&name[0]))))
}

var table [64]byte

func packageLevel() {
	C.fill_n((*C.char)(u.Pointer(&table[0])), C.size_t(len(table)))
}

// fillN passes the length along.
func fillN(p *byte, n int) {
	C.fill_n((*C.char)(u.Pointer(p)), C.size_t(n))
}

func helperWithLength() {
	var name [20]byte
	fillN(&name[0], len(name))
}

func sliceOfLocalArray() {
	var backing [24]byte
	view := backing[:]
	C.fill((*C.char)(u.Pointer(u.SliceData(view)))) // want CGL001 "the local array `backing` \(24 bytes\)"
}

// Negative: sized by the C side's own constant, as its API documents.
func sizedByC() {
	var errbuf [C.ERRBUF_SIZE]C.char
	C.fill(&errbuf[0])
}

// A constant length larger than the array: C trusts it.
func lengthTooLong() {
	var buf [64]byte
	C.fill_n((*C.char)(u.Pointer(&buf[0])), 72) // want CGL001 "C.fill_n gets the local array `buf` \(64 bytes\), but the length passed as `n` is 72, more than the 64 bytes `buf` holds"
}

// The same through an in/out length (secp256k1's serialize_der).
func outLengthTooLong() {
	var der [64]byte
	derLen := C.size_t(72)
	C.serialize((*C.uchar)(&der[0]), &derLen) // want CGL001 "the length passed as `outputlen` is 72.*set what `outputlen` points to to len\(der\)"
}

// Look-alikes: a constant that fits, and an in/out length that fits.
func lengthFits() {
	var buf [64]byte
	C.fill_n((*C.char)(u.Pointer(&buf[0])), 64)
	var der [72]byte
	derLen := C.size_t(72)
	C.serialize((*C.uchar)(&der[0]), &derLen)
}

// A key length in bits, by its name or by the body's scaling: not bytes.
func keyLengthInBits() {
	var key [32]byte
	C.set_key_bits((*C.uchar)(u.Pointer(&key[0])), 256)
	C.set_key_len((*C.uchar)(u.Pointer(&key[0])), 256)
}

// The body indexes the ints below the count: it counts elements, not bytes.
func countInElements() {
	var a [16]C.int
	C.fill_ints(&a[0], 20) // want CGL001 "the length passed as `count` is 20 elements of 4 bytes \(80 bytes\), more than the 64 bytes `a` holds"
	var b [16]C.int
	C.fill_ints(&b[0], 16)
}

// Not bits: a name that merely contains "bit", and a length halved by a loop.
func notBits() {
	var m [8]byte
	C.set_bitmap((*C.uchar)(u.Pointer(&m[0])), 16) // want CGL001 "the length passed as `bitmap_len` is 16, more than the 8 bytes `m` holds"
	var r [8]byte
	C.reverse((*C.uchar)(u.Pointer(&r[0])), 16) // want CGL001 "the length passed as `n` is 16, more than the 8 bytes `r` holds"
}
