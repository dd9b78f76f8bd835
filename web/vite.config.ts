import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const WEB_ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.join(WEB_ROOT, '..');
const OUT_DIR = path.join(WEB_ROOT, 'dist');
const COMPRESSIBLE = /\.(js|css|html|json|svg)$/;

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/**
 * Writes .gz and .br siblings next to every text asset over 1 KB, so the server sends precompressed
 * files (@fastify/static preCompressed) instead of compressing on each request.
 */
function precompress(): Plugin {
  return {
    name: 'pocdir-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of listFiles(OUT_DIR)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = fs.readFileSync(file);
        if (content.length <= 1024) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(content, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
      }
    },
  };
}

export default defineConfig({
  root: WEB_ROOT,
  base: '/',
  plugins: [react(), precompress()],
  json: { stringify: true },
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    fs: { allow: [REPO_ROOT] },
    // `npm run dev:web` next to `pocdir serve` on its default port.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
