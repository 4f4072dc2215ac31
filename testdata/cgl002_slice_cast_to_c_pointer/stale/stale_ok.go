package stale

// #include <stddef.h>
// static long sum2(const int *p, size_t n) { long s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
import "C"

import "unsafe"

// Negative: the pointer is taken after the last append.
func SumGrown(values []C.int, extra C.int) C.long {
	values = append(values, extra)
	p := (*C.int)(unsafe.Pointer(&values[0]))
	return C.sum2(p, C.size_t(len(values)))
}

// Negative: reslicing keeps the backing array the pointer points into.
func SumPrefix(values []C.int) C.long {
	if len(values) < 2 {
		return 0
	}
	p := (*C.int)(unsafe.Pointer(&values[0]))
	values = values[:2]
	return C.sum2(p, C.size_t(len(values)))
}

// Negative: the pointer is refreshed after the append.
func SumRefreshed(values []C.int, extra C.int) C.long {
	p := unsafe.SliceData(values)
	values = append(values, extra)
	p = unsafe.SliceData(values)
	return C.sum2(p, C.size_t(len(values)))
}

// Negative: the pointer is used before the append only.
func SumThenGrow(values []C.int) ([]C.int, C.long) {
	p := unsafe.SliceData(values)
	total := C.sum2(p, C.size_t(len(values)))
	values = append(values, C.int(total))
	return values, total
}
