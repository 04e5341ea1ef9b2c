import Database from 'better-sqlite3';
import { inflateRawSync } from 'node:zlib';
import { inflateSync } from 'fflate';
import { unpackBody } from '/work/main/src/vulndb/codec.ts';
import * as codec from '/work/main/src/vulndb/codec.ts';
const db = new Database('/tmp/t1.db', { readonly: true });
const rows = db.prepare("SELECT a.body FROM affected_packages p JOIN advisories a ON a.id = p.advisory_id WHERE p.name = 'tensorflow'").all() as { body: Buffer }[];
const dict = (codec as any).__dictionary as Buffer;
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let i = 0; i < 20; i++) for (const r of rows) inflateRawSync(r.body, { dictionary: dict });
  const z = (performance.now() - t) / 20;
  t = performance.now();
  for (let i = 0; i < 20; i++) for (const r of rows) inflateSync(r.body, { dictionary: dict });
  const f = (performance.now() - t) / 20;
  t = performance.now();
  const texts = rows.map(r => inflateRawSync(r.body, { dictionary: dict }).toString());
  for (let i = 0; i < 20; i++) for (const s of texts) JSON.parse(s);
  const j = (performance.now() - t) / 20;
  console.log('zlib', z.toFixed(2), 'fflate', f.toFixed(2), 'json', j.toFixed(2), 'avg size', texts.reduce((n, s) => n + s.length, 0) / texts.length);
}
