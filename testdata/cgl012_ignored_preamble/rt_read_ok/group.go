package main

/*
#define ANSWER 42
static int answer_of(void) { return ANSWER; }
*/
import (
	"C"
)

func answer() int { return int(C.answer_of()) }
