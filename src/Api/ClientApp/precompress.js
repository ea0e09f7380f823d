import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const compressible = /\.(html|js|mjs|css|svg|json|txt|map)$/i;

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy next to every text file of the build, compressed
 * once at the highest levels, so the server only picks the copy the browser accepts.
 */
export function precompress({ minBytes = 512 } = {}) {
  let outDir = 'dist';
  return {
    name: 'contact-center-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const writes = [];
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!compressible.test(fileName)) continue;
        const source = output.type === 'chunk' ? output.code : output.source;
        const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
        if (bytes.length < minBytes) continue;
        const path = join(outDir, fileName);
        writes.push(writeFile(path + '.br', brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        })));
        writes.push(writeFile(path + '.gz', gzipSync(bytes, { level: 9 })));
      }
      await Promise.all(writes);
    },
  };
}
