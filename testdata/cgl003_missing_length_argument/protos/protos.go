// Go slices handed to C functions whose prototypes cannot receive their
// length, and look-alikes whose prototypes can.
package protos

/*
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void hash_final(unsigned char *out);
int hash_update(void *ctx, const uint8_t *data, size_t len);
void decode(const uint8_t *in, uint8_t *out);
void scale(double *v, double factor);
void mac(const unsigned char key[32], unsigned char tag[16]);
int send_name(const char *name);
typedef unsigned char PCRE2_UCHAR;
typedef const PCRE2_UCHAR *PCRE2_SPTR;
int group_number(PCRE2_SPTR name);
void set_context(uintptr_t handle);
struct header { int kind; int size; };
void read_header(struct header *h);
static void put3(unsigned char *p) { p[0] = 1; p[1] = 2; p[2] = 3; }
// Like nvmlDeviceGetSerial without its length: writes up to 30 bytes.
static int get_serial(char *serial) { return snprintf(serial, 30, "%s", "1320321000001"); }
// Hands the buffer on with its capacity in a local set once (go-ethereum's
// secp256k1_ext_ecdsa_recover: `size_t outputlen = 65`).
int serialize(unsigned char *out, size_t *outlen);
static int recover65(unsigned char *pubkey_out) {
	size_t outputlen = 65;
	return serialize(pubkey_out, &outputlen);
}
// A count of words, or a mode, beside the buffer is no capacity in bytes.
static void fill_words(uint32_t *w, size_t nwords) { for (size_t i = 0; i < nwords; i++) w[i] = 1; }
static void fill_eight(void *out) {
	size_t nwords = 8;
	fill_words(out, nwords);
}
static void hash_into(unsigned char *out, int mode) { memset(out, mode, 64); }
static void digest_mode(unsigned char *out) {
	int mode = 1;
	hash_into(out, mode);
}
// A capacity whose address is handed to something else first, or a length
// to a callee whose prototype takes words, is not taken.
void query_len(size_t *len);
static int recover_queried(unsigned char *out) {
	size_t outputlen = 16;
	query_len(&outputlen);
	return serialize(out, &outputlen);
}
void fill_words_ext(uint32_t *w, size_t len);
static void fill_ext(void *out) {
	size_t len = 8;
	fill_words_ext(out, len);
}
// A cast helper hands the pointer back untouched (go-gtk's to_gucharptr).
static uint8_t *to_bytes(void *s) { return (uint8_t *)s; }
int name_length(const uint8_t *s);
static uint8_t *kept_bytes;
static int big_keys = 1;
static int recover_grown(unsigned char *pubkey_out) {
	size_t outputlen = 33;
	if (big_keys) outputlen = 65;
	return serialize(pubkey_out, &outputlen);
}
// Take the pointer's value as a number: the memory is not touched; or
// after the number, they read through it too.
static uintptr_t address_of(void *p) { return (uintptr_t)p; }
static uintptr_t round_trip(void *p) {
	uintptr_t a = (uintptr_t)p;
	unsigned char *q = (unsigned char *)a;
	q[100] = 1;
	return a;
}
static uintptr_t address_and_first(unsigned char *p) { uintptr_t s = (uintptr_t)p; for (int i = 0; p[i]; i++) s += p[i]; return s; }
*/
import "C"

import (
	"errors"
	"runtime"
	"runtime/cgo"
	unsafe2 "unsafe"
)

func sliceParameter(out []byte) {
	C.hash_final((*C.uchar)(unsafe2.SliceData(out))) // want CGL003 "C.hash_final gets the slice parameter `out`, but nothing tells C.hash_final its length.*C.size_t\(len\(out\)\)"
}

func madeSlice() []byte {
	sum := make([]byte, 32)
	C.hash_final((*C.uchar)(&sum[0])) // want CGL003 "C.hash_final gets the local slice `sum`"
	return sum
}

func bothPointersUnbounded(in []byte) ([]byte, error) {
	if len(in) == 0 {
		return nil, errors.New("empty")
	}
	out := make([]byte, len(in)*2)
	C.decode((*C.uint8_t)(&in[0]), (*C.uint8_t)(&out[0])) // want CGL003 "`in`" CGL003 "`out`"
	return out, nil
}

