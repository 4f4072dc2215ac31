package frees

/*
#include <stdlib.h>
#include <string.h>

typedef struct item { int refs; char *name; } item;

static item *item_new(const char *name) {
	item *it = calloc(1, sizeof(item));
	if (it) { it->refs = 1; it->name = name ? strdup(name) : NULL; }
	return it;
}
static int item_refs(item *it) { return it->refs; }

// Frees its argument on every path that returns.
static void item_free(item *it) {
	if (!it) return;
	free(it->name);
	free(it);
}
// A wrapper of it.
static void item_destroy(item *it) { item_free(it); }

// Frees only when the last reference goes: the caller's pointer may live on.
static void item_unref(item *it) {
	if (--it->refs == 0) item_free(it);
}
// Frees only on an error path.
static int item_check(item *it) {
	if (it->refs < 0) { item_free(it); return -1; }
	return 0;
}
// Returns early before freeing, on a condition that is not about the pointer.
static void item_release(item *it, int keep) {
	if (keep) return;
	free(it);
}
*/
import "C"

func doubleFree() {
	it := C.item_new(nil)
	defer C.item_free(it)
	C.item_free(it) // want CGL006 "freed again by `defer C.item_free\(...\)`"
}

func useAfterWrapperFree() int {
	it := C.item_new(nil)
	C.item_destroy(it)
	return int(C.item_refs(it)) // want CGL006 "`it` is passed to C.item_refs after C.item_destroy freed it"
}

// Look-alikes: none of these functions frees on every path.
func unrefThenUse() int {
	it := C.item_new(nil)
	C.item_unref(it)
	return int(C.item_refs(it))
}

func checkThenUse() int {
	it := C.item_new(nil)
	if C.item_check(it) != 0 {
		return -1
	}
	return int(C.item_refs(it))
}

func releaseKept() int {
	it := C.item_new(nil)
	C.item_release(it, 1)
	return int(C.item_refs(it))
}
