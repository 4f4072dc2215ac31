// A comment above an `import (` group that imports more than "C" is not
// the preamble.
//
// runtime: build-error "could not determine what C.ANSWER refers to"
package main

/* want CGL012 "above an `import \(` group that imports more than \"C\""
#define ANSWER 42
*/
import (
	"C"
	"fmt"
)

func main() { fmt.Println(C.ANSWER) }
