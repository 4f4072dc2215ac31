package empty

// #include "empty.h"
import "C"

import (
	"errors"
	"unsafe"
)

// Negative: the check on make's length comes after the make (gocv CalcHist).
func HistogramCheckedAfterMake(bins int) ([]C.int, error) {
	hist := make([]C.int, bins)
	if bins == 0 {
		return nil, errors.New("no bins")
	}
	C.sum_ints((*C.int)(unsafe.Pointer(&hist[0])), C.size_t(len(hist)))
	return hist, nil
}

// Positive: the check after the make is on another variable.
func HistogramCheckedWrongly(bins, width int) []C.int {
	hist := make([]C.int, bins)
	if width == 0 {
		return nil
	}
	C.sum_ints((*C.int)(unsafe.Pointer(&hist[0])), C.size_t(len(hist))) // want CGL002 "`&hist\[0\]` passed to C.sum_ints panics"
	return hist
}

// Negative: a switch without a tag handles the empty case first (go-ceph Append).
func AppendSwitch(data []byte) C.int {
	switch {
	case len(data) == 0:
		return 0
	default:
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data)))
	}
}

// Negative: the case itself says the slice is not empty.
func AppendCase(data []byte) C.int {
	switch {
	case len(data) > 0:
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data)))
	}
	return 0
}

// Positive: the earlier case does not rule out the empty slice.
func AppendSwitchWrongly(data []byte) C.int {
	switch {
	case len(data) > 64:
		return -1
	default:
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "`&data\[0\]` passed to C.checksum panics"
	}
}

// Positive: a fallthrough enters the default case from the empty case.
func AppendFallthrough(data []byte) C.int {
	switch {
	case len(data) == 0:
		data = data[:0]
		fallthrough
	default:
		return C.checksum((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))) // want CGL002 "`&data\[0\]` passed to C.checksum panics"
	}
}

// Negative: an empty slice is swapped for a one-byte one (pebbe/zmq4 SendBytes).
func SendBytes(data []byte) C.int {
	d := data
	if len(data) == 0 {
		d = []byte{0}
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&d[0])), C.size_t(len(data)))
}

// Positive: the copy is assigned again before the check.
func SendBytesReassigned(data, other []byte) C.int {
	d := data
	d = other
	if len(data) == 0 {
		d = []byte{0}
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&d[0])), C.size_t(len(d))) // want CGL002 "`&d\[0\]` passed to C.checksum panics"
}

// Negative: the string is compared with "" before it is copied (go-duckdb appender).
func AppendString(v string) C.int {
	if v == "" {
		return -1
	}
	b := []byte(v)
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}

// Positive: the comparison with "" does not leave the function.
func AppendStringUnchecked(v string, seen *int) C.int {
	if v == "" {
		*seen++
	}
	b := []byte(v)
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

// Negative: equal lengths, and the first is not empty.
func AppendBatch(ids []C.int, valid []byte) C.int {
	if len(ids) != len(valid) || len(ids) == 0 {
		return -1
	}
	C.sum_ints((*C.int)(unsafe.Pointer(&ids[0])), C.size_t(len(ids)))
	return C.checksum((*C.uchar)(unsafe.Pointer(&valid[0])), C.size_t(len(valid)))
}

// Positive: equal lengths, but both may be empty.
func AppendBatchEqualOnly(ids []C.int, valid []byte) C.int {
	if len(ids) != len(valid) {
		return -1
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&valid[0])), C.size_t(len(valid))) // want CGL002 "`&valid\[0\]` passed to C.checksum panics"
}

func keyBytes() int { return 32 }

// checkSize panics unless buf is exactly expected bytes long (libsodium's CheckSize).
func checkSize(buf []byte, expected int, what string) {
	if len(buf) != expected {
		panic("wrong " + what + " size")
	}
}

func mustHave(buf []byte) {
	if len(buf) == 0 {
		panic("empty buffer")
	}
}

// validate returns early: the caller goes on with an empty slice.
func validate(buf []byte) {
	if len(buf) == 0 {
		return
	}
}

// lateCheck may return before its check.
func lateCheck(buf []byte, skip bool) {
	if skip {
		return
	}
	if len(buf) == 0 {
		panic("empty buffer")
	}
}

// Negative: a helper of the package panics when the size is wrong.
func SealChecked(key []byte) C.int {
	checkSize(key, keyBytes(), "key")
	return C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key)))
}

