package loops

/*
#include <stdlib.h>
#include <string.h>
static size_t use(const char *s) { return strlen(s); }
*/
import "C"

import "unsafe"

// Each iteration frees the previous one's string first: every iteration
// but the first has one, and the last is freed after the loop.
func previousFreedByIndex(ss []string) int {
	var p *C.char
	n := 0
	for i, s := range ss {
		if i > 0 {
			C.free(unsafe.Pointer(p))
		}
		p = C.CString(s)
		n += int(C.use(p))
	}
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
	return n
}

func previousFreedByCounter(ss []string) int {
	var p *C.char
	n := 0
	for i := 0; i < len(ss); i++ {
		if 0 != i {
			C.free(unsafe.Pointer(p))
		}
		p = C.CString(ss[i])
		n += int(C.use(p))
	}
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
	return n
}

func firstSkipsTheFree(ss []string) int {
	var p *C.char
	n := 0
	for i := range len(ss) {
		if i == 0 {
			n++
		} else {
			C.free(unsafe.Pointer(p))
		}
		p = C.CString(ss[i])
	}
	if p != nil {
		C.free(unsafe.Pointer(p))
	}
	return n
}

// The test comes after the allocation: the first iteration's string is
// never freed.
func testAfterAllocation(ss []string) {
	var p *C.char
	for i, s := range ss {
		p = C.CString(s) // want CGL005 "leaked when the next iteration of the loop allocates again"
		if i > 0 {
			C.free(unsafe.Pointer(p))
		}
	}
}

// A map's keys are not a count of iterations.
func mapKeys(m map[int]string) {
	var p *C.char
	for k, s := range m {
		if k > 0 {
			C.free(unsafe.Pointer(p))
		}
		p = C.CString(s) // want CGL005 "leaked when the next iteration of the loop allocates again"
	}
	C.free(unsafe.Pointer(p))
}

// The counter is moved by the body too: it can be 0 again.
func counterRewound(ss []string) {
	var p *C.char
	for i := 0; i < len(ss); i++ {
		if i > 0 {
			C.free(unsafe.Pointer(p))
		}
		p = C.CString(ss[i]) // want CGL005 "leaked when the next iteration of the loop allocates again"
		if len(ss[i]) == 0 {
			i--
		}
	}
	C.free(unsafe.Pointer(p))
}

// The test is on the outer loop's counter, the allocation in an inner loop:
// the inner loop comes round without the outer counter moving.
func innerLoop(rows [][]string) {
	var p *C.char
	for i, row := range rows {
		for _, s := range row {
			if i > 0 {
				C.free(unsafe.Pointer(p))
			}
			p = C.CString(s) // want CGL005 "leaked when the next iteration of the loop allocates again"
		}
	}
	C.free(unsafe.Pointer(p))
}

// The counted loop is inside another: each group starts again at i == 0
// while p still holds the previous group's last string.
func reentered(groups [][]string) {
	var p *C.char
	for _, group := range groups {
		for i, s := range group {
			if i > 0 {
				C.free(unsafe.Pointer(p))
			}
			p = C.CString(s) // want CGL005 "leaked when the next iteration of the loop allocates again"
		}
	}
	C.free(unsafe.Pointer(p))
}

// Two loops share p: the second loop's first iteration loses the first
// loop's last string.
func sequential(a, b []string) {
	var p *C.char
	for i, s := range a {
		if i > 0 {
			C.free(unsafe.Pointer(p))
		}
		p = C.CString(s) // want CGL005 "leaked when the next iteration of the loop allocates again"
	}
	for i, s := range b {
		if i > 0 {
			C.free(unsafe.Pointer(p))
		}
		p = C.CString(s) // (freed by its own loop and after it)
	}
	C.free(unsafe.Pointer(p))
}
