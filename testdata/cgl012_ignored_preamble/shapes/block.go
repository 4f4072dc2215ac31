package shapes

/* want CGL012 "its #include lines never reach C"
#include <stdio.h>
*/

import "C"
