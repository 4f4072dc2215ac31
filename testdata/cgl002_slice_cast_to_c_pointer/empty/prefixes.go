package empty

// #include "empty.h"
import "C"

import (
	"bytes"
	"unsafe"
)

var (
	gif87Magic = []byte("GIF87a")
	gif89Magic = []byte("GIF89a")
)

// Negative: a slice that starts with a non-empty prefix is not empty
// (discord/lilliput's isGIF, the only way into newGifDecoder).
func isGIF(maybe []byte) bool {
	return bytes.HasPrefix(maybe, gif87Magic) || bytes.HasPrefix(maybe, gif89Magic)
}

func DecodeImage(buf []byte) C.int {
	if isGIF(buf) {
		return decodeGIF(buf)
	}
	if bytes.HasPrefix(buf, []byte("\x89PNG")) {
		return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	}
	return 0
}

func decodeGIF(buf []byte) C.int {
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
}

// Positive: a prefix that may be empty says nothing; nor does one of two alternatives.
func DecodeTagged(buf, tag []byte) C.int {
	if bytes.HasPrefix(buf, tag) {
		return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
	}
	return 0
}

func DecodeEither(buf []byte, any bool) C.int {
	if bytes.HasPrefix(buf, gif87Magic) || any {
		return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
	}
	return 0
}

// Positive: a prefix variable another function may empty, and a prefix
// trimmed off before the use.
var tagMagic = []byte("TAG")

func SetTagMagic(m []byte) { tagMagic = m }

func DecodeTagMagic(buf []byte) C.int {
	if !bytes.HasPrefix(buf, tagMagic) {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
}

func DecodeAfterMagic(buf []byte) C.int {
	if bytes.HasPrefix(buf, gif89Magic) {
		buf = buf[6:]
		return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
	}
	return 0
}

// Negative: a local of the same name is another variable; the package's
// tagMagic2 keeps its one value.
var tagMagic2 = []byte("TG2")

func localNamedLikeMagic() int {
	var tagMagic2 []byte
	tagMagic2 = append(tagMagic2, 1)
	return len(tagMagic2)
}

func DecodeTagMagic2(buf []byte) C.int {
	if !bytes.HasPrefix(buf, tagMagic2) {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
}

// Positive: a range clause assigns the package variable.
var tagMagic3 = []byte("TG3")

func pickTagMagic3(all [][]byte) {
	for _, tagMagic3 = range all {
	}
}

func DecodeTagMagic3(buf []byte) C.int {
	if !bytes.HasPrefix(buf, tagMagic3) {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
}

// Positive: trimmed in parentheses, round a loop, or through a pointer.
func DecodeTrimmedInParens(buf []byte) C.int {
	if !bytes.HasPrefix(buf, gif89Magic) {
		return 0
	}
	buf = (buf[6:])
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
}

func DecodeChunks(buf []byte) C.int {
	if !bytes.HasPrefix(buf, gif89Magic) {
		return 0
	}
	var sum C.int
	for i := 0; i < 3; i++ {
		sum += C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), 2) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
		buf = buf[2:]
	}
	return sum
}

func DecodeThroughPointer(buf []byte) C.int {
	if !bytes.HasPrefix(buf, gif89Magic) {
		return 0
	}
	p := &buf
	*p = (*p)[6:]
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
}

// Positive: a select receive changes the prefix variable.
var tagMagic4 = []byte("TG4")

func nextTagMagic4(ch chan []byte) {
	select {
	case tagMagic4 = <-ch:
	default:
	}
}

func DecodeTagMagic4(buf []byte) C.int {
	if !bytes.HasPrefix(buf, tagMagic4) {
		return 0
	}
	return C.checksum((*C.uchar)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))) // want CGL002 "`&buf\[0\]` passed to C.checksum panics"
}
