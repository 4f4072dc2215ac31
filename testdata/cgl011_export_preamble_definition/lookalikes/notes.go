// A preamble that defines C code, in a file without an //export directive
// on any function: cgo compiles it once.
package lookalikes

/*
int counter;
int bump(void) { return ++counter; }
*/
import "C"

const help = "add //export Bump above a function to call it from C"

// An //export line that a blank line parts from every function is not a
// directive: cgo reads //export in a function's doc comment only.
//export Bump

func Bump() int { return int(C.bump()) }

// cgo reads `//export` followed by a space only: this tab-separated line is
// a plain comment, so the file still has no export.
//
//export	BumpTwice
func BumpTwice() int { C.bump(); return int(C.bump()) }
