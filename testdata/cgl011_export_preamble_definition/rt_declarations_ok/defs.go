package main

// The definitions live in the preamble of a file without //export, which
// cgo compiles once.

/*
typedef struct { int x, y; } point;

int calls;
point origin = {1, 2};
int next_id(void) { return ++calls; }
point *make_origin(void) { return &origin; }

void GoSeen(int);
void call_back(int n) { GoSeen(n); }
*/
import "C"
