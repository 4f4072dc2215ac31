// Inside the Go distribution (module std), linkname to the runtime is how
// the standard library is built: stays silent.
package stdlib

import _ "unsafe"

//go:linkname runtime_Semacquire runtime.casgstatus
func runtime_Semacquire(s *uint32)

//go:linkname fatal internal/runtime/atomic.Load
func fatal(s string)
