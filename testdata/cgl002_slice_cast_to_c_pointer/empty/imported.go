package empty

// #include "empty.h"
import "C"

import (
	"image/color"
	"unsafe"
)

// Slices of another package's type: whatever the elements are, `&s[0]`
// of an empty one panics (gen2brain/raylib-go's UpdateTexture).

func UpdatePixels(pixels []color.RGBA) {
	C.consume(unsafe.Pointer(&pixels[0]), C.size_t(len(pixels))) // want CGL002 "`&pixels\[0\]` passed to C.consume panics"
}

func UpdatePixelsChecked(pixels []color.RGBA) {
	if len(pixels) == 0 {
		return
	}
	C.consume(unsafe.Pointer(&pixels[0]), C.size_t(len(pixels)))
}
