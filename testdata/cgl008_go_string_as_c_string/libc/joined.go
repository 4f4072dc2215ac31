package libc

// #include <string.h>
import "C"

import (
	"fmt"
	"strings"
	"unsafe"
)

// Negative: the list joined ends with a "\x00" element.
func JoinedLen(parts []string) int {
	s := strings.Join(append(parts, "\x00"), "")
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(s)))))
}

// Negative: the same with a literal list.
func NamedLen(name string) int {
	s := strings.Join([]string{"lib", name, "\x00"}, "")
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(s)))))
}

// Positive: the element appended last does not end in a NUL.
func SuffixedLen(parts []string) int {
	s := strings.Join(append(parts, ".so"), "")
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(s))))) // want CGL008 "passes the bytes of the Go string s to C.strlen"
}

// Positive: a backslash and "x00", not a NUL.
func EscapedLen(name string) int {
	s := name + "\\x00"
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(s))))) // want CGL008 "passes the bytes of the Go string s to C.strlen"
}

// Positive: %q prints the NUL element as the four characters \x00.
func QuotedLen(parts []string) int {
	s := fmt.Sprintf("%q", append(parts, "\x00"))
	return int(C.strlen((*C.char)(unsafe.Pointer(unsafe.StringData(s))))) // want CGL008 "passes the bytes of the Go string s to C.strlen"
}
