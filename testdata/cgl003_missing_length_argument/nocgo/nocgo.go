// A package without cgo: unsafe pointer work on buffers is none of this
// rule's business.
package nocgo

import "unsafe"

type header struct {
	magic [4]byte
	size  uint32
}

func parse(data []byte) *header {
	if len(data) < int(unsafe.Sizeof(header{})) {
		return nil
	}
	return (*header)(unsafe.Pointer(unsafe.SliceData(data)))
}

func strlen(p *byte) int {
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return n
}

func use() int {
	var buf [16]byte
	copy(buf[:], "hello\x00")
	return strlen(&buf[0])
}
