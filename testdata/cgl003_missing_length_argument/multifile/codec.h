#include <stddef.h>
#include <stdint.h>

int codec_encode(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap);
void codec_block(uint8_t *block);
static inline void codec_tag(uint8_t *tag) {
	for (int i = 0; i < 16; i++) tag[i] = (uint8_t)i;
}
