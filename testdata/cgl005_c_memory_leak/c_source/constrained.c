//go:build ignore

#include <stdlib.h>

// Built for no platform: not read.
void forget(char *name) { free(name); }
