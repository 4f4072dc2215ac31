package shapes

// #include <stdlib.h> // want CGL012 "import \("
// #include <errno.h>
import (
	"C"
	"unsafe"
)

var _ unsafe.Pointer
