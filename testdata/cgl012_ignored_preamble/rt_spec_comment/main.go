// A comment above an `import (` group whose "C" has a comment of its own is
// not the preamble: cgo reads the comment of "C" alone, even when "C" is
// the group's one import.
//
// runtime: build-error "could not determine what C.ANSWER refers to"
package main

// #define ANSWER 42 // want CGL012 "the `\"C\"` inside the `import \(` group below has a comment of its own"
import (
	// #include <stdlib.h>
	"C"
)

import "fmt"

func main() { fmt.Println(C.ANSWER, C.rand() >= 0) }
