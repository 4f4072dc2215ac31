package empty

// #include "empty.h"
import "C"

import "unsafe"

// `if n <= 0 { return }` then `if n > 40 { n = 40 }`: a positive constant
// keeps n from being 0, so `make([]byte, n)` holds an element. Clamped to
// 0 or to a value not known to be positive, it may not.

func Short(n int) []byte {
	if n <= 0 {
		return nil
	}
	if n > 40 {
		n = 40
	}
	buf := make([]byte, n)
	C.copy_name((*C.char)(unsafe.Pointer(&buf[0])), nil, C.size_t(n))
	return buf
}

func ClampedToZero(n int) []byte {
	if n <= 0 {
		return nil
	}
	if n > 40 {
		n = 0
	}
	buf := make([]byte, n)
	C.copy_name((*C.char)(unsafe.Pointer(&buf[0])), nil, C.size_t(n)) // want CGL002 "when buf is empty"
	return buf
}

func ClampedToLimit(n, limit int) []byte {
	if n <= 0 {
		return nil
	}
	if n > limit {
		n = limit
	}
	buf := make([]byte, n)
	C.copy_name((*C.char)(unsafe.Pointer(&buf[0])), nil, C.size_t(n)) // want CGL002 "when buf is empty"
	return buf
}

// The count a length was found equal to must be the count checked: one
// given a default after the comparison says nothing of the length.
func DefaultAfterCompare(a []byte, n int) {
	if len(a) != n {
		return
	}
	if n <= 0 {
		n = 16
	}
	C.copy_name((*C.char)(unsafe.Pointer(&a[0])), nil, C.size_t(n)) // want CGL002 "when a is empty"
}

// A count set to positive constants before the comparison, and not after.
func WideOrNarrow(a []byte, wide bool) {
	n := 16
	if wide {
		n = 32
	}
	if len(a) != n {
		return
	}
	C.copy_name((*C.char)(unsafe.Pointer(&a[0])), nil, C.size_t(n))
}

// A count C fills in through its address holds C's value, not its
// initializer: checked before the make, it is not 0 (ebitengine/oto's
// OpenAL driver).
func Processed() C.int {
	count := C.size_t(0)
	C.consume(unsafe.Pointer(&count), 8)
	if count > 0 {
		buf := make([]byte, count)
		return C.checksum((*C.uchar)(&buf[0]), C.size_t(len(buf)))
	}
	return 0
}

// Positive: a count that only goes up from 0 may stay 0.
func CountedFlags(flags []bool) C.int {
	n := 0
	for _, set := range flags {
		if set {
			n++
		}
	}
	buf := make([]byte, n)
	return C.checksum((*C.uchar)(&buf[0]), C.size_t(len(buf))) // want CGL002 "when buf is empty"
}

// A length parameter of an unexported function that every call gives a
// positive constant (pebbe/zmq4's getString).
func readOption(bufsize int) C.int {
	value := make([]byte, bufsize)
	return C.checksum((*C.uchar)(&value[0]), C.size_t(len(value)))
}

func Identity() C.int     { return readOption(256) }
func LastEndpoint() C.int { return readOption(1024) }

// Positive: one call gives a length that may be 0.
func readOptionAny(bufsize int) C.int {
	value := make([]byte, bufsize)
	return C.checksum((*C.uchar)(&value[0]), C.size_t(len(value))) // want CGL002 "when value is empty"
}

func Fixed() C.int      { return readOptionAny(256) }
func Sized(n int) C.int { return readOptionAny(n) }

type socket struct{ fd C.int }

// The same for an unexported method (pebbe/zmq4's (*Socket).getString).
func (s *socket) option(bufsize int) C.int {
	value := make([]byte, bufsize)
	return C.checksum((*C.uchar)(&value[0]), C.size_t(len(value)))
}

func (s *socket) Identity() C.int { return s.option(256) }

type optioner interface{ optionAny(int) C.int }

// Positive: also called through an interface, with any length.
func (s *socket) optionAny(bufsize int) C.int {
	value := make([]byte, bufsize)
	return C.checksum((*C.uchar)(&value[0]), C.size_t(len(value))) // want CGL002 "when value is empty"
}

func (s *socket) Fixed() C.int        { return s.optionAny(256) }
func Through(o optioner, n int) C.int { return o.optionAny(n) }
