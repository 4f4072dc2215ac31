// Package pulls reaches into the runtime from two files.
package pulls

import (
	_ "unsafe" // for go:linkname
)

//go:linkname nanotime runtime.nanotime // want CGL009 "binds `nanotime` to the runtime internal `runtime.nanotime`: the runtime still marks it .*use time.Now and time.Since"
func nanotime() int64

//go:linkname casgstatus runtime.casgstatus // want CGL009 "`runtime.casgstatus`, which the runtime does not mark for linkname: since Go 1.23 the linker rejects the reference \(\"invalid reference to runtime.casgstatus\"\) unless built with -ldflags=-checklinkname=0"
func casgstatus(gp uintptr, oldval, newval uint32)

//go:linkname zerobase runtime.zerobase // want CGL009 "`zerobase` to the runtime internal `runtime.zerobase`, which the runtime does not mark"
var zerobase uintptr

// The directive may sit away from its declaration, which lives in rand.go.
//go:linkname fastrand runtime.fastrand // want CGL009 "`runtime.fastrand`: the runtime still marks it .*math/rand/v2"

//go:linkname gc runtime.GC // want CGL009 "call `runtime.GC` directly: it is exported"
func gc()

func Now() int64 { return nanotime() }
