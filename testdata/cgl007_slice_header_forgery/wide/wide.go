// Package wide reinterprets a string as a slice of wider elements: the file
// holds no SliceHeader and no `(*[]byte)(`, so only the `(*[]` marker finds it.
package wide

import "unsafe"

func Units(s string) []uint16 {
	return *(*[]uint16)(unsafe.Pointer(&s)) // want CGL007 "reinterprets the string header of s as a slice header"
}

// A `(*[]T)(...)` conversion of a pointer that is not `unsafe.Pointer(&x)`
// reinterprets nothing the rule can see.
func Table(p *[]int) []int {
	return *(*[]int)(p)
}
