package main

import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

var names = []string{"a", "b"}

//export Name
func Name(i C.int) string { // want CGL010 "exported function `Name` returns `string`, a Go string, whose bytes are Go memory.*C.CString"
	return names[i]
}

//export Data
func Data() []byte { // want CGL010 "returns `\[\]byte`, a Go slice, whose backing array is Go memory"
	return make([]byte, 16)
}

//export NamedSlice
func NamedSlice() Bytes { // want CGL010 "returns `Bytes`, a Go slice"
	return Bytes("xyz")
}

//export Counter
func Counter() *Count { // want CGL010 "returns `\*Count`, a pointer to Go memory"
	c := Count(1)
	return &c
}

//export IntPointer
func IntPointer() *int { // want CGL010 "returns `\*int`, a pointer to Go memory"
	return new(int)
}

//export Table
func Table() Registry { // want CGL010 "returns `Registry`, a Go map, itself a Go pointer.*runtime/cgo.Handle"
	return Registry{}
}

//export Events
func Events() chan int { // want CGL010 "returns `chan int`, a Go channel"
	return make(chan int)
}

//export Callback
func Callback(n C.int) Listener { // want CGL010 "returns `Listener`, a Go func value"
	return func(event int) { fmt.Println(event, n) }
}

//export Value
func Value() any { // want CGL010 "returns `any`, a Go interface value"
	return new(int)
}

//export Fail
func Fail(code C.int) error { // want CGL010 "returns `error`, a Go interface value"
	if code != 0 {
		return errors.New("failed")
	}
	return nil
}

//export Raw
func Raw() unsafe.Pointer {
	buf := make([]byte, 8)
	return unsafe.Pointer(&buf[0]) // want CGL010 "exported function `Raw` returns the backing array of `buf` \(\[\]byte\) to C as unsafe.Pointer, but it is Go memory"
}

//export GoAllocatedCInt
func GoAllocatedCInt() *C.int {
	return new(C.int) // want CGL010 "exported function `GoAllocatedCInt` returns `new\(C.int\)` \(\*C.int\) to C as \*C.int, but it is Go memory"
}

//export Pair
func Pair() (C.int, string) { // want CGL010 "exported function `Pair` returns `string`"
	return 1, fmt.Sprint(2)
}

// Named results, assigned before a bare return.
//
//export Named
func Named() (n C.int, label string) { // want CGL010 "exported function `Named` returns `string`"
	n = 2
	label = fmt.Sprint("label", n)
	return
}

func main() {}

var remotes = map[string][]byte{"origin": []byte("origin/main\x00")}

// A pointer into a []byte kept in a map (a cache): Go memory.
//
//export RemoteName
func RemoteName() *C.char {
	b, ok := remotes["origin"]
	if !ok || len(b) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(&b[0])) // want CGL010 "exported function `RemoteName` returns the backing array of `b` \(\[\]byte\) to C as \*C.char, but it is Go memory"
}

// A package-level buffer, while the package pins a different one: only
// what is pinned may be returned.
var (
	scratchBuf []byte
	pinnedBuf  = make([]byte, 16)
	bufPinner  runtime.Pinner
)

func pinBuffers() { bufPinner.Pin(&pinnedBuf[0]) }

//export Scratch
func Scratch() *C.uchar {
	scratchBuf = make([]byte, 16)
	return (*C.uchar)(unsafe.SliceData(scratchBuf)) // want CGL010 "exported function `Scratch` returns the backing array of `scratchBuf` \(\[\]byte\) to C as \*C.uchar, but it is Go memory"
}

// A cache of Go-allocated C ints: what it holds is Go memory (the first
// return that hands Go memory to C is the one reported).
var cells = map[string]*C.int{}

//export Cell
func Cell() *C.int {
	if p, ok := cells["k"]; ok {
		return p // want CGL010 "exported function `Cell` returns `p` \(\*C.int\) to C as \*C.int, but it is Go memory"
	}
	p := new(C.int)
	cells["k"] = p
	return p
}

// Pinned, but unpinned by the deferred call before C gets the result.
//
//export PinnedUntilReturn
func PinnedUntilReturn() *C.int {
	v := new(C.int)
	var p runtime.Pinner
	p.Pin(v)
	defer p.Unpin()
	return v // want CGL010 "exported function `PinnedUntilReturn` returns `v`"
}

var cfgPinner runtime.Pinner

// The pin is of another object, or only on one path.
//
//export PinnedOther
func PinnedOther(flag bool) *C.int {
	cfg := make([]C.int, 4)
	cfgPinner.Pin(&cfg[0])
	v := new(C.int)
	if flag {
		cfgPinner.Pin(v)
	}
	return v // want CGL010 "exported function `PinnedOther` returns `v`"
}

// pool is pinned once, then replaced by a new, unpinned array.
var (
	pool       = make([]C.int, 4)
	poolPinner runtime.Pinner
)

func pinPool() { poolPinner.Pin(&pool[0]) }

func growPool(n int) { pool = make([]C.int, n) }

//export PoolSlot
func PoolSlot() *C.int {
	return &pool[0] // want CGL010 "exported function `PoolSlot` returns the backing array of `pool`"
}

// table is pinned only while fill runs, by a function-local Pinner.
var table = make([]C.int, 4)

func fillTable() {
	var p runtime.Pinner
	p.Pin(&table[0])
	defer p.Unpin()
	table[0] = 1
}

//export TableSlot
func TableSlot() *C.int {
	return &table[0] // want CGL010 "exported function `TableSlot` returns the backing array of `table`"
}

// An array of C strings whose backing array is Go's.
//
//export Names
func Names(n C.int) **C.char {
	names := make([]*C.char, int(n)+1)
	return &names[0] // want CGL010 "exported function `Names` returns the backing array of `names`"
}
