package cfield

/*
#include <stddef.h>
typedef struct handle handle;
int open_handle(handle **out);
void set_user(void **slot);
struct span { char *data; size_t len; };
size_t span_length(struct span *s);
*/
import "C"

import "unsafe"

type conn struct {
	name string
}

type stmt struct {
	conn   *conn
	handle *C.handle
	user   unsafe.Pointer
}

// Negative: a pointer to a field covers only that field's memory (cmd/cgo),
// here a C pointer; the Go pointer is in the sibling field (crawshaw/sqlite's
// Conn.prepare, runtime-confirmed in rt_field_address_ok).
func OpenStmt(c *conn) *stmt {
	s := &stmt{conn: c}
	C.open_handle(&s.handle)
	return s
}

func OpenStmtAssigned(c *conn) *stmt {
	s := &stmt{}
	s.conn = c
	C.open_handle(&s.handle)
	return s
}

// Positive: the field passed is the one set to a Go pointer.
func SetUser(c *conn) *stmt {
	s := &stmt{}
	s.user = unsafe.Pointer(c)
	C.set_user(&s.user) // want CGL004 "`C.set_user` receives `s.user` \(unsafe.Pointer\), Go memory whose `s.user` was set to the Go pointer"
	return s
}

func SetUserLiteral(c *conn) *stmt {
	s := &stmt{user: unsafe.Pointer(c)}
	C.set_user(&s.user) // want CGL004 "`C.set_user` receives `s.user` \(unsafe.Pointer\), Go memory whose `user` was set to the Go pointer"
	return s
}

// Positive: through a variable, cgo checks the whole object the pointer is into.
func OpenThroughVariable(c *conn) *stmt {
	s := &stmt{conn: c}
	p := &s.handle
	C.open_handle(p) // want CGL004 "`C.open_handle` receives `p` \(\*\*C.handle\), Go memory whose `conn` was set to the Go pointer"
	return s
}

// Positive: a field promoted from an embedded struct is that struct's.
type userData struct{ user unsafe.Pointer }

type embedding struct {
	userData
	handle *C.handle
}

func SetPromoted(c *conn) *embedding {
	e := &embedding{}
	e.userData.user = unsafe.Pointer(c)
	C.set_user(&e.user) // want CGL004 "`C.set_user` receives `e.user` \(unsafe.Pointer\), Go memory whose `e.userData.user` was set to the Go pointer"
	return e
}

// Positive: the field is given a whole struct that holds the Go pointer.
type spanHolder struct {
	tag  int
	span C.struct_span
}

func SpanLength(data []byte) C.size_t {
	if len(data) == 0 {
		return 0
	}
	h := &spanHolder{}
	h.span = C.struct_span{data: (*C.char)(unsafe.Pointer(&data[0])), len: C.size_t(len(data))}
	return C.span_length(&h.span) // want CGL004 "`C.span_length` receives `h.span` \(C.struct_span\), a C struct in Go memory whose `data` was set to the Go pointer"
}

// A field of a field held by value is memory of its own too
// (rt_field_address_ok passes `&stmt.inner.stmt` beside a Go pointer).
type statement struct {
	conn *conn
	h    *C.handle
}

type prepared struct {
	label string
	st    statement
}

type preparedRef struct {
	label string
	st    *statement
}

// Negative: the field passed holds a C pointer; the Go pointer is beside it.
func OpenNested(name string) *prepared {
	c := &conn{name: name}
	p := &prepared{label: "q", st: statement{conn: c}}
	C.open_handle(&p.st.h)
	return p
}

// Positive: the struct passed holds the Go pointer.
func OpenNestedWhole(name string) *prepared {
	c := &conn{name: name}
	p := &prepared{label: "q"}
	p.st.conn = c
	C.open_handle((**C.handle)(unsafe.Pointer(&p.st))) // want CGL004 "receives `p.st` \(statement\), which holds Go pointers in field `conn`"
	return p
}

// Positive: the nested field passed is the one set to a Go pointer.
type slot struct{ user unsafe.Pointer }

type slots struct {
	name string
	s    slot
}

func SetNestedUser(c *conn) *slots {
	v := &slots{}
	v.s.user = unsafe.Pointer(c)
	C.set_user(&v.s.user) // want CGL004 "`C.set_user` receives `v.s.user` \(unsafe.Pointer\), Go memory whose `v.s.user` was set to the Go pointer"
	return v
}

// A promoted field is its embedded struct's (msteinert/pam's `&t.handle`).
type txBase struct {
	h *C.handle
}

type tx struct {
	txBase
	owner *conn
}

// Negative: the promoted field passed holds a C pointer; the Go pointer is
// in another field (rt_field_address_ok runs the same).
func OpenPromoted(name string) *tx {
	t := &tx{owner: &conn{name: name}}
	C.open_handle(&t.h)
	return t
}

// Positive: the promoted field is set through the short spelling and
// passed through the long one.
type userBase struct{ user unsafe.Pointer }

type userTx struct {
	userBase
	label string
}

func SetPromotedShort(name string) *userTx {
	u := &userTx{label: "x"}
	u.user = unsafe.Pointer(&conn{name: name})
	C.set_user(&u.userBase.user) // want CGL004 "`C.set_user` receives `u.userBase.user` \(unsafe.Pointer\), Go memory whose `u.user` was set to the Go pointer"
	return u
}

// Negative: a promoted field through an embedded pointer is another
// object's; the Go pointer written is in this one.
type txRef struct {
	*txBase
	owner *conn
}

func OpenThroughEmbeddedPointer(name string) *txRef {
	t := &txRef{txBase: &txBase{}, owner: &conn{name: name}}
	C.open_handle(&t.h)
	return t
}

// Negative: the Go pointer is written into a C struct held in another
// field, not into the field passed.
type spanned struct {
	h    *C.handle
	span C.struct_span
}

func OpenBesideSpan(data []byte) *spanned {
	x := &spanned{}
	x.span.data = (*C.char)(unsafe.Pointer(unsafe.SliceData(data)))
	C.open_handle(&x.h)
	return x
}
