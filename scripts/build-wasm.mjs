// Assembles src/secrets/wasm/*.wat into TypeScript modules holding the binary (base64), so the build and
// the bundle need no loader for .wasm files and users need no assembler. Run after editing a .wat file:
// `npm run build:wasm`. A test checks that the committed modules match their sources.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleWat, wasmModuleSource } from './wasm-assemble.mjs';

const folder = 'src/secrets/wasm';
for (const name of readdirSync(folder).filter((file) => file.endsWith('.wat'))) {
  const source = readFileSync(join(folder, name), 'utf8');
  const binary = await assembleWat(name, source);
  const target = join(folder, name.replace(/\.wat$/, '.wasm.ts'));
  writeFileSync(target, wasmModuleSource(name, binary));
  console.log(`${target}: ${binary.length} bytes of WebAssembly`);
}
