// A comment of C directly above another import declaration is that
// import's doc comment: cgo reads only the comment directly above
// `import "C"`, so the #include never reaches C. Look-alikes: a note above
// an import, and an issue number (`#42`) in one, are not preambles.
//
// runtime: build-error "could not determine what C.rand refers to"
package main

// #include <stdlib.h> // want CGL012 "it is above another import declaration"
import "unsafe"
import "C"

// fmt prints the result; see issue #42.
import "fmt"

func main() { fmt.Println(C.rand() >= 0, unsafe.Sizeof(0)) }
