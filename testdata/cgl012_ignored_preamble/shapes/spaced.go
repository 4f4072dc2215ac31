package shapes

/* want CGL012 "#if"
# if defined(__linux__)
#   define ON_LINUX 1
# endif
*/

import "C"
