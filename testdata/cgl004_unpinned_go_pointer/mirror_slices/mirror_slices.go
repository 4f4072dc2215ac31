// Package mirror_slices lays a Go type over C memory and also makes slices
// of it in Go memory: a []Anim parameter may be either.
package mirror_slices

/*
typedef struct format { unsigned fmt; void *pal; } format;
void *alloc_formats(unsigned n);
unsigned map_rgb(const format *f, unsigned char r);
*/
import "C"

import "unsafe"

type Anim struct {
	Count int32
	Name  *byte
}

func LoadAnims(n int) []Anim {
	return unsafe.Slice((*Anim)(unsafe.Pointer(C.alloc_formats(C.unsigned(n)))), n)
}

// Positive: the package also makes []Anim in Go memory (below), with Go
// pointers in it, so the parameter's elements may be those.
func MapFirst(anims []Anim, r uint8) uint32 {
	if len(anims) == 0 {
		return 0
	}
	return uint32(C.map_rgb((*C.format)(unsafe.Pointer(&anims[0])), C.uchar(r))) // want CGL004 "whose elements hold Go pointers in field `Name`"
}

func MapMade(r uint8) uint32 {
	anims := make([]Anim, 1)
	anims[0].Name = new(byte)
	return MapFirst(anims, r)
}
