package main

// A file with //export may hold only declarations in its preamble: the C
// caller lives in main.go.

import "C"

import "fmt"

//export describe
func describe(n C.int) string { // want CGL010 "exported function `describe` returns `string`, a Go string"
	return fmt.Sprintf("item %d", int(n))
}