// Negative: a helper panics on an empty slice.
func SealMust(key []byte) C.int {
	mustHave(key)
	return C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key)))
}

// Negative: the size is compared with a computed count, taken as not 0.
func SealCompared(key []byte) C.int {
	if len(key) != keyBytes() {
		return -1
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key)))
}

// Positive: the helper returns; the caller goes on.
func SealValidated(key []byte) C.int {
	validate(key)
	return C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key))) // want CGL002 "`&key\[0\]` passed to C.checksum panics"
}

// Positive: the helper may return before it checks.
func SealLate(key []byte, skip bool) C.int {
	lateCheck(key, skip)
	return C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key))) // want CGL002 "`&key\[0\]` passed to C.checksum panics"
}

// Positive: checked against a size that may be 0.
func SealSized(key []byte, size int) C.int {
	checkSize(key, size, "key")
	return C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(len(key))) // want CGL002 "`&key\[0\]` passed to C.checksum panics"
}

// Negative: unexported, and every caller checks first (DataDog/zstd's decompressSizeHint).
func sizeHint(src []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src)))
}

func Decompress(src []byte) (C.int, error) {
	if len(src) == 0 {
		return 0, errors.New("empty input")
	}
	return sizeHint(src), nil
}

func DecompressPrefix(src []byte) C.int {
	if len(src) < 4 {
		return 0
	}
	return sizeHint(src[:4])
}

// Positive: one caller does not check.
func rawHint(src []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src))) // want CGL002 "`&src\[0\]` passed to C.checksum panics"
}

func HintChecked(src []byte) C.int {
	if len(src) == 0 {
		return 0
	}
	return rawHint(src)
}

func HintUnchecked(src []byte) C.int { return rawHint(src) }

// Positive: the function is also used as a value, so its callers are not all known.
func valueHint(src []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src))) // want CGL002 "`&src\[0\]` passed to C.checksum panics"
}

func HintValue(src []byte) (C.int, func([]byte) C.int) {
	if len(src) == 0 {
		return 0, valueHint
	}
	return valueHint(src), valueHint
}

// Positive: exported, so callers outside the package are not known.
func ExportedHint(src []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src))) // want CGL002 "`&src\[0\]` passed to C.checksum panics"
}

func CallExported(src []byte) C.int {
	if len(src) == 0 {
		return 0
	}
	return ExportedHint(src)
}

const unknownType = 0

// imageType starts by returning unknownType for a buffer too short to tell (bimg).
func imageType(buf []byte) int {
	if len(buf) < 12 {
		return unknownType
	}
	if string(buf[:4]) == "FIMG" {
		return 1
	}
	return unknownType
}

func looksValid(buf []byte) bool {
	if len(buf) == 0 {
		return false
	}
	return buf[0] != 0
}

// recursive asks about itself first: nothing is known of its result.
func recursive(buf []byte) int {
	if recursive(buf) == 0 {
		return 0
	}
	return len(buf)
}

// Negative: a classifier returns its "unknown" value for a short buffer.
func LoadImage(buf []byte) C.int {
	if imageType(buf) == unknownType {
		return -1
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
}

// Negative: a validator returns false for an empty buffer.
func LoadValid(buf []byte) C.int {
	if !looksValid(buf) {
		return -1
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
}

// Positive: compared with a value the classifier does not return for an empty buffer.
func LoadKnown(buf []byte) C.int {
	if imageType(buf) == 1 {
		return -1
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
}

// Positive: nothing is known of a recursive function's result.
func LoadRecursive(buf []byte) C.int {
	if recursive(buf) == 0 {
		return -1
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
}

// Negative: a count of frames that is 0 for an empty slice, whatever the frame size (ALSA writei).
func WriteFrames(p []byte, frameSize int) C.int {
	frames := len(p) / frameSize
	if frames == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&p[0])), C.size_t(frames*frameSize))
}

// Negative: what copy returns is 0 for an empty destination.
func WriteCopy(buf, src []byte) C.int {
	n := copy(buf, src)
	if n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(n))
}

// Negative: ranks checked equal after the first is checked (go-hdf5 CreateSimpleDataspace).
func CreateSimple(dims, maxDims []C.int) C.int {
	if len(dims) == 0 {
		return 0
	}
	if len(maxDims) != len(dims) {
		return -1
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&maxDims[0])), C.size_t(len(maxDims))))
}

