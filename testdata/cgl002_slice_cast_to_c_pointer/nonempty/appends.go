package nonempty

// #include <stddef.h>
// static int message_sum(const unsigned char *p, size_t n) { int s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
import "C"

// A buffer built by a chain of appends onto itself: where its memory
// lives is asked once per variable, not once per path through the chain
// (ten appends took minutes).
func Message(header, body, trailer []byte) int {
	buf := make([]byte, 0, 256)
	buf = append(buf, header...)
	buf = append(buf, ':')
	buf = append(buf, body...)
	buf = append(buf, ';')
	buf = append(buf, trailer...)
	buf = append(buf, header...)
	buf = append(buf, ':')
	buf = append(buf, body...)
	buf = append(buf, ';')
	buf = append(buf, trailer...)
	buf = append(buf, '\n')
	return int(C.message_sum((*C.uchar)(&buf[0]), C.size_t(len(buf))))
}
