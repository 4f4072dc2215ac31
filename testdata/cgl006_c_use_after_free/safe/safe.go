// Package safe frees C memory correctly, in ways that resemble a use after free.
package safe

/*
#include <stdio.h>
#include <stdlib.h>

static int use(const char *s) { return s[0]; }
struct node { struct node *next; int v; };
*/
import "C"

import (
	"errors"
	"fmt"
	"log"
	"unsafe"
)

// Reassigned before it is used again.
func Reassigned(a, b string) {
	cs := C.CString(a)
	C.use(cs)
	C.free(unsafe.Pointer(cs))
	cs = C.CString(b)
	C.use(cs)
	C.free(unsafe.Pointer(cs))
}

// Set to nil after the free; a deferred closure then frees nil.
func NilAfterFree(name string) {
	cs := C.CString(name)
	defer func() { C.free(unsafe.Pointer(cs)) }()
	C.use(cs)
	C.free(unsafe.Pointer(cs))
	cs = nil
}

// The free and the use are on different branches.
func Branches(name string, early bool) error {
	cs := C.CString(name)
	if early {
		C.free(unsafe.Pointer(cs))
		return errors.New("early")
	}
	C.use(cs)
	C.free(unsafe.Pointer(cs))
	return nil
}

// Compared with nil after the free: no memory is touched.
func NilCheck(n int) bool {
	p := C.malloc(C.size_t(n))
	C.free(p)
	return p != nil
}

// Each iteration frees its own element.
func FreeAll(ps []*C.char) {
	for _, p := range ps {
		C.free(unsafe.Pointer(p))
	}
}

// The next pointer is read before the node is freed.
func FreeList(p *C.struct_node) {
	for p != nil {
		next := p.next
		C.free(unsafe.Pointer(p))
		p = next
	}
}

// Only a deferred free.
func DeferredOnly(name string) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	C.use(cs)
}

// The deferred free holds the first pointer; the explicit free frees the second.
func DeferThenReassign(a, b string) {
	cs := C.CString(a)
	defer C.free(unsafe.Pointer(cs))
	C.use(cs)
	cs = C.CString(b)
	C.use(cs)
	C.free(unsafe.Pointer(cs))
}

// Freed on every case, used on none after.
func Switch(name string, mode int) int {
	cs := C.CString(name)
	switch mode {
	case 0:
		C.free(unsafe.Pointer(cs))
		return 0
	default:
		n := C.use(cs)
		C.free(unsafe.Pointer(cs))
		return int(n)
	}
}

// A freed variable captured by a closure defined later is not a use now.
func Loop(names []string) {
	var cs *C.char
	for _, name := range names {
		if cs != nil {
			C.free(unsafe.Pointer(cs))
		}
		cs = C.CString(name)
		C.use(cs)
	}
	if cs != nil {
		C.free(unsafe.Pointer(cs))
	}
}

// The address of the variable escapes: not followed.
func Address(name string) {
	cs := C.CString(name)
	C.free(unsafe.Pointer(cs))
	refill(&cs)
	C.use(cs)
	C.free(unsafe.Pointer(cs))
}

func refill(p **C.char) { *p = C.CString("x") }

// A closure assigns the variable: not followed.
func ClosureAssigns(name string) {
	cs := C.CString(name)
	reset := func() { cs = C.CString(name) }
	C.free(unsafe.Pointer(cs))
	reset()
	C.use(cs)
	C.free(unsafe.Pointer(cs))
}

var live = map[*C.char]string{}

// The freed pointer's value as a map key and in comparisons: the freed
// memory itself is never read.
func Forget(name string, last *C.char) bool {
	p := C.CString(name)
	live[p] = name
	C.free(unsafe.Pointer(p))
	delete(live, p)
	_, still := live[p]
	return still || p == last
}

// Printed as an address after the free: %p, or an unsafe.Pointer under any
// verb, formats the pointer's value and reads nothing through it.
func Released(name string) string {
	p := C.CString(name)
	C.use(p)
	C.free(unsafe.Pointer(p))
	log.Printf("%d bytes at %p freed", len(name)+1, p)
	fmt.Println("freed", unsafe.Pointer(p))
	return fmt.Sprintf("%*d %p", 4, 1, p)
}
