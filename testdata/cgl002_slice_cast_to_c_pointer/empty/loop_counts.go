package empty

// #include "empty.h"
import "C"

// Slices filled by a loop that appends on every turn, checked after the
// loop through what counts the turns (wasmerio/wasmer-go's intoInner).

// Negative: the ranged slice is checked after the loop.
func CountsCheckedAfter(names []string) C.long {
	var counts []C.int
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
	}
	if len(names) > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts)))
	}
	return 0
}

// Negative: a counter declared zero and only incremented, once per turn.
func CountsByCounter(names []string) C.long {
	var counts []C.int
	var number uint
	for i := range names {
		counts = append(counts, C.int(i))
		number++
	}
	if number > 0 {
		return C.sum_ints(&counts[0], C.size_t(number))
	}
	return 0
}

// Negative: a counted size, checked, then made.
func MadeFromCount(names []string) C.long {
	total := 0
	for _, n := range names {
		if n != "" {
			total++
		}
	}
	if total == 0 {
		return 0
	}
	counts := make([]C.int, total)
	return C.sum_ints(&counts[0], C.size_t(total))
}

// Positive: the ranged slice is assigned before its check.
func CountsRangedReassigned(names, others []string) C.long {
	var counts []C.int
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
	}
	names = others
	if len(names) > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
	}
	return 0
}

// Positive: the append may be skipped while the counter still counts.
func CountsCounterSkipping(names []string) C.long {
	var counts []C.int
	number := 0
	for _, n := range names {
		number++
		if n == "" {
			continue
		}
		counts = append(counts, C.int(len(n)))
	}
	if number > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
	}
	return 0
}

// Positive: the counter is set again after the loop.
func CountsCounterReset(names []string, extra int) C.long {
	var counts []C.int
	number := 0
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
		number++
	}
	number = extra
	if number > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
	}
	return 0
}

// Positive: the counter starts below zero, so it may pass 0 on its way up.
func CountsFromMinusOne(names []string) C.long {
	var counts []C.int
	number := -1
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
		number++
	}
	if number != -1 {
		return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
	}
	return 0
}

// Positive: the counter counts another loop's turns.
func CountsOtherLoop(names, others []string) C.long {
	var counts []C.int
	number := 0
	for range others {
		number++
	}
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
	}
	if number > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
	}
	return 0
}

// Positive: a counter that may go down again.
func MadeFromUpAndDown(names []string) C.long {
	total := 0
	for _, n := range names {
		total++
		if n == "" {
			total--
		}
	}
	if total == 0 {
		return 0
	}
	total--
	counts := make([]C.int, total)
	return C.sum_ints(&counts[0], C.size_t(total)) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
}

// Positive: the counter also counts the turns of a loop around this one
// (or the calls of a closure), so a later empty group passes its check.
func CountsPerGroup(groups [][]string) C.long {
	var total C.long
	number := 0
	for _, group := range groups {
		var counts []C.int
		for _, n := range group {
			counts = append(counts, C.int(len(n)))
			number++
		}
		if number > 0 {
			total += C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
		}
	}
	return total
}

func CountsPerCall(a, b []string) C.long {
	number := 0
	sum := func(names []string) C.long {
		var counts []C.int
		for _, n := range names {
			counts = append(counts, C.int(len(n)))
			number++
		}
		if number > 0 {
			return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
		}
		return 0
	}
	return sum(a) + sum(b)
}

// Positive: a map's length changes without an assignment to it.
func KeysOfMap(m map[int]bool, fill func(map[int]bool)) C.long {
	var keys []C.int
	for k := range m {
		keys = append(keys, C.int(k))
	}
	fill(m)
	if len(m) > 0 {
		return C.sum_ints(&keys[0], C.size_t(len(keys))) // want CGL002 "`&keys\[0\]` passed to C.sum_ints panics"
	}
	return 0
}

// Positive: the check is in a later loop whose next turn follows a reset.
func CountsReset(names []string) C.long {
	var counts []C.int
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
	}
	var total C.long
	for i := 0; i < 2; i++ {
		if len(names) > 0 {
			total += C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
		}
		counts = nil
	}
	return total
}

// Positive: the checked names are other variables, declared by the if.
func CountsShadowed(names, others []string) C.long {
	var counts []C.int
	number := 0
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
		number++
	}
	if number := len(others) + 1; number > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
	}
	if names := others; len(names) > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts))) // want CGL002 "`&counts\[0\]` passed to C.sum_ints panics"
	}
	return 0
}

// Negative: a labeled loop is the same loop.
func CountsLabeled(names []string) C.long {
	var counts []C.int
outer:
	for _, n := range names {
		counts = append(counts, C.int(len(n)))
		if n == "" {
			break outer
		}
	}
	if len(names) > 0 {
		return C.sum_ints(&counts[0], C.size_t(len(counts)))
	}
	return 0
}
