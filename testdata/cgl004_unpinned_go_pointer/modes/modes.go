// A C body that keeps a pointer only in one mode (HarfBuzz's
// hb_blob_create copies in DUPLICATE mode; librdkafka's produce copies the
// payload with RD_KAFKA_MSG_F_COPY): the constant the call passes decides.
package modes

/*
#include <stdlib.h>
#include <string.h>

typedef enum { MODE_DUPLICATE, MODE_READONLY, MODE_WRITABLE } memory_mode;
typedef struct { const char *data; unsigned len; int owned; } blob;

static blob *blob_create(const char *data, unsigned len, memory_mode mode) {
	blob *b = calloc(1, sizeof *b);
	b->len = len;
	if (mode == MODE_DUPLICATE) {
		char *c = malloc(len ? len : 1);
		memcpy(c, data, len);
		b->data = c;
		b->owned = 1;
	} else
		b->data = data;
	return b;
}

#define MSG_F_FREE 0x1
#define MSG_F_COPY 0x2
#define MSG_F_BLOCK 0x4
typedef struct { void *payload; size_t len; } message;
static message queued;

static int produce(int msgflags, void *payload, size_t len) {
	if (msgflags & MSG_F_COPY) {
		queued.payload = malloc(len);
		memcpy(queued.payload, payload, len);
	} else {
		queued.payload = payload;
	}
	queued.len = len;
	return 0;
}

// The mode is changed before the test: big buffers are never duplicated.
static const char *held;
static void hold(const char *data, unsigned len, memory_mode mode) {
	if (len > 4) mode = MODE_READONLY;
	if (mode == MODE_DUPLICATE) { char *c = malloc(len ? len : 1); memcpy(c, data, len); held = c; }
	else held = data;
}
#define MSG_F_DEFAULT (MSG_F_FREE | MSG_F_BLOCK)

typedef enum { KIND_COPY = 2, KIND_BORROW, KIND_DEFAULT = KIND_BORROW } share_kind;
static void share(const char *data, unsigned len, share_kind kind) {
	if (kind == KIND_BORROW) held = data;
	else { char *c = malloc(len ? len : 1); memcpy(c, data, len); held = c; }
}

static void *last;
static void remember(void *p, int keep) { if (keep != 0) last = p; }
*/
import "C"

import "unsafe"

func Duplicate(data []byte) *C.blob {
	return C.blob_create((*C.char)(unsafe.Pointer(unsafe.SliceData(data))), C.uint(len(data)), C.MODE_DUPLICATE)
}

func ReadOnly(data []byte) *C.blob {
	return C.blob_create((*C.char)(unsafe.Pointer(unsafe.SliceData(data))), C.uint(len(data)), C.MODE_READONLY) // want CGL004 "keeps its `data` argument"
}

func WithMode(data []byte, mode C.memory_mode) *C.blob {
	return C.blob_create((*C.char)(unsafe.Pointer(unsafe.SliceData(data))), C.uint(len(data)), mode) // want CGL004 "keeps its `data` argument"
}

func ProduceCopy(payload []byte) {
	C.produce(C.MSG_F_COPY|C.MSG_F_BLOCK, unsafe.Pointer(unsafe.SliceData(payload)), C.size_t(len(payload)))
}

func ProduceNoFlags(payload []byte) {
	C.produce(0, unsafe.Pointer(unsafe.SliceData(payload)), C.size_t(len(payload))) // want CGL004 "keeps its `payload` argument"
}

func ProduceBlock(payload []byte) {
	C.produce(C.MSG_F_BLOCK, unsafe.Pointer(unsafe.SliceData(payload)), C.size_t(len(payload))) // want CGL004 "keeps its `payload` argument"
}

func ProduceValue(payload []byte) {
	C.produce(2, unsafe.Pointer(unsafe.SliceData(payload)), C.size_t(len(payload))) // 2 is MSG_F_COPY
}

func Forget(p *int) {
	C.remember(unsafe.Pointer(p), 0)
}

func Remember(p *int) {
	C.remember(unsafe.Pointer(p), 1) // want CGL004 "keeps its `p` argument"
}

func HoldDuplicate(data []byte) {
	C.hold((*C.char)(unsafe.Pointer(unsafe.SliceData(data))), C.uint(len(data)), C.MODE_DUPLICATE) // want CGL004 "keeps its `data` argument"
}

func ProduceDefault(payload []byte) {
	C.produce(C.MSG_F_DEFAULT, unsafe.Pointer(unsafe.SliceData(payload)), C.size_t(len(payload))) // want CGL004 "keeps its `payload` argument"
}

func ShareCopy(data []byte) {
	C.share((*C.char)(unsafe.Pointer(unsafe.SliceData(data))), C.uint(len(data)), C.KIND_COPY)
}

func ShareDefault(data []byte) {
	C.share((*C.char)(unsafe.Pointer(unsafe.SliceData(data))), C.uint(len(data)), C.KIND_DEFAULT) // want CGL004 "keeps its `data` argument"
}
