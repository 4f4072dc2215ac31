package empty

// #include "empty.h"
import "C"

import (
	"bytes"
	"errors"
	"fmt"
)

// A check holds of a plain copy (`scratch = data`) made where it holds,
// and of a tail `box[k:]` taken where len(box) > k is checked.

const nonceSize, macSize = 24, 16

var scratch []byte

func SumKept(data []byte) int {
	if len(data) > 0 {
		scratch = data // kept for reuse
		return int(C.checksum((*C.uchar)(&scratch[0]), C.size_t(len(scratch))))
	}
	return 0
}

func SumCopied(data, other []byte) int {
	var view []byte
	if len(data) == 0 {
		return 0
	}
	view = data
	return int(C.checksum((*C.uchar)(&view[0]), C.size_t(len(view))))
}

func SumUnchecked(data []byte) int {
	scratch = data
	return int(C.checksum((*C.uchar)(&scratch[0]), C.size_t(len(scratch)))) // want CGL002 "when scratch is empty"
}

func SumReplaced(data, other []byte) int {
	var view []byte
	if len(data) > 0 {
		view = data
		view = other
		return int(C.checksum((*C.uchar)(&view[0]), C.size_t(len(view)))) // want CGL002 "when view is empty"
	}
	return 0
}

func Open(box []byte) (int, error) {
	if len(box) < nonceSize+macSize {
		return 0, errors.New("box too short")
	}
	sealed := box[nonceSize:] // at least macSize bytes
	return int(C.checksum((*C.uchar)(&sealed[0]), C.size_t(len(sealed)))), nil
}

func OpenInside(box []byte) int {
	if len(box) > nonceSize {
		sealed := box[nonceSize:]
		return int(C.checksum((*C.uchar)(&sealed[0]), C.size_t(len(sealed))))
	}
	return 0
}

func OpenExact(box []byte) (int, error) {
	if len(box) < nonceSize {
		return 0, errors.New("box too short")
	}
	sealed := box[nonceSize:] // empty when len(box) == nonceSize
	return int(C.checksum((*C.uchar)(&sealed[0]), C.size_t(len(sealed)))), nil // want CGL002 "when sealed is empty"
}

func OpenAtLeast(box []byte) int {
	if len(box) >= nonceSize {
		sealed := box[nonceSize:]
		return int(C.checksum((*C.uchar)(&sealed[0]), C.size_t(len(sealed)))) // want CGL002 "when sealed is empty"
	}
	return 0
}

func OpenAny(box []byte) int {
	if len(box) > 0 {
		sealed := box[nonceSize:] // empty when len(box) == nonceSize
		return int(C.checksum((*C.uchar)(&sealed[0]), C.size_t(len(sealed)))) // want CGL002 "when sealed is empty"
	}
	return 0
}

// The copy no longer holds what the check said: a call resets the package
// variable, the copy is resliced or its address taken, or the checked name
// is another variable (a range variable that shadows it).

func resetScratch() { scratch = nil }

func SumAfterReset(data []byte) int {
	if len(data) == 0 {
		return 0
	}
	scratch = data
	resetScratch()
	return int(C.checksum((*C.uchar)(&scratch[0]), C.size_t(len(scratch)))) // want CGL002 "when scratch is empty"
}

func SumResliced(data []byte) int {
	if len(data) == 0 {
		return 0
	}
	view := []byte(nil)
	view = data
	view = view[1:]
	return int(C.checksum((*C.uchar)(&view[0]), C.size_t(len(view)))) // want CGL002 "when view is empty"
}

func dropFirst(b *[]byte) { *b = (*b)[1:] }

func SumShrunk(data []byte) int {
	if len(data) == 0 {
		return 0
	}
	var view []byte
	view = data
	dropFirst(&view)
	return int(C.checksum((*C.uchar)(&view[0]), C.size_t(len(view)))) // want CGL002 "when view is empty"
}

func SumChunks(data []byte, chunks [][]byte) int {
	if len(data) == 0 {
		return 0
	}
	total := 0
	for _, data := range chunks {
		total += int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))) // want CGL002 "when data is empty"
	}
	return total
}

func OpenResliced(box []byte) int {
	if len(box) < nonceSize+1 {
		return 0
	}
	box = box[1:]
	sealed := box[nonceSize:] // empty when len(box) was nonceSize+1
	return int(C.checksum((*C.uchar)(&sealed[0]), C.size_t(len(sealed)))) // want CGL002 "when sealed is empty"
}

