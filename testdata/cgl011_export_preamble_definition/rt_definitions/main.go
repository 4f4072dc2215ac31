// Definitions with external linkage in the preamble of a file that uses
// //export: cgo compiles this preamble into the file's own C and into
// _cgo_export.c, and the link fails on every name below.
//
// runtime: build-error "(?s)(?=.*multiple definition of .calls.)(?=.*multiple definition of .limit.)(?=.*multiple definition of .slots.)(?=.*multiple definition of .cursor.)(?=.*multiple definition of .origin.)(?=.*multiple definition of .shared_total.)(?=.*multiple definition of .next_id.)(?=.*multiple definition of .make_origin.)"
package main

/*
#include <stddef.h>

struct point { int x, y; };

int calls;                           // want CGL011 "`calls` is defined in the preamble of a file that uses //export"
const int limit = 8;                 // want CGL011 "`limit`.*extern"
int slots[4] = {0}, *cursor = NULL;  // want CGL011 "`slots`" CGL011 "`cursor`"
struct point origin = {1, 2};        // want CGL011 "`origin`"
extern int shared_total = 0;         // want CGL011 "`shared_total`"

int next_id(void) {                  // want CGL011 "`next_id`.*prototype.*static inline"
	return ++calls;
}

struct point *make_origin(void) { return &origin; } // want CGL011 "`make_origin`"
*/
import "C"

import "fmt"

//export GoLimit
func GoLimit() C.int { return C.limit }

func main() {
	fmt.Println(C.next_id(), C.make_origin().x, C.slots[0], C.cursor == nil, C.shared_total, GoLimit())
}
