import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WASM_BASE64 } from './keyword-automaton.wasm.js';

type Assembler = { assembleWat(name: string, source: string): Promise<Buffer> };

describe('keyword automaton WebAssembly', () => {
  it('is the assembly of the committed .wat source (run `npm run build:wasm` after editing it)', async () => {
    const scriptPath = new URL('../../../scripts/wasm-assemble.mjs', import.meta.url).href;
    const { assembleWat } = (await import(scriptPath)) as Assembler;
    const source = readFileSync(new URL('./keyword-automaton.wat', import.meta.url), 'utf8');
    const binary = await assembleWat('keyword-automaton.wat', source);
    expect(binary.toString('base64')).toBe(WASM_BASE64);
  });
});
