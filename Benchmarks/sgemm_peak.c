// Measures single-precision matrix-product throughput of the system OpenBLAS, the library
// mlp calls, so the GFLOP/s mlp reaches can be set against what the machine can do.
//
//   sgemm_peak THREADS [M N K ...]
//
// Runs C = A * B (row-major, M x K times K x N) on THREADS OpenBLAS threads for each shape
// given (default: one 2048 x 2048 x 2048 product) and prints one JSON line per shape with the
// best GFLOP/s over repeated runs of at least half a second in all. 2*M*N*K flops a product.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern void openblas_set_num_threads(int);
extern char *openblas_get_corename(void);
extern char *openblas_get_config(void);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void measure(int threads, int m, int n, int k) {
  float *a = malloc(sizeof(float) * (size_t)m * k);
  float *b = malloc(sizeof(float) * (size_t)k * n);
  float *c = malloc(sizeof(float) * (size_t)m * n);
  if (!a || !b || !c) { fprintf(stderr, "sgemm_peak: out of memory\n"); exit(1); }
  for (size_t i = 0; i < (size_t)m * k; i++) a[i] = (float)((i * 7919) % 1000) / 1000.0f;
  for (size_t i = 0; i < (size_t)k * n; i++) b[i] = (float)((i * 104729) % 1000) / 1000.0f;
  for (size_t i = 0; i < (size_t)m * n; i++) c[i] = 0;
  double flops = 2.0 * m * n * k;
  // Warm-up, then calls in groups sized to last about 50 ms, for at least 0.5 s in all.
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
  double started = now();
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
  double once = now() - started;
  long group = once > 0.05 ? 1 : (long)(0.05 / (once > 1e-7 ? once : 1e-7)) + 1;
  double best = 1e30, total = 0;
  long calls = 0;
  while (total < 0.5 || calls < 5 * group) {
    double t0 = now();
    for (long i = 0; i < group; i++)
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
    double t = (now() - t0) / group;
    if (t < best) best = t;
    total += t * group;
    calls += group;
  }
  printf("{\"threads\": %d, \"m\": %d, \"n\": %d, \"k\": %d, \"calls\": %ld, "
         "\"best_seconds\": %.9g, \"gflops\": %.4g, \"checksum\": %.6g}\n",
         threads, m, n, k, calls, best, flops / best / 1e9, (double)c[(size_t)m * n / 2]);
  free(a); free(b); free(c);
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  if (threads < 1) { fprintf(stderr, "usage: sgemm_peak THREADS [M N K ...]\n"); return 2; }
  openblas_set_num_threads(threads);
  fprintf(stderr, "sgemm_peak: OpenBLAS core %s, config %s\n", openblas_get_corename(),
          openblas_get_config());
  if (argc <= 2) { measure(threads, 2048, 2048, 2048); return 0; }
  if ((argc - 2) % 3 != 0) { fprintf(stderr, "sgemm_peak: shapes come as M N K\n"); return 2; }
  for (int i = 2; i < argc; i += 3) measure(threads, atoi(argv[i]), atoi(argv[i+1]), atoi(argv[i+2]));
  return 0;
}
