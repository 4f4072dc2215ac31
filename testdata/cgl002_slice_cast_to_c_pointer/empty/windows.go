package empty

// #include "empty.h"
import "C"

import "fmt"

// `buf[off:min(off+k, len(buf))]` inside `for off < len(buf)`, with k
// checked positive, holds at least one element: both bounds of the min
// are past off. A bound that may not be (no check of k, `off <= len(buf)`,
// off moved before the window is cut) leaves it possibly empty.

func Chunks(buf []byte, k int) (sum int) {
	if k <= 0 {
		return 0
	}
	for off := 0; off < len(buf); off += k {
		part := buf[off:min(off+k, len(buf))]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part))))
	}
	return sum
}

func Tail(buf []byte) (sum int) {
	for off := 0; len(buf) > off; off += 4 {
		rest := buf[off:len(buf)]
		sum += int(C.checksum((*C.uchar)(&rest[0]), C.size_t(len(rest))))
	}
	return sum
}

func ChunksUnchecked(buf []byte, k int) (sum int) {
	for off := 0; off < len(buf); off += k {
		part := buf[off:min(off+k, len(buf))]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part)))) // want CGL002 "when part is empty"
	}
	return sum
}

func ChunksToTheEnd(buf []byte, k int) (sum int) {
	if k <= 0 {
		return 0
	}
	for off := 0; off <= len(buf); off += k {
		part := buf[off:min(off+k, len(buf))]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part)))) // want CGL002 "when part is empty"
	}
	return sum
}

func ChunksMoved(buf []byte, k int) (sum int) {
	if k <= 0 {
		return 0
	}
	for off := 0; off < len(buf); off += k {
		off++
		part := buf[off:min(off+k, len(buf))]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part)))) // want CGL002 "when part is empty"
	}
	return sum
}

func ChunksThroughPointer(buf []byte, k int) (sum int) {
	if k <= 0 {
		return 0
	}
	off := 0
	p := &off
	for off < len(buf) {
		*p = len(buf)
		part := buf[off:min(off+k, len(buf))]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part)))) // want CGL002 "when part is empty"
		off += k
	}
	return sum
}

func ChunksShadowed(buf []byte, k, skip int) (sum int) {
	if k <= 0 {
		return 0
	}
	for off := 0; off < len(buf); off += k {
		off := off + skip
		part := buf[off:min(off+k, len(buf))]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part)))) // want CGL002 "when part is empty"
	}
	return sum
}

func ChunksEndVariable(buf []byte, k int) (sum int) {
	if k <= 0 {
		return 0
	}
	for off := 0; off < len(buf); off += k {
		end := min(off+k, len(buf))
		part := buf[off:end]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part))))
	}
	return sum
}

func ChunksEndThenMoved(buf []byte, k int) (sum int) {
	if k <= 0 {
		return 0
	}
	for off := 0; off < len(buf); off += k {
		end := min(off+k, len(buf))
		off++
		part := buf[off:end]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part)))) // want CGL002 "when part is empty"
	}
	return sum
}

func ChunksFromOffset(buf []byte, k int, start string) (sum int) {
	if k <= 0 {
		return 0
	}
	off := 0
	fmt.Sscan(start, &off)
	for ; off < len(buf); off += k {
		part := buf[off:min(off+k, len(buf))]
		sum += int(C.checksum((*C.uchar)(&part[0]), C.size_t(len(part))))
	}
	return sum
}
