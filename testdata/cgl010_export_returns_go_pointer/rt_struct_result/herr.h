struct herr { int code; const char *message; };
