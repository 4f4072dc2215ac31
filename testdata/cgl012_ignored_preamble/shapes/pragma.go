package shapes

// #pragma once // want CGL012 "#pragma"
// #include <stdint.h>

import "C"
