// Package untagged reads Go slices as C structs declared by
// `typedef struct {...} T` (no tag): sized like any struct, except where
// the layout is not plain (bitfields, anonymous members), a union, or a
// tag of the same name that C keeps apart from the typedef.
package untagged

/*
#include <stddef.h>
typedef struct { double lat, lon; } coord;
typedef struct { int type; union { int i; double d; }; } value;
typedef struct { unsigned visible:1; unsigned kind:7; int x; } item;
typedef union { int i; float f; } word;
typedef struct { short s; char c; } sc;
typedef struct { char t; sc v; } outer;
static int count_outers(const outer *o, size_t n) { return (int)n; }
typedef int vec3[3];
struct vertex { char tag; vec3 pos; };
static int count_vertices(const struct vertex *v, size_t n) { return (int)n; }
struct point { int x, y; };
typedef struct { double lat, lon; } point;
static int count_coords(const coord *c, size_t n) { return (int)n; }
static int count_values(const value *v, size_t n) { return (int)n; }
static int count_items(const item *v, size_t n) { return (int)n; }
static int count_words(const word *w, size_t n) { return (int)n; }
static int count_points(const struct point *p, size_t n) { return (int)n; }
*/
import "C"

import "unsafe"

type pair struct{ X, Y int32 }

// Positive: 8-byte pairs read as 16-byte coordinates.
func Coords(ps []pair) int {
	if len(ps) == 0 {
		return 0
	}
	return int(C.count_coords((*C.coord)(unsafe.Pointer(&ps[0])), C.size_t(len(ps)))) // want CGL002 "pair is 8 bytes and C.coord is 16"
}

type value struct {
	Type int32
	_    int32
	D    float64
}

type item struct {
	Bits uint32
	X    int32
}

// Negative: an anonymous union member (16 bytes), bitfields (8 bytes),
// a union (4 bytes) and the tagged struct point (8 bytes): none is laid
// out by field, so none is judged.
func Values(vs []value, is []item, ws []uint32, ps []pair) int {
	if len(vs) == 0 || len(is) == 0 || len(ws) == 0 || len(ps) == 0 {
		return 0
	}
	n := C.count_values((*C.value)(unsafe.Pointer(&vs[0])), C.size_t(len(vs)))
	n += C.count_items((*C.item)(unsafe.Pointer(&is[0])), C.size_t(len(is)))
	n += C.count_words((*C.word)(unsafe.Pointer(&ws[0])), C.size_t(len(ws)))
	n += C.count_points((*C.struct_point)(unsafe.Pointer(&ps[0])), C.size_t(len(ps)))
	return int(n)
}

// Negative: a struct member is aligned as its largest member (2 here), not
// by its size: outer is 6 bytes, as its Go twin.
type goOuter struct {
	T byte
	_ byte
	S int16
	C byte
	_ byte
}

func Outers(os []goOuter) int {
	if len(os) == 0 {
		return 0
	}
	return int(C.count_outers((*C.outer)(unsafe.Pointer(&os[0])), C.size_t(len(os))))
}

// Negative: a typedef'd array member is aligned as its element (4), so
// struct vertex is 16 bytes, as its Go twin.
type vertex struct {
	Tag byte
	_   [3]byte
	Pos [3]int32
}

func Vertices(vs []vertex) int {
	if len(vs) == 0 {
		return 0
	}
	return int(C.count_vertices((*C.struct_vertex)(unsafe.Pointer(&vs[0])), C.size_t(len(vs))))
}
