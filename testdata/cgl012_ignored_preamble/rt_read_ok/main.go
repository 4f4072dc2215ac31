// Comments that cgo reads as the preamble, and comments near `import "C"`
// that hold no C: it builds and runs.
//
// runtime: ok
package main

// Copyright notices and notes above the imports, parted by a blank line,
// mention no preprocessor line (see issue #42 and the #cgo docs).

// #cgo CFLAGS: -DMODE=2
// #include <stdlib.h>
// static int mode(void) { return MODE; }
import "C"

import "fmt"

func main() { fmt.Println(C.mode(), answer(), third(), fourth(), twice()) }