func floatsAreNoLength(v []float64) {
	if len(v) > 0 {
		C.scale((*C.double)(&v[0]), 2) // want CGL003 "C.scale gets the slice parameter `v`"
	}
}

func throughLocalPointer(frame []byte) {
	p := unsafe2.Pointer(unsafe2.SliceData(frame))
	C.hash_final((*C.uchar)(p)) // want CGL003 "slice parameter `frame`"
}

func inClosure(chunks [][]byte) {
	each := func(chunk []byte) {
		C.hash_final((*C.uchar)(unsafe2.SliceData(chunk))) // want CGL003 "`chunk`"
	}
	for _, c := range chunks {
		each(c)
	}
}

// finish hands its parameter to C.hash_final.
func finish(digest *byte) {
	C.hash_final((*C.uchar)(digest))
}

func throughHelper() []byte {
	digest := make([]byte, 20)
	finish(&digest[0]) // want CGL003 "finish hands the local slice `digest` \(20 bytes\) to C.hash_final, but nothing tells"
	return digest
}

func bodyPastEnd() [2]byte {
	var arr [2]byte
	C.put3((*C.uchar)(&arr[0])) // want CGL001 "reaches 3 bytes"
	return arr
}

// --- look-alikes that stay silent ---

// The prototype has a size parameter and receives the length.
func lengthPassed(ctx unsafe2.Pointer, data []byte) {
	C.hash_update(ctx, (*C.uint8_t)(unsafe2.SliceData(data)), C.size_t(len(data)))
	n := cap(data)
	C.hash_update(ctx, (*C.uint8_t)(unsafe2.SliceData(data[:n])), C.size_t(n))
}

// unsafe.SliceData with a length check in front and the length passed.
func checkedSliceData(ctx unsafe2.Pointer, data []byte) error {
	if len(data) == 0 {
		return errors.New("empty")
	}
	C.hash_update(ctx, (*C.uint8_t)(unsafe2.SliceData(data)), C.size_t(len(data)))
	return nil
}

// Fixed-size array parameters large enough for the Go arrays.
func fixedSizes(key *[32]byte) [16]byte {
	var tag [16]byte
	C.mac((*C.uchar)(&key[0]), (*C.uchar)(&tag[0]))
	return tag
}

// A fixed-size contract enforced in Go before the call (as crypto/aes does
// for its 16-byte blocks).
const blockSize = 16

func guardedBlock(dst []byte) {
	if len(dst) < blockSize {
		panic("output not full block")
	}
	C.hash_final((*C.uchar)(&dst[0]))
}

// The same contract checked by a helper the call's `if` asks
// (go-ethereum's secp256k1 checkSignature).
func checkBlock(block []byte) error {
	if len(block) != blockSize {
		return errors.New("not one block")
	}
	return nil
}

func helperCheckedBlock(dst []byte) error {
	if err := checkBlock(dst); err != nil {
		return err
	}
	C.hash_final((*C.uchar)(&dst[0]))
	return nil
}

// A helper that only checks for emptiness, or checks another argument,
// says nothing of the size.
func checkNotEmpty(block []byte) error {
	if len(block) == 0 {
		return errors.New("empty")
	}
	return nil
}

func checkFirst(block, other []byte) error {
	if len(block) != blockSize {
		return errors.New("not one block")
	}
	return nil
}

// A helper whose size check may be skipped (`if !strict { return nil }`).
func checkBlockIf(block []byte, strict bool) error {
	if !strict {
		return nil
	}
	if len(block) != blockSize {
		return errors.New("not one block")
	}
	return nil
}

func helperCheckedSometimes(dst []byte) error {
	if len(dst) == 0 {
		return nil
	}
	if err := checkBlockIf(dst, false); err != nil {
		return err
	}
	C.hash_final((*C.uchar)(&dst[0])) // want CGL003 "C.hash_final gets the slice parameter `dst`, but nothing tells C.hash_final its length"
	return nil
}

