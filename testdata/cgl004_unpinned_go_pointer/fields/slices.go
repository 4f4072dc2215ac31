package fields

// A slice held in a field is memory of its own: passing `&p.names[0]`
// hands C its backing array, which holds what was put in the slice
// (rt_field_slice_elements confirms the panic).

/*
#include <stdlib.h>
static size_t count_names(char **names, size_t n) { return n; }
*/
import "C"

import "unsafe"

type argv struct {
	label string
	names []*C.char
}

// Positive: a Go pointer appended to the field's slice.
func CountAppended(b []byte) C.size_t {
	a := &argv{}
	a.names = append(a.names, (*C.char)(unsafe.Pointer(unsafe.SliceData(b))))
	return C.count_names(&a.names[0], C.size_t(len(a.names))) // want CGL004 "receives the backing array of `a.names` \(\[\]\*C.char\), Go memory to which the Go pointer `\(\*C.char\)\(unsafe.Pointer\(unsafe.SliceData\(b\)\)\)` was appended"
}

// Positive: a Go pointer stored in an element of the field's slice.
func CountStored(b []byte) C.size_t {
	a := &argv{names: make([]*C.char, 1)}
	a.names[0] = (*C.char)(unsafe.Pointer(unsafe.SliceData(b)))
	return C.count_names(&a.names[0], 1) // want CGL004 "Go memory whose `a.names\[0\]` was set to the Go pointer"
}

// Positive: the same through a local slice.
func CountLocal(b []byte) C.size_t {
	var names []*C.char
	names = append(names, (*C.char)(unsafe.Pointer(unsafe.SliceData(b))))
	return C.count_names(&names[0], C.size_t(len(names))) // want CGL004 "Go memory to which the Go pointer `\(\*C.char\)\(unsafe.Pointer\(unsafe.SliceData\(b\)\)\)` was appended"
}

// Positive: a literal with a Go pointer as an element.
func CountLiteral(b []byte) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b)))}
	return C.count_names(&names[0], 1) // want CGL004 "Go memory made with the Go pointer `\(\*C.char\)\(unsafe.Pointer\(unsafe.SliceData\(b\)\)\)` as an element"
}

// Positive: the field's slice is made with a Go pointer in the literal.
func CountMade(b []byte) C.size_t {
	a := &argv{names: []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b)))}}
	return C.count_names(&a.names[0], 1) // want CGL004 "Go memory made with the Go pointer `\(\*C.char\)\(unsafe.Pointer\(unsafe.SliceData\(b\)\)\)` as an element"
}

// Positive: a reslice from the start keeps the backing array, which cgo
// checks up to its capacity.
func CountResliced(b []byte) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.CString("x")}
	defer C.free(unsafe.Pointer(names[1]))
	names = names[:1]
	return C.count_names(&names[0], 1) // want CGL004 "Go memory made with the Go pointer"
}

// --- look-alikes that are correct -----------------------------------------

// A new slice replaces the one that held the Go pointer.
func CountReplaced(b []byte) C.size_t {
	a := &argv{}
	a.names = append(a.names, (*C.char)(unsafe.Pointer(unsafe.SliceData(b))))
	a.names = []*C.char{C.CString("x")}
	defer C.free(unsafe.Pointer(a.names[0]))
	return C.count_names(&a.names[0], 1)
}

func CountReplacedLocal(b []byte) C.size_t {
	var names []*C.char
	names = append(names, (*C.char)(unsafe.Pointer(unsafe.SliceData(b))))
	names = []*C.char{C.CString("x")}
	defer C.free(unsafe.Pointer(names[0]))
	return C.count_names(&names[0], 1)
}

// C strings in the field's slice.
func CountCopies(words []string) C.size_t {
	a := &argv{}
	for _, w := range words {
		a.names = append(a.names, C.CString(w))
	}
	defer func() {
		for _, n := range a.names {
			C.free(unsafe.Pointer(n))
		}
	}()
	if len(a.names) == 0 {
		return 0
	}
	return C.count_names(&a.names[0], C.size_t(len(a.names)))
}

// A Go pointer in the struct's other field is not in the slice's memory.
type labelled struct {
	owner *argv
	names []*C.char
}

func CountBeside(words []string) C.size_t {
	l := &labelled{owner: &argv{label: "x"}, names: make([]*C.char, 1)}
	l.names[0] = C.CString(words[0])
	defer C.free(unsafe.Pointer(l.names[0]))
	return C.count_names(&l.names[0], 1)
}

// Positive: appending keeps what the slice held.
func CountAppendedC(b []byte) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b)))}
	names = append(names, C.CString("x"))
	defer C.free(unsafe.Pointer(names[1]))
	return C.count_names(&names[0], 2) // want CGL004 "Go memory made with the Go pointer"
}

// A reslice past the Go pointer leaves it out of what C is handed.
func CountPastGoPointer(b []byte) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.CString("x")}
	defer C.free(unsafe.Pointer(names[1]))
	names = names[1:]
	return C.count_names(&names[0], 1)
}

// Positive: the reslice keeps the element that holds the Go pointer.
func CountKeptPastFirst(b []byte) C.size_t {
	names := []*C.char{C.CString("x"), (*C.char)(unsafe.Pointer(unsafe.SliceData(b)))}
	defer C.free(unsafe.Pointer(names[0]))
	names = names[1:]
	return C.count_names(&names[0], 1) // want CGL004 "Go memory made with the Go pointer"
}

// The append writes over the only element, the Go pointer.
func CountOverwritten(b []byte) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b)))}
	names = append(names[:0], C.CString("x"))
	defer C.free(unsafe.Pointer(names[0]))
	return C.count_names(&names[0], 1)
}

// Positive: the reslice that would drop the Go pointer may not run.
func CountMaybePast(b []byte, skip bool) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.CString("x")}
	defer C.free(unsafe.Pointer(names[1]))
	if skip {
		names = names[1:]
	}
	return C.count_names(&names[0], 1) // want CGL004 "Go memory made with the Go pointer"
}

// A capacity cut leaves the Go pointer out of what cgo checks.
func CountCut(b []byte) C.size_t {
	names := []*C.char{C.CString("x"), (*C.char)(unsafe.Pointer(unsafe.SliceData(b)))}
	defer C.free(unsafe.Pointer(names[0]))
	names = names[0:1:1]
	return C.count_names(&names[0], 1)
}

// Two reslices move past the Go pointer.
func CountTwicePast(b []byte) C.size_t {
	names := []*C.char{C.CString("x"), (*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.CString("y")}
	defer C.free(unsafe.Pointer(names[0]))
	defer C.free(unsafe.Pointer(names[2]))
	names = names[1:]
	names = names[1:]
	return C.count_names(&names[0], 1)
}

// Positive: a capacity cut that keeps the Go pointer.
func CountCutKeeps(b []byte) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.CString("x")}
	defer C.free(unsafe.Pointer(names[1]))
	names = names[:1:1]
	return C.count_names(&names[0], 1) // want CGL004 "Go memory made with the Go pointer"
}

// Appends in a loop do not move the start: the reslice still drops the Go pointer.
func CountAppendsThenPast(b []byte, words []string) C.size_t {
	names := []*C.char{(*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.CString("x")}
	for _, w := range words {
		names = append(names, C.CString(w))
	}
	names = names[1:]
	if len(names) == 0 {
		return 0
	}
	return C.count_names(&names[0], C.size_t(len(names)))
}