// Negative: lengths checked equal, then the first checked (gonum-style daxpy).
func Daxpy(x, y []C.int) C.int {
	n := len(x)
	if n != len(y) {
		panic("length mismatch")
	}
	if n == 0 {
		return 0
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&y[0])), C.size_t(n)))
}

// Negative: a chunk bounded by two values both checked positive.
func WriteChunk(b []byte, limit int) C.int {
	if len(b) == 0 || limit <= 0 {
		return 0
	}
	chunk := b[:min(len(b), limit)]
	return C.checksum((*C.uchar)(unsafe.Pointer(&chunk[0])), C.size_t(len(chunk)))
}

// Positive: equal lengths, but the other slice is never checked.
func CreateUnchecked(dims, maxDims []C.int) C.int {
	if len(maxDims) != len(dims) {
		return -1
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&maxDims[0])), C.size_t(len(maxDims)))) // want CGL002 "`&maxDims\[0\]` passed to C.sum_ints panics"
}

// Positive: the limit may be 0.
func WriteChunkUnbounded(b []byte, limit int) C.int {
	if len(b) == 0 {
		return 0
	}
	chunk := b[:min(len(b), limit)]
	return C.checksum((*C.uchar)(unsafe.Pointer(&chunk[0])), C.size_t(len(chunk))) // want CGL002 "`&chunk\[0\]` passed to C.checksum panics"
}

// Negative: the length is checked equal to a count, and the count not 0.
func MulVec(x []C.int, cols int) C.int {
	if len(x) != cols {
		panic("dimension mismatch")
	}
	if cols == 0 {
		return 0
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&x[0])), C.size_t(cols)))
}

// Positive: the count is never checked.
func MulVecUnchecked(x []C.int, cols int) C.int {
	if len(x) != cols {
		panic("dimension mismatch")
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&x[0])), C.size_t(cols))) // want CGL002 "`&x\[0\]` passed to C.sum_ints panics"
}

type Dense struct {
	Rows, Cols int
	Data       []C.int
}

// Negative: the length is checked equal to a field, and the field not 0 (gonum MulVec).
func MulVecDense(y []C.int, a *Dense, x []C.int) C.int {
	if len(x) != a.Cols || len(y) != a.Rows {
		panic("dimension mismatch")
	}
	if a.Rows == 0 || a.Cols == 0 {
		return 0
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&x[0])), C.size_t(a.Cols)) +
		C.sum_ints((*C.int)(unsafe.Pointer(&y[0])), C.size_t(a.Rows)))
}

// Positive: the field is changed between the two checks.
func MulVecDenseResized(a *Dense, x []C.int, cols int) C.int {
	if len(x) != a.Cols {
		panic("dimension mismatch")
	}
	a.Cols = cols
	if a.Cols == 0 {
		return 0
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&x[0])), C.size_t(a.Cols))) // want CGL002 "`&x\[0\]` passed to C.sum_ints panics"
}

func reshape(a *Dense, cols int) { a.Cols = cols }

// Positive: a function given the matrix, or a copy of the pointer, may change the field.
func MulVecReshaped(a *Dense, x []C.int, cols int) C.int {
	if len(x) != a.Cols {
		panic("dimension mismatch")
	}
	reshape(a, cols)
	if a.Cols == 0 {
		return 0
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&x[0])), C.size_t(a.Cols))) // want CGL002 "`&x\[0\]` passed to C.sum_ints panics"
}

func MulVecAliased(a *Dense, x []C.int, cols int) C.int {
	if len(x) != a.Cols {
		panic("dimension mismatch")
	}
	b := a
	b.Cols = cols
	if a.Cols == 0 {
		return 0
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&x[0])), C.size_t(a.Cols))) // want CGL002 "`&x\[0\]` passed to C.sum_ints panics"
}

// Positive: another matrix's field is checked.
func MulVecOther(a, b *Dense, x []C.int) C.int {
	if len(x) != a.Cols {
		panic("dimension mismatch")
	}
	if b.Cols == 0 {
		return 0
	}
	return C.int(C.sum_ints((*C.int)(unsafe.Pointer(&x[0])), C.size_t(a.Cols))) // want CGL002 "`&x\[0\]` passed to C.sum_ints panics"
}

type bpfMap struct{ keySize int }

// Negative: the length equals a field checked non-zero in the same condition (libbpfgo).
func (m *bpfMap) Put(key []byte) int {
	if len(key) != m.keySize || m.keySize == 0 {
		return -1
	}
	return int(C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(m.keySize)))
}

