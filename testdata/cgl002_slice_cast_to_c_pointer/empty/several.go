package empty

// #include "empty.h"
import "C"

import "errors"

// A helper that returns an error first thing for an empty slice, as one
// result of several (`w, h, err := info(data)`), a method too; and a
// `len(s) != rows*cols` check after each factor was checked.

var errNothing = errors.New("no data")

func info(data []byte) (int, int, error) {
	if len(data) == 0 {
		return 0, 0, errNothing
	}
	return int(data[0]), len(data), nil
}

func infoOfNil(data []byte) (int, int, error) {
	if data == nil {
		return 0, 0, errNothing
	}
	return 0, len(data), nil
}

type frameReader struct{ width int }

func (d *frameReader) header(data []byte) (int, error) {
	if len(data) == 0 {
		return 0, errNothing
	}
	return int(data[0]) * d.width, nil
}

func Decode(data []byte) (int, error) {
	w, _, err := info(data)
	if err != nil {
		return 0, err
	}
	return w + int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil
}

func DecodeNamed(data []byte) (w int, err error) {
	w, _, err = info(data)
	if err != nil {
		return 0, err
	}
	return w + int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil
}

func (d *frameReader) Decode(data []byte) (int, error) {
	if w, err := d.header(data); err != nil || w < 0 {
		return 0, err
	}
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil
}

func DecodeNonNil(data []byte) (int, error) {
	_, _, err := infoOfNil(data) // []byte{} passes
	if err != nil {
		return 0, err
	}
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil // want CGL002 "when data is empty"
}

func DecodeOther(data, other []byte) (int, error) {
	_, _, err := info(other)
	if err != nil {
		return 0, err
	}
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil // want CGL002 "when data is empty"
}

func Matrix(data []byte, rows, cols int) (int, error) {
	if rows <= 0 || cols <= 0 || len(data) != rows*cols {
		return 0, errors.New("data is not rows*cols")
	}
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil
}

func MatrixOneFactor(data []byte, rows, cols int) (int, error) {
	if rows <= 0 || len(data) != rows*cols { // cols may be 0
		return 0, errors.New("data is not rows*cols")
	}
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil // want CGL002 "when data is empty"
}

func MatrixNegative(data []byte, rows, cols int) (int, error) {
	if rows < 0 || cols < 0 || len(data) != rows*cols { // both may be 0
		return 0, errors.New("data is not rows*cols")
	}
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil // want CGL002 "when data is empty"
}

func DecodePlatform(data []byte) (int, error) {
	_, err := platformInfo(data)
	if err != nil {
		return 0, err
	}
	return int(C.checksum((*C.uchar)(&data[0]), C.size_t(len(data)))), nil // want CGL002 "when data is empty"
}
