package shapes

//#include <string.h> // want CGL012 "#include"


import "C"
