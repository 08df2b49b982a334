/*
 * A fake CUDA driver (libcuda.so.1) for Tandem's tests: exports the driver API symbols that
 * io.tandem.gpu.internal.cuda.Driver binds, with the semantics NVIDIA documents for them in cuda.h, so the
 * host side of the FFM bindings runs for real on a machine without a GPU. Written for Tandem, declarations
 * included (no CUDA header is needed to build it):
 *
 *   gcc -shared -fPIC -O1 -pthread -o libfakecuda.so fake_cuda.c
 *
 * What it does:
 *   - one device, "Tandem fake CUDA device", compute capability 9.0, FAKE_SMS multiprocessors, 16 GiB;
 *   - device memory is host memory (malloc): a CUdeviceptr is the pointer's value, so copies and memset
 *     really round-trip; every copy and memset must lie inside one live allocation, cuMemFree takes only a
 *     pointer cuMemAlloc returned (a double free or a slice's pointer is CUDA_ERROR_INVALID_VALUE);
 *   - calls that need a context fail with CUDA_ERROR_INVALID_CONTEXT unless the calling thread made the
 *     primary context current (cuCtxSetCurrent), and everything fails with CUDA_ERROR_NOT_INITIALIZED before
 *     cuInit, as the real driver does;
 *   - PTX is not compiled, but modules are parsed for their `.entry NAME(...)` signatures, so
 *     cuModuleGetFunction finds only entries that exist and cuLaunchKernel reads each kernel parameter with
 *     the size its PTX type declares (.u64 8 bytes, .f32 4 ...), as the driver does; a launch is recorded
 *     (function, grid, block, shared bytes, stream, parameter values) and succeeds without running anything;
 *   - events and streams are host objects; event times come from CLOCK_MONOTONIC.
 *
 * Test controls (extra exported functions, `fake_*`), and environment variables read at load and by fake_reset:
 *   FAKE_CUDA_INIT_RESULT=n          cuInit returns n (e.g. 100, CUDA_ERROR_NO_DEVICE)
 *   FAKE_CUDA_ALLOC_LIMIT=bytes      cuMemAlloc_v2 above this size returns CUDA_ERROR_OUT_OF_MEMORY
 *   FAKE_CUDA_INVALID_PTX_MARKER=s   cuModuleLoadDataEx of PTX containing s returns CUDA_ERROR_INVALID_PTX
 *                                    and writes a JIT log into the CU_JIT_ERROR_LOG_BUFFER option
 * All state is behind one mutex: the fake may be called from any thread.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXPORT __attribute__((visibility("default")))

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct fake_ctx *CUcontext;
typedef struct fake_module *CUmodule;
typedef struct fake_function *CUfunction;
typedef struct fake_stream *CUstream;
typedef struct fake_event *CUevent;

enum {
    CUDA_SUCCESS = 0,
    CUDA_ERROR_INVALID_VALUE = 1,
    CUDA_ERROR_OUT_OF_MEMORY = 2,
    CUDA_ERROR_NOT_INITIALIZED = 3,
    CUDA_ERROR_NO_DEVICE = 100,
    CUDA_ERROR_INVALID_DEVICE = 101,
    CUDA_ERROR_INVALID_IMAGE = 200,
    CUDA_ERROR_INVALID_CONTEXT = 201,
    CUDA_ERROR_INVALID_PTX = 218,
    CUDA_ERROR_INVALID_HANDLE = 400,
    CUDA_ERROR_NOT_FOUND = 500,
    CUDA_ERROR_NOT_READY = 600,
    CUDA_ERROR_ILLEGAL_ADDRESS = 700,
    CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES = 701,
    CUDA_ERROR_LAUNCH_FAILED = 719,
    CUDA_ERROR_UNKNOWN = 999
};

/* CUjit_option values used here */
enum {
    CU_JIT_INFO_LOG_BUFFER = 3,
    CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4,
    CU_JIT_ERROR_LOG_BUFFER = 5,
    CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6
};

#define FAKE_NAME "Tandem fake CUDA device"
#define FAKE_TOTAL_MEM (16ULL << 30)
#define FAKE_SMS 4
#define FAKE_DRIVER_VERSION 12040
#define MAX_ENTRIES 16
#define MAX_PARAMS 64
#define MAX_MODULES 256
#define MAX_INJECT 8
#define LAUNCH_LOG 64
#define LAUNCH_TEXT 2048

