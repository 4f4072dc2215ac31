// The preamble of a file that uses //export holds declarations only, and
// helpers with internal linkage: it builds and runs.
//
// runtime: ok
package main

/*
#include <stddef.h>

typedef struct { int x, y; } point;
enum { SLOTS = 4 };
#define LIMIT 8

extern int calls;
extern point origin;
int next_id(void);
point *make_origin(void);
void call_back(int n);

static int local_count = 0;
static const char *label = "ok";
static int twice(int x) { local_count++; return 2 * x; }
static inline int thrice(int x) { return 3 * x; }
static const char *get_label(void) { return label; }
inline int plain_inline(int x) { return x; }
__attribute__((weak)) int weak_hook(void) { return 7; }
*/
import "C"

import "fmt"

var seen []int

//export GoSeen
func GoSeen(n C.int) {
	seen = append(seen, int(C.twice(n))+int(C.thrice(1)))
}

func main() {
	C.call_back(C.next_id())
	fmt.Println(seen, C.make_origin().x, C.calls, C.LIMIT, C.SLOTS, C.GoString(C.get_label()), C.weak_hook())
}
