package lookalikes

import (
	_ "unsafe"
)

// The one-argument form exports a local symbol: nothing is pulled.
//
//go:linkname exported
func exported() {}

// A project's own packages, including ones whose last element is "runtime".
//
//go:linkname helper example.com/project/internal/helpers.helper
func helper() int

//go:linkname start github.com/acme/runtime.Start
func start()

//go:linkname hook example.com/project/runtimehooks.hook
func hook()

// Prose that mentions the directive is not one: go:linkname runtime.nanotime
/* //go:linkname nanotime runtime.nanotime */

var doc = "//go:linkname nanotime runtime.nanotime"

var x = 1 //go:linkname trailing runtime.nanotime

//go:linknamex f runtime.nanotime
func f() int64

// The compiler only reads `//go:linkname` followed by a space.
//go:linkname	g	runtime.nanotime
func g() int64

// Too many fields: the compiler rejects it as a usage error.
//go:linkname a runtime.nanotime extra
func a() int64

// A push: this package provides the body.
//
//go:linkname provided runtime.provided
func provided() int { return 1 }
