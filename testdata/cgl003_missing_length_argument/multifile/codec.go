// A package over several files sharing codec.h; helpers in this file are
// called from stream.go.
package multifile

// #include "codec.h"
import "C"

import "unsafe"

// encode passes both lengths.
func encode(in, out []byte) int {
	if len(in) == 0 || len(out) == 0 {
		return 0
	}
	return int(C.codec_encode((*C.uint8_t)(&in[0]), C.size_t(len(in)), (*C.uint8_t)(&out[0]), C.size_t(len(out))))
}

// block hands its argument to C.codec_block, which has no length parameter.
func block(p unsafe.Pointer) {
	C.codec_block((*C.uint8_t)(p))
}

// tag hands its argument to C.codec_tag, which writes 16 bytes.
func tag(p *byte) {
	C.codec_tag((*C.uint8_t)(unsafe.Pointer(p)))
}
