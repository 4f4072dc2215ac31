package paths

import _ "unsafe"

//go:linkname load internal/runtime/atomic.Load // want CGL009 "`internal/runtime/atomic.Load`, which the runtime does not mark for linkname"
func load(ptr *uint32) uint32

//go:linkname ctz runtime/internal/sys.TrailingZeros64 // want CGL009 "`runtime/internal/sys.TrailingZeros64`, which the runtime does not mark"
func ctz(x uint64) int

//go:linkname readGCStats runtime/debug.readGCStats // want CGL009 "`runtime/debug.readGCStats`, which the runtime does not mark"
func readGCStats(*[]uint64)

//go:linkname allocSpan runtime.(*mheap).allocSpan // want CGL009 "`runtime.\(\*mheap\).allocSpan`, which the runtime does not mark"
func allocSpan(h uintptr, npages uintptr) uintptr

//go:linkname cyclesPerSecond runtime/pprof.runtime_cyclesPerSecond // want CGL009 "`runtime/pprof.runtime_cyclesPerSecond`: the runtime still marks it"
func cyclesPerSecond() int64

//go:linkname heapObjects runtime.heapObjectsCanMove // want CGL009 "`runtime.heapObjectsCanMove`: the runtime still marks it"
func heapObjects() bool
