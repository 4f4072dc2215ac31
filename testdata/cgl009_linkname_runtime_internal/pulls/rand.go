package pulls

import u "unsafe"

var _ = u.Sizeof(0)

func fastrand() uint32

//go:linkname cgocall runtime.cgocall // want CGL009 "`runtime.cgocall`: the runtime still marks it .*call C functions through cgo"
func cgocall(fn, arg u.Pointer) int32

//go:linkname cgoCheckPointer runtime.cgoCheckPointer // want CGL009 "`runtime.cgoCheckPointer`: the runtime still marks it"
func cgoCheckPointer(ptr any, arg any)

//go:linkname mapaccess1 runtime.mapaccess1 // want CGL009 "`runtime.mapaccess1`, which the runtime does not mark for linkname"
func mapaccess1(t, m, key u.Pointer) u.Pointer

func Rand() uint32 { return fastrand() }
