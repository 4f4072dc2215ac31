// A cleanup registered with runtime.AddCleanup frees the C string once the
// object is unreachable; freeing it by hand as well frees it twice when the
// garbage collector runs the cleanup (glibc aborts: "double free").
//
// runtime: panic "double free|free\(\): invalid pointer|SIGABRT"
package main

// #include <stdlib.h>
import "C"

import (
	"fmt"
	"strings"
	"runtime"
	"time"
	"unsafe"
)

type name struct{ p *C.char }

func newName(s string) *name {
	n := &name{p: C.CString(s)}
	runtime.AddCleanup(n, func(p *C.char) { C.free(unsafe.Pointer(p)) }, n.p)
	return n
}

func (n *name) Close() {
	C.free(unsafe.Pointer(n.p)) // want CGL006 "frees memory that the cleanup runtime.AddCleanup registers at line 23 frees again once `n` becomes unreachable"
}

// closeStopped frees by hand and stops the cleanup first: one free.
func closeStopped(s string) {
	n := &name{p: C.CString(s)}
	cleanup := runtime.AddCleanup(n, func(p *C.char) { C.free(unsafe.Pointer(p)) }, n.p)
	cleanup.Stop()
	C.free(unsafe.Pointer(n.p))
}

func main() {
	closeStopped("ok")
	newCounted("counted")
	plainName("plain")
	newChecked(strings.Repeat("x", 65))
	release(&name{p: C.CString("released")})
	for i := 0; i < 4; i++ {
		newName(fmt.Sprint("name ", i)).Close()
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("not reached")
}

// A cleanup that frees nothing, and an object made without the freeing
// cleanup: the free by hand is the only one.
var cleaned int

func newCounted(s string) {
	n := &name{p: C.CString(s)}
	runtime.AddCleanup(n, func(p *C.char) { cleaned++ }, n.p)
	C.free(unsafe.Pointer(n.p))
}

func plainName(s string) {
	n := &name{p: C.CString(s)}
	C.free(unsafe.Pointer(n.p))
}

// The error path frees before any cleanup is registered: one free.
func newChecked(s string) (*name, bool) {
	n := &name{p: C.CString(s)}
	if len(s) > 64 {
		C.free(unsafe.Pointer(n.p))
		return nil, false
	}
	runtime.AddCleanup(n, func(p *C.char) { C.free(unsafe.Pointer(p)) }, n.p)
	return n, true
}

// A function given a name made elsewhere (not by newName) frees its own.
func release(n *name) { C.free(unsafe.Pointer(n.p)) }
