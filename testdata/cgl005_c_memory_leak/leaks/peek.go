package leaks

/*
static int peek(char **p) { return (*p)[0]; }
*/
import "C"

// Read through its address, never freed: the body only reads it.
func PeekedByAddress(name string) int {
	cs := C.CString(name) // want CGL005 "`cs` holds C memory from C.CString that is never freed"
	return int(C.peek(&cs))
}
