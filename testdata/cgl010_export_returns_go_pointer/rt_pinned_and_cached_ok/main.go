// Exported functions returning C memory out of a map, and pointers to Go
// memory pinned with runtime.Pinner while C uses it: legal results.
//
// runtime: ok
// runtime-env: GOEXPERIMENT=cgocheck2
package main

/*
#include <string.h>
extern unsigned char *goBuffer(int length);
extern char *goName(void);
extern int *goCell(void);
static int fill(int n) {
	unsigned char *b = goBuffer(n);
	if (!b) return -1;
	memset(b, 'x', n);
	return n;
}
static int names(void) { return (int)strlen(goName()) + (int)strlen(goName()); }
static int cell(void) { return *goCell(); }
*/
import "C"

import (
	"fmt"
	"runtime"
)

func main() {
	openPool(8)
	n := C.fill(5)
	runtime.GC()
	fmt.Println(n, string(pool[:5]), C.fill(100), C.names(), C.cell())
	closePool()
	cell.Unpin()
}
