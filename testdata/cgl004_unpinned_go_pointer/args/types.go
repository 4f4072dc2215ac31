package args

// Types used by args.go: declared in another file of the same package.

import "unsafe"

type node struct {
	next  *node
	value int
}

type request struct {
	name string
	buf  []byte
}

type point struct{ x, y float64 } // pointer-free

type wrapper struct {
	inner   request
	counts  [4]int
	tree    *node
	handler func(int)
	meta    map[string]int
	sink    interface{ Write([]byte) (int, error) }
}

type names []string

type boxed struct{ v interface{} }

type cholder struct {
	buf  unsafe.Pointer
	next *node
}