struct fake_ctx { int magic; };

struct fake_function {
    struct fake_module *module;
    char name[128];
    int nparams;
    int sizes[MAX_PARAMS];
    char types[MAX_PARAMS][8];
};

struct fake_module {
    int live;
    char *ptx;
    int nentries;
    struct fake_function entries[MAX_ENTRIES];
};

struct fake_stream { int magic; };
struct fake_event { int recorded; struct timespec at; };

struct allocation { uintptr_t base; size_t bytes; struct allocation *next; };
struct injection { char call[64]; int skip; int result; };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct fake_ctx primary = { 0x7a4de };
static __thread struct fake_ctx *current;
static int initialized;
static int init_result;
static unsigned long long alloc_limit;
static char ptx_marker[256];
static struct allocation *allocations;
static long long live_allocations;
static struct fake_module *modules[MAX_MODULES];
static struct fake_module *last_module;
static char last_ptx[65536];
static int ctx_retains;
static int live_streams;
static int live_events;
static long long synchronizations;
static struct injection injections[MAX_INJECT];
static char launches[LAUNCH_LOG][LAUNCH_TEXT];
static long long launch_count;

static void load_environment(void) {
    const char *v = getenv("FAKE_CUDA_INIT_RESULT");
    init_result = v ? atoi(v) : CUDA_SUCCESS;
    v = getenv("FAKE_CUDA_ALLOC_LIMIT");
    alloc_limit = v ? strtoull(v, NULL, 10) : 0;
    v = getenv("FAKE_CUDA_INVALID_PTX_MARKER");
    snprintf(ptx_marker, sizeof ptx_marker, "%s", v ? v : "");
}

__attribute__((constructor)) static void fake_load(void) {
    load_environment();
}

/* An armed injection for this call: its result (consumed), else CUDA_SUCCESS. Caller holds the lock. */
static CUresult injected(const char *call) {
    for (int k = 0; k < MAX_INJECT; k++) {
        struct injection *in = &injections[k];
        if (in->call[0] != 0 && strcmp(in->call, call) == 0) {
            if (in->skip > 0) {
                in->skip--;
                return CUDA_SUCCESS;
            }
            CUresult r = in->result;
            in->call[0] = 0;
            return r;
        }
    }
    return CUDA_SUCCESS;
}

/* Initialised, no injected failure; with need_ctx, a current context on this thread. Caller holds the lock. */
static CUresult enter(const char *call, int need_ctx) {
    if (!initialized) {
        return CUDA_ERROR_NOT_INITIALIZED;
    }
    CUresult r = injected(call);
    if (r != CUDA_SUCCESS) {
        return r;
    }
    return need_ctx && current != &primary ? CUDA_ERROR_INVALID_CONTEXT : CUDA_SUCCESS;
}

#define BEGIN(call, need_ctx) \
    pthread_mutex_lock(&lock); \
    CUresult result_ = enter(call, need_ctx); \
    if (result_ != CUDA_SUCCESS) { pthread_mutex_unlock(&lock); return result_; }
#define RETURN(r) do { CUresult r_ = (r); pthread_mutex_unlock(&lock); return r_; } while (0)

