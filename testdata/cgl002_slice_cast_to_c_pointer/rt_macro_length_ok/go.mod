module rtmacro

go 1.22
