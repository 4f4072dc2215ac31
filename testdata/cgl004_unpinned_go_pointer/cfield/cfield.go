package cfield

/*
#include <stdlib.h>
typedef struct { unsigned char *next_in; unsigned avail_in; } stream;
typedef struct { float *samples; int frames; } block;
void queue(block *b);
int open_stream(stream **out);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Writer.z is only ever set from C.calloc (in New) or to nil (in Close).
type Writer struct{ z *C.stream }

func New() *Writer {
	return &Writer{z: (*C.stream)(C.calloc(1, C.size_t(unsafe.Sizeof(C.stream{}))))}
}

func (w *Writer) Close() {
	C.free(unsafe.Pointer(w.z))
	w.z = nil
}

// Positive: w.z is C memory, allocated in another function.
func (w *Writer) SetInput(p []byte) {
	if len(p) == 0 {
		return
	}
	w.z.next_in = (*C.uchar)(unsafe.Pointer(&p[0])) // want CGL004 "`w.z.next_in` is C memory, and this stores a Go pointer to the backing array of `p` \(\[\]byte\)"
	w.z.avail_in = C.uint(len(p))
}

// Negative: pinned before the store (unpinned when C is done, in Flush).
type PinnedWriter struct {
	z      *C.stream
	pinner runtime.Pinner
}

func NewPinned() *PinnedWriter {
	w := &PinnedWriter{}
	w.z = (*C.stream)(C.calloc(1, C.size_t(unsafe.Sizeof(C.stream{}))))
	return w
}

func (w *PinnedWriter) SetInput(p []byte) {
	if len(p) == 0 {
		return
	}
	w.pinner.Pin(&p[0])
	w.z.next_in = (*C.uchar)(unsafe.Pointer(&p[0]))
}

func (w *PinnedWriter) Flush() { w.pinner.Unpin() }

// Stream.blk is allocated lazily, on a branch of the same function.
type Stream struct{ blk *C.block }

// Positive: st.blk is C memory on every path that reaches the store.
func (st *Stream) Queue(pcm []float32) {
	if len(pcm) == 0 {
		return
	}
	if st.blk == nil {
		st.blk = (*C.block)(C.calloc(1, C.size_t(unsafe.Sizeof(C.block{}))))
	}
	st.blk.samples = (*C.float)(unsafe.Pointer(&pcm[0])) // want CGL004 "`st.blk.samples` is C memory"
	st.blk.frames = C.int(len(pcm))
	C.queue(st.blk)
}

// GoBlock.blk is sometimes Go memory: stores into it are judged at the call.
type GoBlock struct{ blk *C.block }

func NewGoBlock(c bool) *GoBlock {
	if c {
		return &GoBlock{blk: (*C.block)(C.calloc(1, C.size_t(unsafe.Sizeof(C.block{}))))}
	}
	return &GoBlock{blk: &C.block{}}
}

// Negative: g.blk may be Go memory (a Go pointer in Go memory is legal
// until the struct is passed).
func (g *GoBlock) Set(pcm []float32) {
	if len(pcm) == 0 {
		return
	}
	g.blk.samples = (*C.float)(unsafe.Pointer(&pcm[0]))
}

// Reader.z is filled in by C through an out-parameter: source does not say.
type Reader struct{ z *C.stream }

func Open() *Reader {
	r := &Reader{}
	C.open_stream(&r.z)
	return r
}

// Negative: r.z's origin is unknown (&r.z handed to C).
func (r *Reader) SetInput(p []byte) {
	if len(p) == 0 {
		return
	}
	r.z.next_in = (*C.uchar)(unsafe.Pointer(&p[0]))
}

// Wrapped.z is set from a parameter: unknown memory.
type Wrapped struct{ z *C.stream }

func Wrap(z *C.stream) *Wrapped { return &Wrapped{z: z} }

// Negative: w.z may point anywhere.
func (w *Wrapped) SetInput(p []byte) {
	if len(p) == 0 {
		return
	}
	w.z.next_in = (*C.uchar)(unsafe.Pointer(&p[0]))
}

// Positional literals give every field a value.
type Pair struct {
	z *C.stream
	n int
}

func NewPair(z *C.stream) Pair { return Pair{z, 1} }

func MakePair() *Pair {
	return &Pair{z: (*C.stream)(C.malloc(C.size_t(unsafe.Sizeof(C.stream{}))))}
}

// Negative: NewPair sets z positionally from a parameter.
func (pr *Pair) SetInput(p []byte) {
	if len(p) == 0 {
		return
	}
	pr.z.next_in = (*C.uchar)(unsafe.Pointer(&p[0]))
}
