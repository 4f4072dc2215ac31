// Package mirror_appended lays a Go type over C memory and also builds a
// slice of it by appending to a variable: a []Anim parameter may be that.
package mirror_appended

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

// Positive: Appended below builds a []Anim in Go memory with a Go pointer.
func MapFirst(anims []Anim, r uint8) uint32 {
	if len(anims) == 0 {
		return 0
	}
	return uint32(C.map_rgb((*C.format)(unsafe.Pointer(&anims[0])), C.uchar(r))) // want CGL004 "whose elements hold Go pointers in field `Name`"
}

func Appended(r uint8, a Anim) uint32 {
	var anims []Anim
	anims = append(anims, a)
	anims[0].Name = new(byte)
	return MapFirst(anims, r)
}
