/*
 * float32 matrix-multiply rate of one BLAS library at the training's dense-layer shapes, one thread: the three
 * products of a 128 x 2,000 by 2,000 x 128 layer per step (forward x.W, weight gradient x^T.d, input gradient
 * d.W^T). The library is opened with dlopen, so ND4J's bundled OpenBLAS and the system's can be compared with the
 * same code in one run. Usage: sgemm_rate LIBRARY [repetitions]. Prints one line: median GFLOP/s and the core name.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *,
                         int);

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s LIBRARY [repetitions]\n", argv[0]);
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    sgemm_fn sgemm = (sgemm_fn) dlsym(lib, "cblas_sgemm");
    void (*set_threads)(int) = (void (*)(int)) dlsym(lib, "openblas_set_num_threads");
    char *(*core)(void) = (char *(*)(void)) dlsym(lib, "openblas_get_corename");
    if (!sgemm) {
        fprintf(stderr, "no cblas_sgemm in %s\n", argv[1]);
        return 1;
    }
    if (set_threads) {
        set_threads(1);
    }
    int reps = argc > 2 ? atoi(argv[2]) : 9;
    const int m = 128, k = 2000, n = 128, inner = 20;
    float *x = malloc(sizeof(float) * m * k), *w = malloc(sizeof(float) * k * n), *d = malloc(sizeof(float) * m * n);
    float *gw = malloc(sizeof(float) * k * n), *gx = malloc(sizeof(float) * m * k);
    srand(1);
    for (int i = 0; i < m * k; i++) x[i] = rand() / (float) RAND_MAX;
    for (int i = 0; i < k * n; i++) w[i] = rand() / (float) RAND_MAX;
    for (int i = 0; i < m * n; i++) d[i] = rand() / (float) RAND_MAX;
    double *rate = malloc(sizeof(double) * reps);
    for (int r = -2; r < reps; r++) { /* two warm-up rounds */
        double t0 = seconds();
        for (int i = 0; i < inner; i++) {
            sgemm(101, 111, 111, m, n, k, 1, x, k, w, n, 0, d, n);  /* x.W */
            sgemm(101, 112, 111, k, n, m, 1, x, k, d, n, 0, gw, n); /* x^T.d */
            sgemm(101, 111, 112, m, k, n, 1, d, n, w, n, 0, gx, k); /* d.W^T */
        }
        double s = seconds() - t0;
        if (r >= 0) {
            rate[r] = inner * 3 * 2.0 * m * k * n / s / 1e9;
        }
    }
    qsort(rate, reps, sizeof(double), by_value);
    printf("%.1f GFLOP/s (core %s)\n", rate[reps / 2], core ? core() : "?");
    return 0;
}
