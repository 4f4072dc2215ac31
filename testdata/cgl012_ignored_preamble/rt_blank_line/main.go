// A blank line between the comment and `import "C"`: cgo does not read the
// comment, and the build fails on the name it declares.
//
// runtime: build-error "could not determine what C.ANSWER refers to"
package main

// #include <stdlib.h> // want CGL012 "a blank line parts it from what follows"
// #define ANSWER 42

import "C"

import "fmt"

func main() { fmt.Println(C.ANSWER) }
