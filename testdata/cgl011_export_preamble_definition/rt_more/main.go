// More definitions that a preamble of a file with //export may not hold:
// thread-local, array and pointer variables, several declarators, and an
// `extern inline` function (an external definition in C99).
//
// runtime: build-error "(?s)(?=.*multiple definition of .depth.)(?=.*multiple definition of .names.)(?=.*multiple definition of .counters.)(?=.*multiple definition of .total.)(?=.*multiple definition of .peak.)(?=.*multiple definition of .reset_all.)(?=.*multiple definition of .clamp.)(?=.*multiple definition of .guarded_total.)"
package main

/*
#include <stdint.h>

__thread int depth;                     // want CGL011 "`depth`"
const char *names[] = {"a", "b", 0};    // want CGL011 "`names`"
uint64_t counters[2][3];                // want CGL011 "`counters`"
unsigned long long total = 0, peak;     // want CGL011 "`total`" CGL011 "`peak`"
static int hidden;

void reset_all(void) { total = peak = 0; hidden = depth = 0; } // want CGL011 "`reset_all`"
extern inline int clamp(int v) { return v < 0 ? 0 : v; } // want CGL011 "`clamp`"

#ifndef MORE_GUARD
#define MORE_GUARD
int guarded_total;                      // want CGL011 "`guarded_total`"
#endif
*/
import "C"

import "fmt"

//export MoreReset
func MoreReset() { C.reset_all() }

func main() {
	MoreReset()
	fmt.Println(C.GoString(C.names[0]), C.counters[0][0], C.total, C.peak, C.clamp(-1))
}
