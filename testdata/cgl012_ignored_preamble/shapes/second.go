package shapes

// Helpers for the codec. // want CGL012 "#include"
// #include <stdint.h>

import "C"
