module std

go 1.27
