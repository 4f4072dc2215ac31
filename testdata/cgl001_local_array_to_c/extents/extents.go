package extents

/*
#include <string.h>
#include <stdint.h>
#define DIM 4
#define CELLS (DIM * DIM)
#define UUID_LEN 0x10
typedef struct box { double x0, y0, x1, y1; } box;

static void bbox(double *out) { double b[4] = {0, 0, 2, 3}; memcpy(out, b, sizeof b); }
static void bbox_typed(double *out) { box b = {0, 0, 2, 3}; memcpy(out, &b, sizeof(box)); }
static void identity(double *m) { for (int i = 0; i < DIM * DIM; i++) m[i] = (i % (DIM + 1)) == 0; }
static void iota8(int *p) { for (unsigned i = 0; i < 8u; i++) p[i] = (int)i; }
static void get_uuid(unsigned char *out) { static const unsigned char id[UUID_LEN] = {1}; memcpy(out, id, UUID_LEN); }
static void clear_cells(uint8_t *cells) { memset(cells, 0, CELLS); }
static void last_cell(uint8_t *cells) { cells[CELLS - 1] = 1; }
// Two hex digits per byte of a 20-byte id (git_oid_fmt).
static void oid_hex(char *out) { for (int i = 0; i < 20; i++) { out[2 * i] = 'a'; out[2 * i + 1] = 'b'; } }
// Seeds only when given a seed (secp256k1_context_randomize).
static int randomize(uint8_t *state, const unsigned char *seed32) {
	if (seed32) memcpy(state, seed32, 32);
	return seed32 != NULL ? 1 : 0;
}
*/
import "C"

import "unsafe"

// The arrays are as large as what each body touches.
func fits() {
	var out [4]float64
	C.bbox((*C.double)(unsafe.Pointer(&out[0])))
	C.bbox_typed((*C.double)(unsafe.Pointer(&out[0])))
	var m [16]float64
	C.identity((*C.double)(unsafe.Pointer(&m[0])))
	var a [8]C.int
	C.iota8(&a[0])
	var id [16]byte
	C.get_uuid((*C.uchar)(unsafe.Pointer(&id[0])))
	var cells [16]uint8
	C.clear_cells((*C.uint8_t)(unsafe.Pointer(&cells[0])))
	var hex [40]byte
	C.oid_hex((*C.char)(unsafe.Pointer(&hex[0])))
	C.last_cell((*C.uint8_t)(unsafe.Pointer(&cells[0])))
}

// One element or one byte short of what each body touches.
func short() {
	var out [3]float64
	C.bbox((*C.double)(unsafe.Pointer(&out[0]))) // want CGL001 "C.bbox gets the local array `out` \(24 bytes\), but the body of C\.[a-z_]* reaches 32 bytes"
	var m [15]float64
	C.identity((*C.double)(unsafe.Pointer(&m[0]))) // want CGL001 "C.identity gets the local array `m` \(120 bytes\), but the body of C\.[a-z_]* reaches 128 bytes"
	var id [15]byte
	C.get_uuid((*C.uchar)(unsafe.Pointer(&id[0]))) // want CGL001 "C.get_uuid gets the local array `id` \(15 bytes\), but the body of C\.[a-z_]* reaches 16 bytes"
	var cells [8]uint8
	C.clear_cells((*C.uint8_t)(unsafe.Pointer(&cells[0]))) // want CGL001 "C.clear_cells gets the local array `cells` \(8 bytes\)"
	C.last_cell((*C.uint8_t)(unsafe.Pointer(&cells[0])))   // want CGL001 "C.last_cell gets the local array `cells` \(8 bytes\)"
	var hex [39]byte
	C.oid_hex((*C.char)(unsafe.Pointer(&hex[0]))) // want CGL001 "C.oid_hex gets the local array `hex` \(39 bytes\), but the body of C.oid_hex reaches 40 bytes"
}

// The body tests the pointer for NULL before it reads 32 bytes.
func seeded(state *C.uint8_t) {
	var seed [32]byte
	C.randomize(state, (*C.uchar)(unsafe.Pointer(&seed[0])))
}

// The same read from 16 bytes.
func seededShort(state *C.uint8_t) {
	var seed [16]byte
	C.randomize(state, (*C.uchar)(unsafe.Pointer(&seed[0]))) // want CGL001 "C.randomize gets the local array `seed` \(16 bytes\), but the body of C.randomize reaches 32 bytes"
}