func helperCheckedEmptiness(dst []byte) error {
	if err := checkNotEmpty(dst); err != nil {
		return err
	}
	C.hash_final((*C.uchar)(&dst[0])) // want CGL003 "C.hash_final gets the slice parameter `dst`, but nothing tells C.hash_final its length"
	return nil
}

func helperCheckedOther(src, dst []byte) error {
	if err := checkFirst(src, dst); err != nil {
		return err
	}
	C.hash_final((*C.uchar)(&dst[0])) // want CGL003 "C.hash_final gets the slice parameter `dst`, but nothing tells C.hash_final its length" CGL002 "`&dst\[0\]` passed to C.hash_final panics"
	return nil
}

// A cgo.Handle is an integer; pinned memory still passes its length.
func handleAndPinned(ctx unsafe2.Pointer, state *int) {
	h := cgo.NewHandle(state)
	defer h.Delete()
	C.set_context(C.uintptr_t(h))
	var pin runtime.Pinner
	defer pin.Unpin()
	buf := make([]byte, 64)
	pin.Pin(&buf[0])
	C.hash_update(ctx, (*C.uint8_t)(&buf[0]), C.size_t(len(buf)))
}

// const char *: a C string, ended by its terminator.
func cString(name []byte) int {
	name = append(name, 0)
	return int(C.send_name((*C.char)(unsafe2.Pointer(&name[0]))))
}

// const unsigned char * (PCRE2_SPTR, xmlChar): a C string too when the bytes end in a NUL.
func unsignedCString(name string) int {
	b := append([]byte(name), 0)
	return int(C.group_number((C.PCRE2_SPTR)(unsafe2.Pointer(&b[0]))))
}

// The same parameter given bytes with no NUL: nothing tells C where they end.
func unsignedBytes(name string) int {
	b := []byte(name + "!")
	return int(C.group_number((C.PCRE2_SPTR)(unsafe2.Pointer(&b[0])))) // want CGL003 "C.group_number gets the local slice `b`, but nothing tells C.group_number its length"
}

// A pointer to one C struct is not a buffer.
func oneStruct() C.int {
	var hs [1]C.struct_header
	C.read_header(&hs[0])
	return hs[0].size
}

// C memory viewed as a Go slice.
func cMemory(p unsafe2.Pointer) {
	view := unsafe2.Slice((*byte)(p), 32)
	C.hash_final((*C.uchar)(unsafe2.SliceData(view)))
}

// A body that stays within the slice is not judged without its length.
func bodyInside(out []byte) {
	if len(out) >= 3 {
		C.put3((*C.uchar)(unsafe2.SliceData(out)))
	}
}

// System functions: their prototypes are not in this package.
func system(buf []byte) {
	if len(buf) > 0 {
		C.memset(unsafe2.Pointer(&buf[0]), 0, C.size_t(len(buf)))
	}
}

// A slice made with a constant length: the body of C.get_serial writes 30 bytes into 16.
func serialShort() string {
	serial := make([]byte, 16)
	C.get_serial((*C.char)(unsafe2.Pointer(&serial[0]))) // want CGL003 "C.get_serial gets the local slice `serial` \(16 bytes\), but the body of C.get_serial reaches 30 bytes"
	return string(serial)
}

// Large enough.
func serialRoomy() string {
	serial := make([]byte, 32)
	C.get_serial((*C.char)(unsafe2.Pointer(&serial[0])))
	return string(serial)
}

// A capacity gives C room past the length: not judged.
func serialCapacity() string {
	serial := make([]byte, 16, 64)
	C.get_serial((*C.char)(unsafe2.Pointer(&serial[0])))
	return string(serial)
}

// Reassigned after the make: its length at the call is not known.
func serialRegrown(grow bool) string {
	serial := make([]byte, 16)
	if grow {
		serial = make([]byte, 64)
	}
	C.get_serial((*C.char)(unsafe2.Pointer(&serial[0])))
	return string(serial)
}

// A constant length larger than the slice made: C trusts it.
func lengthTooLong(ctx unsafe2.Pointer) {
	buf := make([]byte, 16)
	C.hash_update(ctx, (*C.uint8_t)(&buf[0]), 32) // want CGL003 "C.hash_update gets the local slice `buf` \(16 bytes\), but the length passed as `len` is 32"
}

