// The legal versions of the crashing program next to this one: exported
// functions return C memory and runtime/cgo.Handle values.
//
// runtime: ok
package main

/*
#include <stdlib.h>
#include <stdint.h>
extern char *describe(int n);
extern uintptr_t newRecord(int id);
extern int recordID(uintptr_t h);
extern void *scratch(size_t n);
static int run(void) {
	char *s = describe(7);
	int ok = s[0] == 'i';
	free(s);
	void *p = scratch(16);
	free(p);
	return ok + recordID(newRecord(41));
}
*/
import "C"

import "fmt"

func main() {
	fmt.Println(C.run())
}
