// Goroutines, loops and methods around local arrays handed to C.
package shapes

/*
#include <stddef.h>
static void produce(unsigned char *out, size_t n) { for (size_t i = 0; i < n; i++) out[i] = (unsigned char)i; }
static void encode(unsigned char *block);
static void encode(unsigned char *block) { for (int i = 0; block[i]; i++) block[i] ^= 0x20; }
*/
import "C"

import (
	"sync"
	"unsafe"
)

func goThenRead() byte {
	var out [64]C.uchar
	go C.produce(&out[0], C.size_t(len(out))) // want CGL001 "`go C.produce\(...\)` runs C.produce in a new goroutine while this function goes on using the local array `out`.*data race"
	return byte(out[0])
}

func goInLoop(n int) {
	var scratch [32]C.uchar
	for i := 0; i < n; i++ {
		go C.produce(&scratch[0], 32) // want CGL001 "new goroutine .*`scratch`"
	}
}

type codec struct{ mu sync.Mutex }

func (c *codec) encode() [16]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	var block [16]byte
	C.encode((*C.uchar)(unsafe.Pointer(&block[0]))) // want CGL001 "C.encode gets the local array `block` \(16 bytes\), but nothing tells C.encode its length"
	return block
}

func inGoroutineBody(done chan<- [8]byte) {
	go func() {
		var b [8]byte
		C.encode((*C.uchar)(&b[0])) // want CGL001 "`b` \(8 bytes\)"
		done <- b
	}()
}

// --- look-alikes that stay silent ---

// The goroutine owns the array: nothing else touches it afterwards.
func goAndForget() {
	var out [64]C.uchar
	go C.produce(&out[0], C.size_t(len(out)))
}

// A fresh array per iteration, never touched after the go statement.
func goFreshEachIteration(n int) {
	for i := 0; i < n; i++ {
		var scratch [32]C.uchar
		go C.produce(&scratch[0], C.size_t(len(scratch)))
	}
}

// Synchronous call with the length: the array is pinned for the call.
func synchronous() [64]C.uchar {
	var out [64]C.uchar
	C.produce(&out[0], C.size_t(len(out)))
	return out
}

// A goroutine that makes the call itself and hands the result back.
func goroutineOwnsCall(results chan<- [64]C.uchar) {
	go func() {
		var out [64]C.uchar
		C.produce(&out[0], C.size_t(len(out)))
		results <- out
	}()
}
