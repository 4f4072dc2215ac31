#include <stddef.h>
#include <sys/types.h>

int checksum(const unsigned char *p, size_t n);
void consume(void *p, size_t n);
long sum_ints(const int *p, size_t n);
void copy_name(char *dst, const char *src, size_t n);
