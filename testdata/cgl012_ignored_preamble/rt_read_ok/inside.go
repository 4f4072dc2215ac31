package main

import (
	"fmt"

	/*
	static int third_of(void) { return 3; }
	*/
	"C"
)

func third() string { return fmt.Sprint(C.third_of()) }
