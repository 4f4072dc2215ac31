package empty

// #include "empty.h"
import "C"

// A slice made from what a package function returns is as long as that
// function's result: non-empty when every return gives a non-empty slice.

func journalFields(msg string, extra ...string) []string {
	fields := []string{"MESSAGE=" + msg, "PRIORITY=6"}
	return append(fields, extra...)
}

func headerOf(kind byte, body []byte) []byte {
	if kind == 0 {
		return []byte{0xff}
	}
	return append([]byte{kind, byte(len(body))}, body...)
}

func maybeFields(msg string) []string {
	if msg == "" {
		return nil
	}
	return []string{"MESSAGE=" + msg}
}

func SendFields(msg string) int {
	fields := journalFields(msg)
	sizes := make([]C.int, len(fields))
	for i, f := range fields {
		sizes[i] = C.int(len(f))
	}
	return int(C.sum_ints(&sizes[0], C.size_t(len(sizes))))
}

func SendHeader(kind byte, body []byte) int {
	header := headerOf(kind, body)
	return int(C.checksum((*C.uchar)(&header[0]), C.size_t(len(header))))
}

func SendMaybe(msg string) int {
	fields := maybeFields(msg)
	sizes := make([]C.int, len(fields))
	for i, f := range fields {
		sizes[i] = C.int(len(f))
	}
	return int(C.sum_ints(&sizes[0], C.size_t(len(sizes)))) // want CGL002 "when sizes is empty"
}

// A length that is a product is zero when a factor is.

type decoder struct{ channels int32 }

func (d *decoder) ReadFrames(frames int) int {
	buf := make([]C.int, frames*int(d.channels))
	return int(C.sum_ints(&buf[0], C.size_t(len(buf)))) // want CGL002 "when buf is empty"
}

func (d *decoder) ReadFramesChecked(frames int) int {
	if frames <= 0 || d.channels <= 0 {
		return 0
	}
	buf := make([]C.int, frames*int(d.channels))
	return int(C.sum_ints(&buf[0], C.size_t(len(buf))))
}

func ReadPadded(n int) int {
	buf := make([]C.int, (n+1)*2)
	return int(C.sum_ints(&buf[0], C.size_t(len(buf))))
}

// A helper's result is judged only by what the helper itself returns.

var cachedSizes = []C.int{1, 2}

func cached() []C.int { return cachedSizes }

func ResetCache() { cachedSizes = nil }

func SumCached() int {
	s := cached()
	return int(C.sum_ints(&s[0], C.size_t(len(s)))) // want CGL002 "when s is empty"
}

func dropAll(s *[]C.int) { *s = (*s)[:0] }

func emptied() []C.int {
	out := []C.int{1, 2}
	dropAll(&out)
	return out
}

func SumEmptied() int {
	s := emptied()
	return int(C.sum_ints(&s[0], C.size_t(len(s)))) // want CGL002 "when s is empty"
}

// The product is checked whole, in either order.

func ReadChecked(frames, channels int) int {
	if frames*channels == 0 {
		return 0
	}
	buf := make([]C.int, channels*frames)
	return int(C.sum_ints(&buf[0], C.size_t(len(buf))))
}

func ReadCheckedAfter(frames, channels int) int {
	buf := make([]C.int, frames*channels)
	if frames*channels < 1 {
		return 0
	}
	return int(C.sum_ints(&buf[0], C.size_t(len(buf))))
}

// A switch that leaves on zero guards the value like an if.
func ReadSwitched(frames, channels int) int {
	switch {
	case frames*channels == 0:
		return 0
	}
	buf := make([]C.int, frames*channels)
	return int(C.sum_ints(&buf[0], C.size_t(len(buf))))
}

func ReadTagged(n int) int {
	switch n {
	case 0:
		return 0
	}
	buf := make([]C.int, n)
	return int(C.sum_ints(&buf[0], C.size_t(len(buf))))
}

// A method of a type of the package is followed the same way (go-ethereum's
// BitCurve.Marshal: a make whose first element is set, so never empty).
type curve struct{ bitSize int }

func (c *curve) marshal() []byte {
	byteLen := (c.bitSize + 7) >> 3
	ret := make([]byte, 1+2*byteLen)
	ret[0] = 4
	return ret
}

func (c *curve) maybe() []byte {
	if c.bitSize == 0 {
		return nil
	}
	return []byte{4}
}

func SendMarshaled(c *curve) int {
	pubkey := c.marshal()
	return int(C.checksum((*C.uchar)(&pubkey[0]), C.size_t(len(pubkey))))
}

func SendMaybeMarshaled(c *curve) int {
	pubkey := c.maybe()
	return int(C.checksum((*C.uchar)(&pubkey[0]), C.size_t(len(pubkey)))) // want CGL002 "`&pubkey\[0\]` passed to C.checksum panics"
}

// Positive: a method declared once per platform (info_linux.go and
// info_other.go), one of which may return an empty slice.
type source struct{ name string }

func SendPayload(s *source) int {
	data := s.payload()
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))) // want CGL002 "`&data\[0\]` passed to C.checksum panics"
}
