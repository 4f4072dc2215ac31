package empty

// #include "empty.h"
import "C"

// A slice reused when it has the room and made otherwise holds n elements
// on both branches (DataDog/zstd's CompressLevel and Decompress): not empty
// when n is not 0.

func bound(n int) int { return n + n>>8 + 64 }

func CompressInto(dst, src []byte) C.int {
	size := bound(len(src))
	if cap(dst) >= size {
		dst = dst[0:size]
	} else {
		dst = make([]byte, size)
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst)))
}

func DecompressInto(dst []byte, n int) C.int {
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		dst = make([]byte, n)
	}
	if n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst)))
}

func Remade(dst []byte, n int) C.int {
	dst = make([]byte, n)
	if n <= 0 {
		return 0
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst)))
}

// Positive: n is never checked, the branches give other lengths, or the
// slice is cut again before the check.

func DecompressUnchecked(dst []byte, n int) C.int {
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		dst = make([]byte, n)
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst))) // want CGL002 "when dst is empty"
}

func DecompressOther(dst []byte, n, m int) C.int {
	if cap(dst) >= n {
		dst = dst[:m]
	} else {
		dst = make([]byte, n)
	}
	if n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst))) // want CGL002 "when dst is empty"
}

func DecompressCut(dst []byte, n int) C.int {
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		dst = make([]byte, n)
	}
	dst = dst[:0]
	if n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst))) // want CGL002 "when dst is empty"
}

// Positive: the check on n is inside the make's branch only; n is set
// again, or is another variable (a range variable), at the check.

func DecompressCheckedInBranch(dst []byte, n int) C.int {
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		if n == 0 {
			return 0
		}
		dst = make([]byte, n)
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst))) // want CGL002 "when dst is empty"
}

func DecompressOtherN(dst, src, other []byte) C.int {
	n := len(src)
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		dst = make([]byte, n)
	}
	n = len(other)
	if n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst))) // want CGL002 "when dst is empty"
}

func DecompressEach(dst []byte, n int, ns []int) C.int {
	dst = make([]byte, n)
	for _, n := range ns {
		if n == 0 {
			continue
		}
		return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst))) // want CGL002 "when dst is empty"
	}
	return 0
}

func DecompressSetLater(dst []byte, n int) C.int {
	dst = make([]byte, n)
	grow := func() { n = 7 }
	grow()
	if n == 0 {
		return 0
	}
	return C.checksum((*C.uchar)(&dst[0]), C.size_t(len(dst))) // want CGL002 "when dst is empty"
}
