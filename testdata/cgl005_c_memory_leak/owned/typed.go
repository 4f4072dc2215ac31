package owned

/*
#include <stdlib.h>
typedef struct { long long rd_req; long long wr_req; } block_stats;
typedef block_stats *blockStatsPtr;
static int get_block_stats(blockStatsPtr s) { s->rd_req = 1; s->wr_req = 2; return 0; }
*/
import "C"

import "unsafe"

// A malloc converted to a pointer typedef in parentheses is still the
// variable's to free (libvirt's BlockStats).
func BlockStats() int64 {
	stats := (C.blockStatsPtr)(C.malloc(C.size_t(unsafe.Sizeof(C.block_stats{}))))
	defer C.free(unsafe.Pointer(stats))
	if C.get_block_stats(stats) != 0 {
		return -1
	}
	return int64(stats.rd_req)
}

// Positive: never freed.
func BlockStatsLeaked() int64 {
	stats := (C.blockStatsPtr)(C.malloc(C.size_t(unsafe.Sizeof(C.block_stats{})))) // want CGL005 "`stats` holds C memory from C.malloc that is never freed"
	C.get_block_stats(stats)
	return int64(stats.wr_req)
}
