// Slices handed to C next to an integer that is not their length, or next to
// a struct pointer; look-alikes where the length does reach C, or where the
// buffer is a NUL-terminated C string.
package slots

/*
#include <stddef.h>

typedef struct { unsigned char id[20]; } oid;
typedef struct { unsigned char *next_in; unsigned avail_in; } zstream;
#define OPT_URL 10002
#define OID_HEXSZ 40

int column_into(int col, char *out);
int oid_fmt(char *out, const oid *id);
void set_dictionary_fixed(zstream *z, const unsigned char *dict);
int set_opt_bytes(int opt, unsigned char *val);
int decode_rows(unsigned char *dst);
void set_user_agent(char *ua);
void set_user_agent_raw(char *ua);

int column_into_n(int col, char *out, int nbytes);
int decode_rows_stride(unsigned char *dst, int stride);
int fill_z(char *out, zstream *z);
int read_made(char *out, int mode);
typedef struct png_struct png_struct;
size_t png_get_rowbytes(png_struct *p);
void png_read_row(png_struct *p, unsigned char *row);
*/
import "C"

import (
	"image"
	"unsafe"
)

func columnIndex(col int, out []byte) {
	if len(out) == 0 {
		return
	}
	C.column_into(C.int(col), (*C.char)(unsafe.Pointer(&out[0]))) // want CGL003 "C.column_into gets the slice parameter `out`.*`col` is not one"
}

func structPointer() string {
	buf := make([]byte, 40)
	var id C.oid
	C.oid_fmt((*C.char)(unsafe.Pointer(&buf[0])), &id) // want CGL003 "C.oid_fmt gets the local slice `buf`"
	return string(buf)
}

func handleFirst(z *C.zstream, dict []byte) {
	C.set_dictionary_fixed(z, (*C.uchar)(unsafe.SliceData(dict))) // want CGL003 "C.set_dictionary_fixed gets the slice parameter `dict`"
}

func optionConstant(v []byte) {
	C.set_opt_bytes(C.OPT_URL, (*C.uchar)(unsafe.SliceData(v))) // want CGL003 "C.set_opt_bytes"
}

func imagePixels(img *image.RGBA) {
	if len(img.Pix) == 0 {
		return
	}
	C.decode_rows((*C.uchar)(unsafe.Pointer(&img.Pix[0]))) // want CGL003 "C.decode_rows gets the slice field `img.Pix`"
}

func nonConstSetterUnterminated(ua []byte) {
	if len(ua) == 0 {
		return
	}
	C.set_user_agent_raw((*C.char)(unsafe.Pointer(&ua[0]))) // want CGL003 "C.set_user_agent_raw gets the slice parameter `ua`"
}

// --- look-alikes --------------------------------------------------------------

func lengthNamedSlot(col int, out []byte) {
	C.column_into_n(C.int(col), (*C.char)(unsafe.Pointer(unsafe.SliceData(out))), C.int(len(out)))
}

func imageStride(img *image.Gray) {
	if len(img.Pix) == 0 {
		return
	}
	C.decode_rows_stride((*C.uchar)(unsafe.Pointer(&img.Pix[0])), C.int(img.Stride)) // a neutral slot, unknown relation
}

func structCarriesLength(out []byte) {
	var z C.zstream
	z.avail_in = C.unsigned(len(out))
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &z)
}

func literalCarriesLength(out []byte) {
	z := C.zstream{avail_in: C.unsigned(len(out))}
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &z)
}

func literalOverwritten(out []byte) {
	z := C.zstream{avail_in: C.unsigned(len(out))}
	z.avail_in = 64
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &z) // want CGL003 "C.fill_z gets the slice parameter `out`"
}

func literalCarriesOtherValue(out []byte, n int) {
	z := C.zstream{avail_in: C.unsigned(n)}
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &z) // want CGL003 "C.fill_z gets the slice parameter `out`, but nothing tells C.fill_z its length"
}

func madeWithLength(n int) []byte {
	buf := make([]byte, n)
	C.read_made((*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), C.int(n)) // `n` is the length `buf` was made with
	return buf
}

func nulTerminatedSetter(ua []byte) {
	ua = append(ua, 0)
	C.set_user_agent((*C.char)(unsafe.Pointer(&ua[0]))) // a C string: its end is its terminator
}

// Negative: made with the C side's own constant, as its API documents.
func oidString(id *C.oid) string {
	buf := make([]byte, C.OID_HEXSZ)
	C.oid_fmt((*C.char)(unsafe.Pointer(&buf[0])), id)
	return string(buf)
}

// Negative: sized by the C side at run time (libpng's row buffer), as its API documents.
func pngRow(png *C.png_struct) []byte {
	row := make([]byte, int(C.png_get_rowbytes(png)))
	C.png_read_row(png, (*C.uchar)(unsafe.Pointer(&row[0])))
	return row
}

// Positive: sized by the caller, which says nothing of the C contract.
func pngRowSized(png *C.png_struct, width int) []byte {
	if width <= 0 {
		return nil
	}
	row := make([]byte, width*4)
	C.png_read_row(png, (*C.uchar)(unsafe.Pointer(&row[0]))) // want CGL003 "C.png_read_row gets the local slice `row`, but nothing tells C.png_read_row its length"
	return row
}

// Positive: made with a Go constant that says nothing of the C contract.
func oidStringGo(id *C.oid) string {
	buf := make([]byte, 40)
	C.oid_fmt((*C.char)(unsafe.Pointer(&buf[0])), id) // want CGL003 "C.oid_fmt gets the local slice `buf` \(40 bytes\), but nothing tells C.oid_fmt its length"
	return string(buf)
}

type inflater struct{ z C.zstream }

// The struct is a field of the receiver, its length field set before the call.
func (f *inflater) fieldCarriesLength(out []byte) {
	f.z.avail_in = C.unsigned(len(out))
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &f.z)
}

func (f *inflater) fieldCarriesOtherValue(out []byte, n int) {
	f.z.avail_in = C.unsigned(n)
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &f.z) // want CGL003 "C.fill_z gets the slice parameter `out`, but nothing tells C.fill_z its length"
}

// The length field is set on one branch only, or written over before the call.
func (f *inflater) fieldSetOnOneBranch(out []byte, fast bool) {
	if !fast {
		f.z.avail_in = C.unsigned(len(out))
	}
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &f.z) // want CGL003 "C.fill_z gets the slice parameter `out`"
}

func (f *inflater) fieldReset(out []byte) {
	f.z.avail_in = C.unsigned(len(out))
	f.z = C.zstream{avail_in: 4096}
	C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &f.z) // want CGL003 "C.fill_z gets the slice parameter `out`"
}

// Another f, spelled the same, is the one passed.
func (f *inflater) fieldOfAnother(out []byte) {
	f.z.avail_in = C.unsigned(len(out))
	{
		f := &inflater{z: C.zstream{avail_in: 4096}}
		C.fill_z((*C.char)(unsafe.Pointer(unsafe.SliceData(out))), &f.z) // want CGL003 "C.fill_z gets the slice parameter `out`"
	}
}
