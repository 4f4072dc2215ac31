package main

// Types of the exported functions in exports.go. cgo resolves the types of
// an exported signature only among files that import "C".

import "C"

type Bytes []byte

type Count int64

type Registry map[string]int

type Listener func(event int)

type Sink interface{ Write(p []byte) (int, error) }
