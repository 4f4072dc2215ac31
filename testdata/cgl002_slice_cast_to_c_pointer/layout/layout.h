#include <stdint.h>
#include <stddef.h>

typedef int32_t sample_t;
typedef double real_t;

struct point { int x; int y; };
struct vec3 { float x, y, z; };
struct request { int *data; size_t len; };

long sum_ints(const int *p, size_t n);
unsigned sum_uints(const unsigned *p, size_t n);
float sum_floats(const float *p, size_t n);
double sum_doubles(const double *p, size_t n);
long sum_longs(const long *p, size_t n);
long sum_samples(const sample_t *p, size_t n);
int count_points(const struct point *p, size_t n);
int count_vecs(const struct vec3 *p, size_t n);
void fill(unsigned char *p, size_t n);
long run(struct request *r);
float avg(const float *p, size_t n);
