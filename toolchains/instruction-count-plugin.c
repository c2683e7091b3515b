// SPDX-License-Identifier: GPL-2.0-or-later
// (QEMU's plugin API is GPL-2.0-or-later and QEMU expects its plugins to be under a compatible
// licence. This is a development tool: no binary we ship contains it.)
//
// A QEMU TCG plugin that counts the guest instructions a router binary executes, block by block,
// so that a router's cost a packet is counted in its own instruction set (aarch64, armv7, with
// their NEON lanes), not estimated from x86-64's (issue 14). Like callgrind's counts, these do
// not depend on the machine's load.
//
// Every translated block gets an entry (its address, its instruction count) and an inline
// counter QEMU adds 1 to each time the block runs: no call out of the generated code. At exit
// the entries go to the file named by the `out` argument, one line per entry: address in hex,
// instructions, executions; toolchains/count.sh sums them and names the functions. A block
// translated twice has two entries; they are summed by address there.
//
// Built against the qemu-plugin.h of the installed QEMU's own source (toolchains/count.sh).
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct {
    uint64_t address;
    uint64_t instructions;
    uint64_t executions;
} Block;

// Blocks in chunks that never move once allocated: QEMU holds pointers to their counters.
enum { chunk_blocks = 4096 };
typedef struct Chunk {
    struct Chunk *next;
    size_t used;
    Block blocks[chunk_blocks];
} Chunk;

static Chunk *chunks;
static char *out_path;

static Block *new_block(void) {
    if (chunks == NULL || chunks->used == chunk_blocks) {
        Chunk *chunk = calloc(1, sizeof *chunk);
        if (chunk == NULL) {
            fprintf(stderr, "instruction-count: out of memory\n");
            abort();
        }
        chunk->next = chunks;
        chunks = chunk;
    }
    return &chunks->blocks[chunks->used++];
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
    (void)id;
    Block *block = new_block();
    block->address = qemu_plugin_tb_vaddr(tb);
    block->instructions = qemu_plugin_tb_n_insns(tb);
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &block->executions, 1);
}

static void finished(qemu_plugin_id_t id, void *data) {
    (void)id;
    (void)data;
    FILE *file = fopen(out_path, "w");
    if (file == NULL) {
        fprintf(stderr, "instruction-count: cannot write '%s'\n", out_path);
        return;
    }
    for (Chunk *chunk = chunks; chunk != NULL; chunk = chunk->next) {
        for (size_t index = 0; index < chunk->used; index++) {
            const Block *block = &chunk->blocks[index];
            if (block->executions == 0) continue;
            fprintf(file, "%" PRIx64 " %" PRIu64 " %" PRIu64 "\n", block->address, block->instructions,
                    block->executions);
        }
    }
    fclose(file);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv) {
    (void)info;
    for (int index = 0; index < argc; index++) {
        if (strncmp(argv[index], "out=", 4) == 0) out_path = strdup(argv[index] + 4);
    }
    if (out_path == NULL) {
        fprintf(stderr, "instruction-count: needs out=FILE\n");
        return -1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
    qemu_plugin_register_atexit_cb(id, finished, NULL);
    return 0;
}
