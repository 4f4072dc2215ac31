// GStreamer's gst_buffer_new_wrapped_full keeps its gpointer argument and
// frees it with the notify it is given: the C.gpointer(...) conversion
// hands the allocation on to it, and nothing leaks.
//
// runtime: ok
package main

/*
#include <stdlib.h>
#include <string.h>
typedef void *gpointer;
typedef void (*GDestroyNotify)(gpointer);
typedef struct GstBuffer { unsigned char *data; size_t size; gpointer user; GDestroyNotify notify; } GstBuffer;
static GstBuffer *gst_buffer_new_wrapped_full(gpointer data, size_t size, gpointer user_data, GDestroyNotify notify) {
	GstBuffer *b = malloc(sizeof *b);
	b->data = data; b->size = size; b->user = user_data; b->notify = notify;
	return b;
}
static void gst_buffer_unref(GstBuffer *b) { if (b->notify) b->notify(b->user); free(b); }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func fromBytes(b []byte) *C.GstBuffer {
	p := C.CBytes(b)
	return C.gst_buffer_new_wrapped_full(C.gpointer(p), C.size_t(len(b)), C.gpointer(p), C.GDestroyNotify(C.free))
}

func fromBytesInline(b []byte) *C.GstBuffer {
	return C.gst_buffer_new_wrapped_full(C.gpointer(C.CBytes(b)), C.size_t(len(b)), nil, nil)
}

func leaked(b []byte) int {
	p := C.CBytes(b) // want CGL005 "`p` holds C memory from C.CBytes that is never freed"
	return int(C.strlen((*C.char)(C.gpointer(p))))
}

func main() {
	a := fromBytes([]byte("abc"))
	fmt.Println(C.GoStringN((*C.char)(unsafe.Pointer(a.data)), C.int(a.size)))
	C.gst_buffer_unref(a)
	b := fromBytesInline([]byte("de"))
	fmt.Println(C.GoStringN((*C.char)(unsafe.Pointer(b.data)), C.int(b.size)))
	C.free(unsafe.Pointer(b.data))
	C.gst_buffer_unref(b)
	fmt.Println(leaked([]byte("xyz\x00")))
}
