#include <stdlib.h>
#include <string.h>
#include <cmark.h>

/* An arena for cmark's memory, one per thread: a document is parsed, edited and rendered in it, and all of that
 * memory is given back at once (sitegen_arena_release), instead of one malloc and one free for every node, string and
 * buffer. Allocations are taken from chunks one after the other, each after a header that holds its size (for
 * realloc); free gives back only the latest allocation (cmark's short-lived buffers) and otherwise does nothing.
 * Marks nest: a document rendered while another is open is released before it. The chunks stay with the thread for
 * its next document; release to the outermost mark keeps four of the usual size. */

typedef struct sitegen_arena_chunk {
    struct sitegen_arena_chunk *next;
    size_t capacity;
    size_t used;
    size_t padding; /* the bytes start 16-byte aligned */
    unsigned char bytes[];
} sitegen_arena_chunk;

/* Where the arena stood: the chunk in use (NULL before any) and how much of it was used. */
typedef struct {
    sitegen_arena_chunk *chunk;
    size_t used;
} sitegen_arena_mark_t;

typedef struct {
    sitegen_arena_chunk *first;
    sitegen_arena_chunk *current;
    /* How many chunks this thread has made so far (for tests: a document's memory is given back and used again). */
    size_t chunks_made;
} sitegen_arena_t;

/* Each thread's arena. The state is defined weak and not static: Swift may compile the functions below into more
 * than one object file of a module, each with its own copy of them, and a static would give each copy an arena of
 * its own (nodes made in one, released in another); weak definitions are one in the linked program. */
__attribute__((weak)) _Thread_local sitegen_arena_t sitegen_arena_state = {NULL, NULL, 0};

static inline sitegen_arena_t *sitegen_arena(void) {
    return &sitegen_arena_state;
}

enum { SITEGEN_ARENA_HEADER = 16, SITEGEN_ARENA_CHUNK = 256 * 1024, SITEGEN_ARENA_KEPT = 4 };

static inline size_t sitegen_arena_footprint(size_t size) {
    return (size + SITEGEN_ARENA_HEADER + 15) & ~(size_t)15;
}

static inline void *sitegen_arena_allocate(size_t size) {
    if (size > ((size_t)-1) / 2) abort();
    sitegen_arena_t *arena = sitegen_arena();
    size_t needed = sitegen_arena_footprint(size);
    sitegen_arena_chunk *chunk = arena->current;
    if (chunk == NULL && arena->first != NULL) {
        chunk = arena->first;
        chunk->used = 0;
    }
    while (chunk == NULL || chunk->capacity - chunk->used < needed) {
        if (chunk != NULL && chunk->next != NULL) {
            /* The chunks after the one in use hold nothing live: the next is taken from its start. */
            chunk = chunk->next;
            chunk->used = 0;
            continue;
        }
        size_t capacity = needed > SITEGEN_ARENA_CHUNK ? needed : SITEGEN_ARENA_CHUNK;
        sitegen_arena_chunk *fresh = (sitegen_arena_chunk *)malloc(sizeof(sitegen_arena_chunk) + capacity);
        if (fresh == NULL) abort();
        fresh->next = NULL;
        fresh->capacity = capacity;
        fresh->used = 0;
        arena->chunks_made += 1;
        if (chunk != NULL) chunk->next = fresh; else arena->first = fresh;
        chunk = fresh;
    }
    arena->current = chunk;
    unsigned char *block = chunk->bytes + chunk->used;
    chunk->used += needed;
    *(size_t *)block = size;
    return block + SITEGEN_ARENA_HEADER;
}

/* Whether pointer is the latest allocation of the chunk in use. */
static inline int sitegen_arena_is_latest(void *pointer) {
    sitegen_arena_chunk *chunk = sitegen_arena()->current;
    if (chunk == NULL) return 0;
    unsigned char *block = (unsigned char *)pointer - SITEGEN_ARENA_HEADER;
    return block >= chunk->bytes && block + sitegen_arena_footprint(*(size_t *)block) == chunk->bytes + chunk->used;
}

static inline void *sitegen_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > ((size_t)-1) / 2 / size) abort();
    void *pointer = sitegen_arena_allocate(count * size);
    memset(pointer, 0, count * size);
    return pointer;
}

static inline void *sitegen_arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return sitegen_arena_allocate(size);
    size_t *header = (size_t *)((unsigned char *)pointer - SITEGEN_ARENA_HEADER);
    size_t old = *header;
    if (sitegen_arena_is_latest(pointer)) {
        /* The latest allocation grows or shrinks where it is when its chunk has room. */
        sitegen_arena_chunk *chunk = sitegen_arena()->current;
        size_t start = (size_t)((unsigned char *)header - chunk->bytes);
        if (size <= ((size_t)-1) / 2 && chunk->capacity - start >= sitegen_arena_footprint(size)) {
            chunk->used = start + sitegen_arena_footprint(size);
            *header = size;
            return pointer;
        }
    }
    void *moved = sitegen_arena_allocate(size);
    memcpy(moved, pointer, old < size ? old : size);
    return moved;
}

static inline void sitegen_arena_free(void *pointer) {
    if (pointer != NULL && sitegen_arena_is_latest(pointer)) {
        sitegen_arena_chunk *chunk = sitegen_arena()->current;
        chunk->used = (size_t)((unsigned char *)pointer - SITEGEN_ARENA_HEADER - chunk->bytes);
    }
}

/* The allocator to hand cmark (cmark_parser_new_with_mem, cmark_node_new_with_mem). */
__attribute__((weak)) cmark_mem sitegen_arena_allocator = {sitegen_arena_calloc, sitegen_arena_realloc, sitegen_arena_free};

static inline cmark_mem *sitegen_arena_mem(void) {
    return &sitegen_arena_allocator;
}

static inline sitegen_arena_mark_t sitegen_arena_mark(void) {
    sitegen_arena_chunk *chunk = sitegen_arena()->current;
    sitegen_arena_mark_t mark = {chunk, chunk != NULL ? chunk->used : 0};
    return mark;
}

/* Gives back everything allocated since the mark. */
static inline void sitegen_arena_release(sitegen_arena_mark_t mark) {
    sitegen_arena_t *arena = sitegen_arena();
    arena->current = mark.chunk;
    if (mark.chunk != NULL) {
        mark.chunk->used = mark.used;
        return;
    }
    /* The outermost mark: keep a few chunks of the usual size for the next document; free the rest, and any larger
     * one a long document needed. */
    sitegen_arena_chunk **link = &arena->first;
    int kept = 0;
    while (*link != NULL) {
        sitegen_arena_chunk *chunk = *link;
        if (kept < SITEGEN_ARENA_KEPT && chunk->capacity == SITEGEN_ARENA_CHUNK) {
            kept += 1;
            link = &chunk->next;
        } else {
            *link = chunk->next;
            free(chunk);
        }
    }
}

static inline size_t sitegen_arena_chunks_made(void) {
    return sitegen_arena()->chunks_made;
}