/* The live allocation holding [p, p + bytes), or NULL. Caller holds the lock. */
static struct allocation *holding(CUdeviceptr p, size_t bytes) {
    for (struct allocation *a = allocations; a != NULL; a = a->next) {
        if (p >= a->base && p - a->base <= a->bytes && bytes <= a->bytes - (p - a->base)) {
            return a;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ errors, init, devices */

struct error_name { CUresult code; const char *name; };
static const struct error_name ERROR_NAMES[] = {
    {CUDA_SUCCESS, "CUDA_SUCCESS"},
    {CUDA_ERROR_INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE"},
    {CUDA_ERROR_OUT_OF_MEMORY, "CUDA_ERROR_OUT_OF_MEMORY"},
    {CUDA_ERROR_NOT_INITIALIZED, "CUDA_ERROR_NOT_INITIALIZED"},
    {CUDA_ERROR_NO_DEVICE, "CUDA_ERROR_NO_DEVICE"},
    {CUDA_ERROR_INVALID_DEVICE, "CUDA_ERROR_INVALID_DEVICE"},
    {CUDA_ERROR_INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE"},
    {CUDA_ERROR_INVALID_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT"},
    {CUDA_ERROR_INVALID_PTX, "CUDA_ERROR_INVALID_PTX"},
    {CUDA_ERROR_INVALID_HANDLE, "CUDA_ERROR_INVALID_HANDLE"},
    {CUDA_ERROR_NOT_FOUND, "CUDA_ERROR_NOT_FOUND"},
    {CUDA_ERROR_NOT_READY, "CUDA_ERROR_NOT_READY"},
    {CUDA_ERROR_ILLEGAL_ADDRESS, "CUDA_ERROR_ILLEGAL_ADDRESS"},
    {CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"},
    {CUDA_ERROR_LAUNCH_FAILED, "CUDA_ERROR_LAUNCH_FAILED"},
    {CUDA_ERROR_UNKNOWN, "CUDA_ERROR_UNKNOWN"},
};

/* Works before cuInit, as the real one does. */
EXPORT CUresult cuGetErrorName(CUresult error, const char **pStr) {
    if (pStr == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    for (size_t k = 0; k < sizeof ERROR_NAMES / sizeof ERROR_NAMES[0]; k++) {
        if (ERROR_NAMES[k].code == error) {
            *pStr = ERROR_NAMES[k].name;
            return CUDA_SUCCESS;
        }
    }
    *pStr = NULL;
    return CUDA_ERROR_INVALID_VALUE;
}

EXPORT CUresult cuInit(unsigned int flags) {
    pthread_mutex_lock(&lock);
    CUresult r = flags != 0 ? CUDA_ERROR_INVALID_VALUE : init_result;
    if (r == CUDA_SUCCESS) {
        initialized = 1;
    }
    RETURN(r);
}

EXPORT CUresult cuDriverGetVersion(int *version) {
    if (version == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    *version = FAKE_DRIVER_VERSION;   /* needs no cuInit, as documented */
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGetCount(int *count) {
    BEGIN("cuDeviceGetCount", 0);
    if (count == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    *count = 1;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuDeviceGet(CUdevice *device, int ordinal) {
    BEGIN("cuDeviceGet", 0);
    if (device == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (ordinal != 0) {
        RETURN(CUDA_ERROR_INVALID_DEVICE);
    }
    *device = 0;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuDeviceGetName(char *name, int len, CUdevice dev) {
    BEGIN("cuDeviceGetName", 0);
    if (name == NULL || len <= 0) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (dev != 0) {
        RETURN(CUDA_ERROR_INVALID_DEVICE);
    }
    snprintf(name, (size_t) len, "%s", FAKE_NAME);
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice dev) {
    BEGIN("cuDeviceTotalMem_v2", 0);
    if (bytes == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (dev != 0) {
        RETURN(CUDA_ERROR_INVALID_DEVICE);
    }
    *bytes = FAKE_TOTAL_MEM;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuDeviceGetAttribute(int *pi, int attrib, CUdevice dev) {
    BEGIN("cuDeviceGetAttribute", 0);
    if (pi == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (dev != 0) {
        RETURN(CUDA_ERROR_INVALID_DEVICE);
    }
    switch (attrib) {
        case 1: *pi = 1024; break;          /* MAX_THREADS_PER_BLOCK */
        case 16: *pi = FAKE_SMS; break;     /* MULTIPROCESSOR_COUNT */
        case 75: *pi = 9; break;            /* COMPUTE_CAPABILITY_MAJOR */
        case 76: *pi = 0; break;            /* COMPUTE_CAPABILITY_MINOR */
        default: RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    RETURN(CUDA_SUCCESS);
}

/* ------------------------------------------------------------------ contexts */

EXPORT CUresult cuDevicePrimaryCtxRetain(CUcontext *pctx, CUdevice dev) {
    BEGIN("cuDevicePrimaryCtxRetain", 0);
    if (pctx == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (dev != 0) {
        RETURN(CUDA_ERROR_INVALID_DEVICE);
    }
    ctx_retains++;
    *pctx = &primary;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) {
    BEGIN("cuDevicePrimaryCtxRelease_v2", 0);
    if (dev != 0) {
        RETURN(CUDA_ERROR_INVALID_DEVICE);
    }
    if (ctx_retains == 0) {
        RETURN(CUDA_ERROR_INVALID_CONTEXT);
    }
    ctx_retains--;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuCtxSetCurrent(CUcontext ctx) {
    BEGIN("cuCtxSetCurrent", 0);
    if (ctx != NULL && (ctx != &primary || ctx_retains == 0)) {
        RETURN(CUDA_ERROR_INVALID_CONTEXT);
    }
    current = ctx;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuCtxSynchronize(void) {
    BEGIN("cuCtxSynchronize", 1);
    synchronizations++;
    RETURN(CUDA_SUCCESS);
}

/* ------------------------------------------------------------------ memory */

EXPORT CUresult cuMemAlloc_v2(CUdeviceptr *dptr, size_t bytes) {
    BEGIN("cuMemAlloc_v2", 1);
    if (dptr == NULL || bytes == 0) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (alloc_limit != 0 && bytes > alloc_limit) {
        RETURN(CUDA_ERROR_OUT_OF_MEMORY);
    }
    struct allocation *a = malloc(sizeof *a);
    void *p = malloc(bytes);
    if (a == NULL || p == NULL) {
        free(a);
        free(p);
        RETURN(CUDA_ERROR_OUT_OF_MEMORY);
    }
    memset(p, 0xA5, bytes);   /* fresh device memory is not zeroed: a missing memset shows */
    a->base = (uintptr_t) p;
    a->bytes = bytes;
    a->next = allocations;
    allocations = a;
    live_allocations++;
    *dptr = (CUdeviceptr) a->base;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuMemFree_v2(CUdeviceptr dptr) {
    BEGIN("cuMemFree_v2", 1);
    for (struct allocation **at = &allocations; *at != NULL; at = &(*at)->next) {
        if ((*at)->base == dptr) {
            struct allocation *a = *at;
            *at = a->next;
            free((void *) a->base);
            free(a);
            live_allocations--;
            RETURN(CUDA_SUCCESS);
        }
    }
    RETURN(CUDA_ERROR_INVALID_VALUE);
}

EXPORT CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned int value, size_t count) {
    BEGIN("cuMemsetD32_v2", 1);
    if (dst % 4 != 0 || count > SIZE_MAX / 4 || holding(dst, count * 4) == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    uint32_t *p = (uint32_t *) (uintptr_t) dst;
    for (size_t k = 0; k < count; k++) {
        p[k] = value;
    }
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t bytes) {
    BEGIN("cuMemcpyHtoD_v2", 1);
    if (bytes == 0) {
        RETURN(CUDA_SUCCESS);
    }
    if (src == NULL || holding(dst, bytes) == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    memcpy((void *) (uintptr_t) dst, src, bytes);
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t bytes) {
    BEGIN("cuMemcpyDtoH_v2", 1);
    if (bytes == 0) {
        RETURN(CUDA_SUCCESS);
    }
    if (dst == NULL || holding(src, bytes) == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    memcpy(dst, (const void *) (uintptr_t) src, bytes);
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
    BEGIN("cuMemcpyDtoD_v2", 1);
    if (bytes == 0) {
        RETURN(CUDA_SUCCESS);
    }
    if (holding(dst, bytes) == NULL || holding(src, bytes) == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    memmove((void *) (uintptr_t) dst, (const void *) (uintptr_t) src, bytes);
    RETURN(CUDA_SUCCESS);
}

/* ------------------------------------------------------------------ modules and launches */

/* Size in bytes of a PTX parameter type such as "u64", "f32", "b8"; 0 when unknown. */
static int ptx_type_size(const char *type) {
    if ((type[0] == 'u' || type[0] == 's' || type[0] == 'f' || type[0] == 'b') && type[1] >= '0' && type[1] <= '9') {
        int bits = atoi(type + 1);
        return bits == 8 || bits == 16 || bits == 32 || bits == 64 ? bits / 8 : 0;
    }
    return 0;
}

/* The ')' closing the parameter list that opens at `open`, skipping // comments (which hold parentheses). */
static const char *closing(const char *open) {
    for (const char *p = open + 1; *p != 0; p++) {
        if (p[0] == '/' && p[1] == '/') {
            p += strcspn(p, "\n");
            if (*p == 0) {
                return NULL;
            }
        } else if (*p == ')') {
            return p;
        }
    }
    return NULL;
}

/* Reads the `.entry NAME(.param .T a, ...)` signatures of a PTX text; -1 on a malformed signature. */
static int parse_entries(struct fake_module *m) {
    const char *at = m->ptx;
    while ((at = strstr(at, ".entry ")) != NULL) {
        if (m->nentries == MAX_ENTRIES) {
            return -1;
        }
        struct fake_function *f = &m->entries[m->nentries++];
        f->module = m;
        at += strlen(".entry ");
        size_t n = strcspn(at, " \t\n(");
        if (n == 0 || n >= sizeof f->name) {
            return -1;
        }
        memcpy(f->name, at, n);
        f->name[n] = 0;
        const char *open = strchr(at, '(');
        const char *close = open ? closing(open) : NULL;
        if (close == NULL) {
            return -1;
        }
        for (const char *p = open; (p = strstr(p, ".param .")) != NULL && p < close; ) {
            const char *line = p;
            while (line > open && line[-1] != '\n') {
                line--;
            }
            if (strstr(line, "//") != NULL && strstr(line, "//") < p) {   /* in a comment */
                p += strlen(".param .");
                continue;
            }
            p += strlen(".param .");
            if (f->nparams == MAX_PARAMS) {
                return -1;
            }
            size_t t = strcspn(p, " \t\n");
            if (t == 0 || t >= sizeof f->types[0]) {
                return -1;
            }
            memcpy(f->types[f->nparams], p, t);
            f->types[f->nparams][t] = 0;
            f->sizes[f->nparams] = ptx_type_size(f->types[f->nparams]);
            if (f->sizes[f->nparams] == 0) {
                return -1;
            }
            f->nparams++;
        }
        at = close;
    }
    return m->nentries == 0 ? -1 : 0;
}

EXPORT CUresult cuModuleLoadDataEx(CUmodule *module, const void *image, unsigned int numOptions, int *options,
                                   void **optionValues) {
    BEGIN("cuModuleLoadDataEx", 1);
    if (module == NULL || image == NULL || (numOptions > 0 && (options == NULL || optionValues == NULL))) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    char *error_log = NULL, *info_log = NULL;
    size_t error_size = 0, info_size = 0;
    int error_size_at = -1, info_size_at = -1;
    for (unsigned int k = 0; k < numOptions; k++) {
        switch (options[k]) {
            case CU_JIT_INFO_LOG_BUFFER: info_log = optionValues[k]; break;
            case CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES: info_size = (size_t) (uintptr_t) optionValues[k]; info_size_at = (int) k; break;
            case CU_JIT_ERROR_LOG_BUFFER: error_log = optionValues[k]; break;
            case CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES: error_size = (size_t) (uintptr_t) optionValues[k]; error_size_at = (int) k; break;
            default: RETURN(CUDA_ERROR_INVALID_VALUE);
        }
    }
    const char *ptx = image;
    /* The size options are IN (the buffer's size) and OUT (the bytes written, terminator included). */
    if (info_log != NULL && info_size > 0) {
        int w = snprintf(info_log, info_size, "info    : fake JIT: nothing compiled");
        if (info_size_at >= 0) {
            optionValues[info_size_at] = (void *) (uintptr_t) ((size_t) w + 1 < info_size ? (size_t) w + 1 : info_size);
        }
    }
    if (ptx_marker[0] != 0 && strstr(ptx, ptx_marker) != NULL) {
        if (error_log != NULL && error_size > 0) {
            int w = snprintf(error_log, error_size, "ptxas application ptx input, line 1; fatal   : "
                             "fake JIT rejects PTX containing '%s'", ptx_marker);
            if (error_size_at >= 0) {
                optionValues[error_size_at] = (void *) (uintptr_t) ((size_t) w + 1 < error_size ? (size_t) w + 1 : error_size);
            }
        }
        RETURN(CUDA_ERROR_INVALID_PTX);
    }
    int slot = -1;
    for (int k = 0; k < MAX_MODULES && slot < 0; k++) {
        if (modules[k] == NULL) {
            slot = k;
        }
    }
    struct fake_module *m = slot < 0 ? NULL : calloc(1, sizeof *m);
    if (m == NULL || (m->ptx = strdup(ptx)) == NULL) {
        free(m);
        RETURN(CUDA_ERROR_OUT_OF_MEMORY);
    }
    if (parse_entries(m) != 0) {
        if (error_log != NULL && error_size > 0) {
            snprintf(error_log, error_size, "fake JIT: no well-formed .entry in the image");
        }
        free(m->ptx);
        free(m);
        RETURN(CUDA_ERROR_INVALID_IMAGE);
    }
    m->live = 1;
    modules[slot] = m;
    last_module = m;
    snprintf(last_ptx, sizeof last_ptx, "%s", ptx);
    *module = m;
    RETURN(CUDA_SUCCESS);
}

/* Whether m is a loaded module. Caller holds the lock. */
static int loaded(CUmodule m) {
    for (int k = 0; k < MAX_MODULES; k++) {
        if (m != NULL && modules[k] == m) {
            return 1;
        }
    }
    return 0;
}

/* Whether f is an entry of a loaded module (checked by address: an unloaded module's functions are gone). */
static int function_of_loaded_module(CUfunction f) {
    for (int k = 0; k < MAX_MODULES; k++) {
        struct fake_module *m = modules[k];
        if (m != NULL && f >= m->entries && f < m->entries + m->nentries) {
            return 1;
        }
    }
    return 0;
}

EXPORT CUresult cuModuleGetFunction(CUfunction *hfunc, CUmodule hmod, const char *name) {
    BEGIN("cuModuleGetFunction", 1);
    if (hfunc == NULL || name == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (!loaded(hmod)) {
        RETURN(CUDA_ERROR_INVALID_HANDLE);
    }
    for (int k = 0; k < hmod->nentries; k++) {
        if (strcmp(hmod->entries[k].name, name) == 0) {
            *hfunc = &hmod->entries[k];
            RETURN(CUDA_SUCCESS);
        }
    }
    RETURN(CUDA_ERROR_NOT_FOUND);
}

EXPORT CUresult cuModuleUnload(CUmodule hmod) {
    BEGIN("cuModuleUnload", 1);
    for (int k = 0; k < MAX_MODULES; k++) {
        if (hmod != NULL && modules[k] == hmod) {
            modules[k] = NULL;
            if (last_module == hmod) {
                last_module = NULL;
            }
            free(hmod->ptx);
            free(hmod);
            RETURN(CUDA_SUCCESS);
        }
    }
    RETURN(CUDA_ERROR_INVALID_HANDLE);
}

/* Appends printf output to a bounded buffer. */
static void append(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t cap, const char *fmt, ...) {
    size_t used = strlen(buf);
    if (used + 1 >= cap) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, cap - used, fmt, ap);
    va_end(ap);
}

EXPORT CUresult cuLaunchKernel(CUfunction f, unsigned int gridX, unsigned int gridY, unsigned int gridZ,
                               unsigned int blockX, unsigned int blockY, unsigned int blockZ,
                               unsigned int sharedMemBytes, CUstream stream, void **kernelParams, void **extra) {
    BEGIN("cuLaunchKernel", 1);
    if (!function_of_loaded_module(f)) {
        RETURN(CUDA_ERROR_INVALID_HANDLE);
    }
    if (gridX == 0 || gridY == 0 || gridZ == 0 || blockX == 0 || blockY == 0 || blockZ == 0
        || (unsigned long long) blockX * blockY * blockZ > 1024
        || (kernelParams != NULL && extra != NULL) || (kernelParams == NULL && f->nparams > 0)) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    char *line = launches[launch_count % LAUNCH_LOG];
    line[0] = 0;
    append(line, LAUNCH_TEXT, "%s grid=%u,%u,%u block=%u,%u,%u shared=%u stream=%llu params=", f->name, gridX, gridY,
           gridZ, blockX, blockY, blockZ, sharedMemBytes, (unsigned long long) (uintptr_t) stream);
    for (int k = 0; k < f->nparams; k++) {
        const void *p = kernelParams[k];
        if (p == NULL) {
            RETURN(CUDA_ERROR_INVALID_VALUE);
        }
        const char *t = f->types[k];
        append(line, LAUNCH_TEXT, "%s%s:", k == 0 ? "" : ",", t);
        if (strcmp(t, "f32") == 0) {
            float v;
            memcpy(&v, p, 4);
            append(line, LAUNCH_TEXT, "%.9g", (double) v);
        } else if (strcmp(t, "f64") == 0) {
            double v;
            memcpy(&v, p, 8);
            append(line, LAUNCH_TEXT, "%.17g", v);
        } else if (t[0] == 's' && f->sizes[k] == 4) {
            int32_t v;
            memcpy(&v, p, 4);
            append(line, LAUNCH_TEXT, "%d", v);
        } else if (t[0] == 's' && f->sizes[k] == 8) {
            int64_t v;
            memcpy(&v, p, 8);
            append(line, LAUNCH_TEXT, "%lld", (long long) v);
        } else {
            uint64_t v = 0;
            memcpy(&v, p, (size_t) f->sizes[k]);   /* little-endian hosts */
            append(line, LAUNCH_TEXT, "%llu", (unsigned long long) v);
        }
    }
    launch_count++;
    RETURN(CUDA_SUCCESS);
}

/* ------------------------------------------------------------------ events and streams */

EXPORT CUresult cuEventCreate(CUevent *phEvent, unsigned int flags) {
    BEGIN("cuEventCreate", 1);
    (void) flags;
    if (phEvent == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    CUevent e = calloc(1, sizeof *e);
    if (e == NULL) {
        RETURN(CUDA_ERROR_OUT_OF_MEMORY);
    }
    live_events++;
    *phEvent = e;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuEventRecord(CUevent hEvent, CUstream hStream) {
    BEGIN("cuEventRecord", 1);
    (void) hStream;
    if (hEvent == NULL) {
        RETURN(CUDA_ERROR_INVALID_HANDLE);
    }
    clock_gettime(CLOCK_MONOTONIC, &hEvent->at);
    hEvent->recorded = 1;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuEventSynchronize(CUevent hEvent) {
    BEGIN("cuEventSynchronize", 1);
    RETURN(hEvent == NULL ? CUDA_ERROR_INVALID_HANDLE : CUDA_SUCCESS);
}

EXPORT CUresult cuEventElapsedTime(float *pMilliseconds, CUevent hStart, CUevent hEnd) {
    BEGIN("cuEventElapsedTime", 1);
    if (pMilliseconds == NULL) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    if (hStart == NULL || hEnd == NULL || !hStart->recorded || !hEnd->recorded) {
        RETURN(CUDA_ERROR_INVALID_HANDLE);
    }
    double ns = (double) (hEnd->at.tv_sec - hStart->at.tv_sec) * 1e9 + (double) (hEnd->at.tv_nsec - hStart->at.tv_nsec);
    *pMilliseconds = (float) (ns / 1e6);
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuEventDestroy_v2(CUevent hEvent) {
    BEGIN("cuEventDestroy_v2", 1);
    if (hEvent == NULL) {
        RETURN(CUDA_ERROR_INVALID_HANDLE);
    }
    free(hEvent);
    live_events--;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuStreamCreate(CUstream *phStream, unsigned int flags) {
    BEGIN("cuStreamCreate", 1);
    if (phStream == NULL || flags > 1) {
        RETURN(CUDA_ERROR_INVALID_VALUE);
    }
    CUstream s = calloc(1, sizeof *s);
    if (s == NULL) {
        RETURN(CUDA_ERROR_OUT_OF_MEMORY);
    }
    live_streams++;
    *phStream = s;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuStreamSynchronize(CUstream hStream) {
    BEGIN("cuStreamSynchronize", 1);
    (void) hStream;
    synchronizations++;
    RETURN(CUDA_SUCCESS);
}

EXPORT CUresult cuStreamDestroy_v2(CUstream hStream) {
    BEGIN("cuStreamDestroy_v2", 1);
    if (hStream == NULL) {
        RETURN(CUDA_ERROR_INVALID_HANDLE);
    }
    free(hStream);
    live_streams--;
    RETURN(CUDA_SUCCESS);
}

/* ------------------------------------------------------------------ test controls */

/* Disarms every injection, clears the launch log and reloads the FAKE_CUDA_* environment; memory, modules
 * and contexts stay as they are. */
EXPORT void fake_reset(void) {
    pthread_mutex_lock(&lock);
    memset(injections, 0, sizeof injections);
    launch_count = 0;
    load_environment();
    pthread_mutex_unlock(&lock);
}

EXPORT void fake_set_init_result(int result) {
    pthread_mutex_lock(&lock);
    init_result = result;
    pthread_mutex_unlock(&lock);
}

EXPORT void fake_set_alloc_limit(unsigned long long bytes) {
    pthread_mutex_lock(&lock);
    alloc_limit = bytes;
    pthread_mutex_unlock(&lock);
}

EXPORT void fake_set_invalid_ptx_marker(const char *marker) {
    pthread_mutex_lock(&lock);
    snprintf(ptx_marker, sizeof ptx_marker, "%s", marker ? marker : "");
    pthread_mutex_unlock(&lock);
}

/* The next call of `call` after `skip` successful ones returns `result`, once. 0 when armed, -1 when full. */
EXPORT int fake_fail_call(const char *call, int skip, int result) {
    pthread_mutex_lock(&lock);
    for (int k = 0; k < MAX_INJECT; k++) {
        if (injections[k].call[0] == 0) {
            snprintf(injections[k].call, sizeof injections[k].call, "%s", call);
            injections[k].skip = skip;
            injections[k].result = result;
            pthread_mutex_unlock(&lock);
            return 0;
        }
    }
    pthread_mutex_unlock(&lock);
    return -1;
}

EXPORT long long fake_live_allocations(void) {
    pthread_mutex_lock(&lock);
    long long n = live_allocations;
    pthread_mutex_unlock(&lock);
    return n;
}

EXPORT int fake_live_events(void) {
    pthread_mutex_lock(&lock);
    int n = live_events;
    pthread_mutex_unlock(&lock);
    return n;
}

EXPORT int fake_live_streams(void) {
    pthread_mutex_lock(&lock);
    int n = live_streams;
    pthread_mutex_unlock(&lock);
    return n;
}

EXPORT int fake_live_modules(void) {
    pthread_mutex_lock(&lock);
    int n = 0;
    for (int k = 0; k < MAX_MODULES; k++) {
        n += modules[k] != NULL;
    }
    pthread_mutex_unlock(&lock);
    return n;
}

EXPORT int fake_primary_ctx_retains(void) {
    pthread_mutex_lock(&lock);
    int n = ctx_retains;
    pthread_mutex_unlock(&lock);
    return n;
}

EXPORT long long fake_synchronizations(void) {
    pthread_mutex_lock(&lock);
    long long n = synchronizations;
    pthread_mutex_unlock(&lock);
    return n;
}

EXPORT long long fake_launch_count(void) {
    pthread_mutex_lock(&lock);
    long long n = launch_count;
    pthread_mutex_unlock(&lock);
    return n;
}

/* Copies launch `index` (0 = the first since fake_reset; only the last 64 are kept) into buf; its length,
 * or -1 when there is no such launch. */
EXPORT int fake_launch(long long index, char *buf, int len) {
    pthread_mutex_lock(&lock);
    int n = -1;
    if (index >= 0 && index < launch_count && index >= launch_count - LAUNCH_LOG && buf != NULL && len > 0) {
        n = snprintf(buf, (size_t) len, "%s", launches[index % LAUNCH_LOG]);
    }
    pthread_mutex_unlock(&lock);
    return n;
}

EXPORT int fake_last_launch(char *buf, int len) {
    return fake_launch(fake_launch_count() - 1, buf, len);
}

/* Copies the PTX of the last module loaded into buf; its length, or -1 when none is loaded. */
EXPORT int fake_last_module(char *buf, int len) {
    pthread_mutex_lock(&lock);
    int n = last_module == NULL || buf == NULL || len <= 0 ? -1 : snprintf(buf, (size_t) len, "%s", last_ptx);
    pthread_mutex_unlock(&lock);
    return n;
}