// The body hands the buffer on with a capacity that fits it.
func recovered() []byte {
	pubkey := make([]byte, 65)
	C.recover65((*C.uchar)(&pubkey[0]))
	return pubkey
}

// Positive: the capacity handed on is larger than the buffer, or not one constant.
func recoveredShort() []byte {
	pubkey := make([]byte, 33)
	C.recover65((*C.uchar)(&pubkey[0])) // want CGL003 "C.recover65 gets the local slice `pubkey` \(33 bytes\), but the body of C.recover65 reaches 65 bytes"
	return pubkey
}

func recoveredGrown() []byte {
	pubkey := make([]byte, 65)
	C.recover_grown((*C.uchar)(&pubkey[0])) // want CGL003 "nothing tells C.recover_grown its length"
	return pubkey
}

func filledWords() []byte {
	buf := make([]byte, 16)
	C.fill_eight(unsafe2.Pointer(&buf[0])) // want CGL003 "nothing tells C.fill_eight its length"
	C.digest_mode((*C.uchar)(&buf[0]))     // want CGL003 "nothing tells C.digest_mode its length"
	return buf
}

func capacityNotTaken() []byte {
	buf := make([]byte, 16)
	C.recover_queried((*C.uchar)(&buf[0])) // want CGL003 "nothing tells C.recover_queried its length"
	C.fill_ext(unsafe2.Pointer(&buf[0]))   // want CGL003 "nothing tells C.fill_ext its length"
	return buf
}

// A helper's size check whose failure the caller only logs says nothing.
func helperCheckLogged(dst []byte) {
	if len(dst) == 0 {
		return
	}
	if err := checkBlock(dst); err != nil {
		println(err.Error())
	}
	C.hash_final((*C.uchar)(&dst[0])) // want CGL003 "nothing tells C.hash_final its length"
}

// The cast helper reads nothing; the call it feeds gets the length.
func castHelper(ctx unsafe2.Pointer, data []byte) {
	if len(data) == 0 {
		return
	}
	C.hash_update(ctx, C.to_bytes(unsafe2.Pointer(&data[0])), C.size_t(len(data)))
}

// Through the cast helper, the call it feeds gets the buffer and no length.
func castHelperNoLength(data []byte) C.int {
	if len(data) == 0 {
		return 0
	}
	return C.name_length(C.to_bytes(unsafe2.Pointer(&data[0]))) // want CGL003 "nothing tells C.name_length its length"
}

// Checked by a helper declared once per platform: every declaration checks
// the size (checkSig), or one does not (checkSigLax).
func platformChecked(sig []byte) error {
	if len(sig) == 0 {
		return nil
	}
	if err := checkSig(sig); err != nil {
		return err
	}
	C.hash_final((*C.uchar)(&sig[0]))
	return nil
}

func platformCheckedLax(sig []byte) error {
	if len(sig) == 0 {
		return nil
	}
	if err := checkSigLax(sig); err != nil {
		return err
	}
	C.hash_final((*C.uchar)(&sig[0])) // want CGL003 "nothing tells C.hash_final its length"
	return nil
}

// Through the cast helper into nothing that gets a length: judged at the helper.
func castHelperKept(data []byte) {
	if len(data) == 0 {
		return
	}
	C.kept_bytes = C.to_bytes(unsafe2.Pointer(&data[0])) // want CGL003 "nothing tells C.to_bytes its length"
}

// Negative: only the address is taken.
func addressOf(buf []byte) uintptr {
	return uintptr(C.address_of(unsafe2.Pointer(unsafe2.SliceData(buf))))
}

// Positive: the body reads through the pointer as well.
func addressAndFirst(buf []byte) uintptr {
	return uintptr(C.address_and_first((*C.uchar)(unsafe2.SliceData(buf)))) // want CGL003 "C.address_and_first gets the slice parameter `buf`"
}

// Positive: the number becomes a pointer again, and C writes through it.
func roundTrip(buf []byte) uintptr {
	return uintptr(C.round_trip(unsafe2.Pointer(unsafe2.SliceData(buf)))) // want CGL003 "C.round_trip gets the slice parameter `buf`"
}
