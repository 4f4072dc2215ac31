#include "layout.h"

long sum_ints(const int *p, size_t n) { long s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
unsigned sum_uints(const unsigned *p, size_t n) { unsigned s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
float sum_floats(const float *p, size_t n) { float s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
double sum_doubles(const double *p, size_t n) { double s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
long sum_longs(const long *p, size_t n) { long s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
long sum_samples(const sample_t *p, size_t n) { long s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return s; }
int count_points(const struct point *p, size_t n) { (void)p; return (int)n; }
int count_vecs(const struct vec3 *p, size_t n) { (void)p; return (int)n; }
void fill(unsigned char *p, size_t n) { for (size_t i = 0; i < n; i++) p[i] = 1; }
long run(struct request *r) { return sum_ints(r->data, r->len); }
float avg(const float *p, size_t n) { float s = 0; for (size_t i = 0; i < n; i++) s += p[i]; return n ? s / n : 0; }