// Positive: the condition checks another value, not the field.
func (m *bpfMap) PutUnchecked(key []byte, flags int) int {
	if len(key) != m.keySize || flags == 0 {
		return -1
	}
	return int(C.checksum((*C.uchar)(unsafe.Pointer(&key[0])), C.size_t(m.keySize))) // want CGL002 "`&key\[0\]` passed to C.checksum panics"
}

// Negative: chunks of a slice the loop's condition checks (espeak feed).
func Feed(s []C.int) {
	for len(s) > 0 {
		chunk := s[:min(len(s), 512)]
		C.sum_ints(&chunk[0], C.size_t(len(chunk)))
		s = s[len(chunk):]
	}
}

// Positive: the slice is cut between the loop's check and the chunk.
func FeedSkipping(s []C.int) {
	for len(s) > 0 {
		s = s[1:]
		chunk := s[:min(len(s), 512)]
		C.sum_ints(&chunk[0], C.size_t(len(chunk))) // want CGL002 "`&chunk\[0\]` passed to C.sum_ints panics"
	}
}

// Negative: one element appended for each of a non-empty slice's (go-pam env).
func Counts(names []string) C.long {
	if len(names) == 0 {
		return 0
	}
	counts := make([]C.int, 0, len(names))
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
	}
	return C.sum_ints(&counts[0], C.size_t(len(counts)))
}

// Positive: the loop may skip every append.
func CountsSkipping(names []string) C.long {
	if len(names) == 0 {
		return 0
	}
	counts := make([]C.int, 0, len(names))
	for _, n := range names {
		if n == "" {
			continue
		}
		counts = append(counts, C.int(len(n)))
	}
	return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
}

func lengths(n string) []C.int {
	if n == "" {
		return nil
	}
	return []C.int{C.int(len(n))}
}

// Positive: a spread append may add nothing, and a later cut may undo the append.
func CountsSpread(names []string) C.long {
	if len(names) == 0 {
		return 0
	}
	counts := make([]C.int, 0, len(names))
	for _, n := range names {
		counts = append(counts, lengths(n)...)
	}
	return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
}

func CountsPopped(names []string) C.long {
	if len(names) == 0 {
		return 0
	}
	counts := make([]C.int, 0, len(names))
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
		if n == "" {
			counts = counts[:len(counts)-1]
		}
	}
	return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
}

func skipHeader(s *[]C.int) { *s = (*s)[min(len(*s), 4):] }

// Positive: the slice is cut through its address before the chunk.
func FeedAfterHeader(s []C.int) {
	for len(s) > 0 {
		skipHeader(&s)
		chunk := s[:min(len(s), 512)]
		C.sum_ints(&chunk[0], C.size_t(len(chunk))) // want CGL002 "`&chunk\[0\]` passed to C.sum_ints panics"
		s = s[len(chunk):]
	}
}

// Negative: the cut is the loop's own update.
func FeedByClause(s []C.int) {
	for n := 0; len(s) > 0; s = s[n:] {
		chunk := s[:min(len(s), 512)]
		C.sum_ints(&chunk[0], C.size_t(len(chunk)))
		n = len(chunk)
	}
}

// Negative: the check's else leaves, so past the if its condition held.
func ElseReturns(b []byte) C.int {
	if len(b) > 0 {
		b[0] |= 1
	} else {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}

// Positive: the else goes on, or the then-branch empties the slice.
func ElseGoesOn(b []byte, n int) C.int {
	if len(b) > 0 {
		b[0] |= 1
	} else {
		n++
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)+n)) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

func ThenEmpties(b []byte) C.int {
	if len(b) > 0 {
		b = b[:0]
	} else {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

// Negative: a switch on the length whose earlier case takes 0, or whose
// own case is a positive length (gorgonia/cu's filter dimensions).
func ByDimensions(dims []C.int) C.long {
	switch len(dims) {
	case 0, 1, 2, 3:
		return 0
	case 4:
		return C.sum_ints(&dims[0], 4)
	default:
		return C.sum_ints(&dims[0], C.size_t(len(dims)))
	}
}

// Positive: no case takes 0 before the default.
func ByDimensionsOpen(dims []C.int) C.long {
	switch len(dims) {
	case 1, 2, 3:
		return 0
	default:
		return C.sum_ints(&dims[0], C.size_t(len(dims))) // want CGL002 "`&dims\[0\]` passed to C.sum_ints panics"
	}
}
