/* The least work of counting an index's words, for scale (Benchmarks/RESULTS.md, session 49): reads an HTML file,
 * skips its tags, and counts its words (ASCII letters and digits, lowercased, hashed a byte at a time) in an
 * open-addressing table emptied every 800 words, as an article's counter is. No stemming, no entities, no records.
 *
 *     cmark /var/tmp/sitegen-bench/corpus-10000/sitegen-bodies.md > /tmp/bodies.html
 *     gcc -O2 -o /tmp/search-floor Benchmarks/search-floor.c && /tmp/search-floor /tmp/bodies.html
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct slot { uint64_t hash, count; int32_t number; };

static int is_word_byte(unsigned char byte) {
    unsigned char lower = byte | 0x20;
    return (lower >= 'a' && lower <= 'z') || (byte >= '0' && byte <= '9');
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: search-floor FILE.html\n"); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = malloc(size + 1);
    if (!bytes || fread(bytes, 1, size, file) != (size_t)size) { fprintf(stderr, "cannot read %s\n", argv[1]); return 1; }
    enum { places = 2048 };
    static struct slot table[places];
    long words = 0, inArticle = 0, distinct = 0, distinctTotal = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < size;) {
        if (bytes[i] == '<') {
            unsigned char *close = memchr(bytes + i, '>', size - i);
            i = close ? close - bytes + 1 : size;
            continue;
        }
        if (!is_word_byte(bytes[i])) { i++; continue; }
        uint64_t hash = 0x9E3779B97F4A7C15ULL;
        while (i < size && is_word_byte(bytes[i])) hash = (hash ^ (bytes[i++] | 0x20)) * 0x100000001B3ULL;
        hash ^= hash >> 29;
        words++;
        int place = (int)(hash >> 40) & (places - 1);
        while (table[place].number && table[place].hash != hash) place = (place + 1) & (places - 1);
        if (table[place].number) {
            table[place].count++;
        } else {
            table[place] = (struct slot){hash, 1, (int32_t)++distinct};
        }
        if (++inArticle == 800) {
            memset(table, 0, sizeof table);
            distinctTotal += distinct;
            inArticle = distinct = 0;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%ld bytes, %ld words (%ld distinct by article): %.3f s\n", size, words, distinctTotal + distinct,
           (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