func SumSwapped(a, b []byte) int {
	if len(b) == 0 {
		return 0
	}
	a, b = b, a
	return int(C.checksum((*C.uchar)(&a[0]), C.size_t(len(a))))
}

func SumSwappedUnchecked(a, b []byte) int {
	if len(a) == 0 {
		return 0
	}
	a, b = b, a
	return int(C.checksum((*C.uchar)(&a[0]), C.size_t(len(a)))) // want CGL002 "when a is empty"
}

func SumLogged(data []byte) int {
	if len(data) == 0 {
		return 0
	}
	scratch = data
	fmt.Println(len(scratch)) // another package's function cannot reset scratch
	return int(C.checksum((*C.uchar)(&scratch[0]), C.size_t(len(scratch))))
}

func OpenTrimmed(box []byte) int {
	box = bytes.TrimSpace(box)
	if len(box) < nonceSize+1 {
		return 0
	}
	sealed := box[nonceSize:]
	return int(C.checksum((*C.uchar)(&sealed[0]), C.size_t(len(sealed))))
}

// A copy, declared or assigned in every branch, of a slice that is never
// assigned and checked before (karalabe/hid's report).
func SumDeclared(data []byte) int {
	if len(data) == 0 {
		return 0
	}
	report := data
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report))))
}

func SumEitherCopy(data []byte, prefixed bool) int {
	if len(data) == 0 {
		return 0
	}
	var report []byte
	if prefixed {
		report = append([]byte{0x00}, data...)
	} else {
		report = data
	}
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report))))
}

func SumEitherUnchecked(data []byte, prefixed bool) int {
	var report []byte
	if prefixed {
		report = append([]byte{0x00}, data...)
	} else {
		report = data
	}
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report)))) // want CGL002 "when report is empty"
}

func SumCopyOfChanged(data, other []byte) int {
	if len(data) == 0 {
		return 0
	}
	data = other
	report := data
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report)))) // want CGL002 "when report is empty"
}

// The copy is made first and the original checked after it: neither is
// ever assigned, so the check is of the copy's one value too.
func SumCheckedAfterCopy(data []byte) int {
	report := data
	if len(data) == 0 {
		return 0
	}
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report))))
}

func SumCheckedAfterCopyChanged(data, other []byte) int {
	report := data
	data = other
	if len(data) == 0 {
		return 0
	}
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report)))) // want CGL002 "when report is empty"
}

func SumCheckedAfterCopyReassigned(data, other []byte) int {
	report := data
	if len(data) == 0 {
		return 0
	}
	report = other
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report)))) // want CGL002 "when report is empty"
}

func SumCheckedShadow(data, other []byte) int {
	report := data
	{
		data := other
		if len(data) == 0 {
			return 0
		}
		return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report)))) // want CGL002 "when report is empty"
	}
}

// Positive: the check is of another variable of the original's name: a
// closure's parameter, or one an if declares.
func SumCheckedInClosure(data, other []byte) int {
	report := data
	each := func(data []byte) int {
		if len(data) == 0 {
			return 0
		}
		return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report)))) // want CGL002 "when report is empty"
	}
	return each(other)
}

func SumCheckedByIf(data, other []byte) int {
	report := data
	if data := other; len(data) == 0 {
		return 0
	}
	return int(C.checksum((*C.uchar)(&report[0]), C.size_t(len(report)))) // want CGL002 "when report is empty"
}

// A slice out of an interface, checked through the same assertion
// (mattn/go-sqlite3's callbackRet for []byte).
func SumAsserted(v interface{}) int {
	if v == nil || len(v.([]byte)) == 0 {
		return 0
	} else {
		bs := v.([]byte)
		return int(C.checksum((*C.uchar)(&bs[0]), C.size_t(len(bs))))
	}
}

func SumAssertedOther(v, w interface{}) int {
	if len(w.([]byte)) == 0 {
		return 0
	}
	bs := v.([]byte)
	return int(C.checksum((*C.uchar)(&bs[0]), C.size_t(len(bs)))) // want CGL002 "when bs is empty"
}

func SumAssertedShadowed(v interface{}, vals []interface{}) int {
	if len(v.([]byte)) == 0 {
		return 0
	}
	for _, v := range vals {
		bs := v.([]byte)
		return int(C.checksum((*C.uchar)(&bs[0]), C.size_t(len(bs)))) // want CGL002 "when bs is empty"
	}
	return 0
}
