module example.com/zbuf

go 1.22
