package main

// static int fourth_of(void) { return 4; }
import ( // a comment that trails `import (` is not the doc of "C"
	"C"
)

func fourth() int { return int(C.fourth_of()) }
