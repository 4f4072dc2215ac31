package mirror

/*
#include <stdlib.h>
typedef struct palette { int n; } palette;
typedef struct format { unsigned fmt; palette *pal; } format;
static format *alloc_format(unsigned f) { format *p = calloc(1, sizeof(format)); p->fmt = f; return p; }
static unsigned map_rgb(const format *f, unsigned char r) { return f->fmt + r; }
*/
import "C"

import "unsafe"

// A Go copy of a C struct that the package lays over C memory (go-sdl2's
// PixelFormat): its pointer field holds a C pointer, and a *Format of
// unknown origin may well be C memory. Not judged by its field types.

type Palette struct{ N int32 }

type Format struct {
	Fmt     uint32
	Palette *Palette
}

func AllocFormat(f uint32) *Format {
	return (*Format)(unsafe.Pointer(C.alloc_format(C.unsigned(f))))
}

func (f *Format) MapRGB(r uint8) uint32 {
	return uint32(C.map_rgb((*C.format)(unsafe.Pointer(f)), C.uchar(r)))
}

// Positive: one the function declares itself in Go memory, with a Go pointer in it.
func MapWithPalette(r uint8) uint32 {
	var f Format
	f.Palette = &Palette{N: 1}
	return uint32(C.map_rgb((*C.format)(unsafe.Pointer(&f)), C.uchar(r))) // want CGL004 "which holds Go pointers in field `Palette`"
}

// Positive: a type laid over C memory that the package also builds in Go,
// with a Go pointer inside: a pointer to it may be either.

type Chain struct {
	Fmt  uint32
	Next *Chain
}

func ChainFromC(f uint32) *Chain {
	return (*Chain)(unsafe.Pointer(C.alloc_format(C.unsigned(f))))
}

func NewChain() *Chain { return &Chain{Next: &Chain{}} }

func (c *Chain) MapRGB(r uint8) uint32 {
	return uint32(C.map_rgb((*C.format)(unsafe.Pointer(c)), C.uchar(r))) // want CGL004 "which holds Go pointers in field `Next`"
}

// Negative: a slice parameter of a type the package only lays over C memory
// (raylib-go's UnloadModelAnimations): its backing array may well be the C
// array it was sliced from.

type Anim struct {
	Count int32
	Name  *byte
}

func LoadAnims(f uint32, n int) []Anim {
	return unsafe.Slice((*Anim)(unsafe.Pointer(C.alloc_format(C.unsigned(f)))), n)
}

func MapFirst(anims []Anim, r uint8) uint32 {
	if len(anims) == 0 {
		return 0
	}
	return uint32(C.map_rgb((*C.format)(unsafe.Pointer(&anims[0])), C.uchar(r)))
}

// An interface that hands out []Anim makes none: still C memory here.
type AnimSource interface {
	Anims() []Anim
}

func MapFromSource(src AnimSource, r uint8) uint32 {
	return MapFirst(src.Anims(), r)
}
