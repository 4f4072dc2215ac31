package keeps

// #include "callbacks.h"
import "C"

import (
	"runtime"
	"unsafe"
)

// A struct that embeds runtime.Pinner pins through the promoted Pin, and
// unpins in Close; one with a Pin method of its own pins nothing.

type listenerState struct{ events int }

type pinnedListener struct {
	runtime.Pinner
	state *listenerState
}

func listenPinned() *pinnedListener {
	l := &pinnedListener{state: &listenerState{}}
	l.Pin(l.state)
	C.add_listener(nil, unsafe.Pointer(l.state))
	return l
}

func (l *pinnedListener) Close() { l.Unpin() }

type countingListener struct {
	runtime.Pinner
	pins  int
	state *listenerState
}

func (l *countingListener) Pin(any) { l.pins++ }

func listenCounting() *countingListener {
	l := &countingListener{state: &listenerState{}}
	l.Pin(l.state)
	C.add_listener(nil, unsafe.Pointer(l.state)) // want CGL004 "`C.add_listener` keeps its `ctx` argument"
	return l
}

// A local that embeds a Pinner is a pinner: pinned and never unpinned, it
// leaks. A field named Pin hides the promoted method.
func listenLeaking() {
	var l pinnedListener
	state := &listenerState{}
	l.Pin(state) // want CGL004 "runtime.Pinner `l` pins `state` but is never unpinned"
	C.add_listener(nil, unsafe.Pointer(state))
}

type hookedListener struct {
	runtime.Pinner
	Pin   func(any)
	state *listenerState
}

func listenHooked(l *hookedListener) {
	l.Pin(l.state)
	C.add_listener(nil, unsafe.Pointer(l.state)) // want CGL004 "`C.add_listener` keeps its `ctx` argument"
}
