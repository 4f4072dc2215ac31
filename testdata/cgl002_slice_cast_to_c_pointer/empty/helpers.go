package empty

// #include "empty.h"
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

func isEmpty(b []byte) bool { return len(b) == 0 }

func hasData(b []byte) bool { return len(b) > 0 }

var errNoData = errors.New("no data")

func checkData(b []byte) error {
	if len(b) == 0 {
		return errNoData
	}
	return nil
}

func checkHeader(b []byte) error {
	if len(b) < 4 {
		return fmt.Errorf("short buffer: %d bytes", len(b))
	}
	return nil
}

// Negative: emptiness checked by a one-line helper.
func SumUnlessEmpty(b []byte) C.int {
	if isEmpty(b) {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}

// Negative: the helper says the slice has data.
func SumIfData(b []byte) C.int {
	if hasData(b) {
		return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
	}
	return 0
}

// Negative: a validator that returns an error first thing for an empty slice.
func SumValidated(b []byte) (C.int, error) {
	if err := checkData(b); err != nil {
		return 0, err
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))), nil
}

// Negative: the same, the error checked on the next statement.
func SumValidatedInline(b []byte) (C.int, error) {
	err := checkHeader(b)
	if err != nil {
		return 0, err
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))), nil
}

func isLarge(b []byte) bool { return len(b) > 1024 }

func checkName(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if b[0] == '.' {
		return errNoData
	}
	return nil
}

// Positive: the helper's value says nothing about emptiness.
func SumUnlessLarge(b []byte) C.int {
	if isLarge(b) {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

// Positive: the validator accepts an empty slice (returns nil for it).
func SumNamed(b []byte) (C.int, error) {
	if err := checkName(b); err != nil {
		return 0, err
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))), nil // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

// Positive: the helper is asked about another slice.
func SumOther(a, b []byte) C.int {
	if isEmpty(a) {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

func requireParts(parts ...string) int {
	if len(parts) == 0 {
		panic("expected at least one part")
	}
	return len(parts)
}

func countParts(parts ...string) int { return len(parts) }

// Negative: the spread hands requireParts the slice itself, and it panics when
// the slice is empty.
func Lengths(parts ...string) C.long {
	requireParts(parts...)
	lens := make([]C.int, len(parts))
	for i, p := range parts {
		lens[i] = C.int(len(p))
	}
	return C.sum_ints(&lens[0], C.size_t(len(lens)))
}

// Positive: countParts accepts an empty slice.
func LengthsCounted(parts ...string) C.long {
	countParts(parts...)
	lens := make([]C.int, len(parts))
	return C.sum_ints(&lens[0], C.size_t(len(lens))) // want CGL002 "`&lens\[0\]` passed to C.sum_ints panics"
}

// Positive: the slice is replaced after the check; what the check said no longer holds.
func SumTail(b []byte) C.int {
	if isEmpty(b) {
		return 0
	}
	b = nil
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

// Positive: the same with the check written out.
func SumRest(b, rest []byte) C.int {
	if len(b) == 0 {
		return 0
	}
	b = rest
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // want CGL002 "`&b\[0\]` passed to C.checksum panics"
}

// Negative: appended to after the check: still non-empty.
func SumTerminated(b []byte) C.int {
	if len(b) == 0 {
		return 0
	}
	b = append(b, 0)
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}

// Negative: resliced after a check that leaves room (the bounds' arithmetic
// is not followed: a reslice keeps what the check said).
func SumCapped(b []byte) C.int {
	if len(b) < 8 {
		return 0
	}
	b = b[4:min(len(b), 512)]
	return C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}

// A method of the slice's own type (onnxruntime_go's Shape.Validate).
type packet []byte

func (f packet) Validate() error {
	if len(f) == 0 {
		return errors.New("empty packet")
	}
	return nil
}

func (f packet) Describe() error {
	if len(f) > 1<<20 {
		return errors.New("packet too large")
	}
	return nil
}

func (f *packet) Reset() error {
	if len(*f) == 0 {
		return errors.New("empty packet")
	}
	*f = (*f)[:0]
	return nil
}

// Negative: the receiver is validated first.
func SumFrame(f packet) (C.int, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&f[0])), C.size_t(len(f))), nil
}

// Positive: the method says nothing of an empty packet.
func SumDescribed(f packet) (C.int, error) {
	if err := f.Describe(); err != nil {
		return 0, err
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&f[0])), C.size_t(len(f))), nil // want CGL002 "`&f\[0\]` passed to C.checksum panics"
}

// Positive: a pointer receiver may empty the packet it checked.
func SumReset(f packet) (C.int, error) {
	if err := f.Reset(); err != nil {
		return 0, err
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&f[0])), C.size_t(len(f))), nil // want CGL002 "`&f\[0\]` passed to C.checksum panics"
}
