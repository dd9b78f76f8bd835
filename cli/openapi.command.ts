import fs from 'node:fs';
import { generateOpenApi } from '../server/openapi-document.ts';
import type { Command } from './command.ts';

export const openapiCommand: Command = {
  name: 'openapi',
  summary: 'Print the OpenAPI document generated from the route schemas (or write it with --out).',
  usage: 'pocdir openapi [--out FILE]',
  options: {
    out: { type: 'string', description: 'Write to this file instead of standard output' },
  } as Command['options'],
  async run(args, io) {
    const text = await generateOpenApi();
    const out = args.values.out;
    if (typeof out === 'string') {
      fs.writeFileSync(out, text);
      io.out(`Wrote ${out}`);
    } else {
      io.out(text);
    }
    return 0;
  },
};
