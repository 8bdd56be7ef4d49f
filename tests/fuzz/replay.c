/* SPDX-License-Identifier: ISC */
/*
 * replay: a main() for a libFuzzer harness built without libFuzzer (gcc),
 * which runs LLVMFuzzerTestOneInput() once on each file named, as the
 * fuzzer would on its corpus. `make test` builds every harness this way
 * (tests/fuzz/run --replay), so that a harness that no longer compiles
 * against the library, or an input the fuzzer once found, is noticed
 * without clang.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char *argv[])
{
	static uint8_t buf[1 << 16];	/* the fuzzer's -max_len */
	FILE *fp;
	size_t n;
	int i;

	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 2;
		}
		n = fread(buf, 1, sizeof(buf), fp);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("%d inputs\n", argc - 1);
	return 0;
}
