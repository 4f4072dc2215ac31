// Definitions in the preamble of a file with //export that do not reach
// the linker twice, or that cgolint cannot judge: it builds and runs.
//
// runtime: ok
package main

/*
#define INLINE static inline
#define EXPORTED_HELPER

INLINE int quad(int x) { return 4 * x; }       // static, through a macro
EXPORTED_HELPER int opaque(int x);             // a declaration only

static int helper(void);                       // internal linkage from here on
int helper(void) { return 7; }

int hook_impl(void) __attribute__((weak));     // weak from its declaration
int hook_impl(void) { return 1; }

#pragma weak fallback
int fallback(void) { return 2; }

#if 0
int never_compiled = 1;
int also_never(void) { return 0; }
#endif

#ifndef LINKAGE_GUARD
#define LINKAGE_GUARD
static int guarded = 3;                        // an include guard's body is compiled: static keeps it in
#endif
*/
import "C"

import "fmt"

//export GoQuad
func GoQuad(x C.int) C.int { return C.quad(x) }

func main() {
	fmt.Println(GoQuad(2), C.helper(), C.hook_impl(), C.fallback())
}
