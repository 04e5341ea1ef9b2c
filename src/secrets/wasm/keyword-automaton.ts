import { WASM_BASE64 } from './keyword-automaton.wasm.js';

/**
 * Runs a keyword automaton (built by KeywordIndex) over input in WebAssembly: see keyword-automaton.wat.
 *
 * Input is copied into the module's memory one window at a time, so memory stays small whatever the
 * input size. Each window is walked as four lanes (its quarters); lane k > 0 starts `maxKeywordLength - 1`
 * bytes before its quarter to warm up, and its records ending before the quarter are dropped, so a
 * keyword across a boundary is reported once. The last lane's state carries into the next window.
 */
const WINDOW = 256 * 1024;
/** Newlines are counted per block of this many bytes (the .wat's block size). */
export const NEWLINE_BLOCK = 1024;
const LANES = 4;
const HEADER_ROWS = 0;
const HEADER_CURSORS = 16;
const CLASSES = 64;
const TABLE = 1024;
const PAGE = 64 * 1024;

// Node provides WebAssembly; TypeScript declares it only in the DOM library, which this project leaves out.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module);
    readonly exports: unknown;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}

interface Exports {
  memory: WebAssembly.Memory;
  walk4(p0: number, p1: number, p2: number, p3: number, n: number, delta: number, cls: number): void;
  walk1(lane: number, p: number, n: number, delta: number, cls: number): void;
  newlineCounts(p: number, n: number, out: number): void;
}

let compiled: WebAssembly.Module | undefined;

/** What the last window produced. */
export interface WindowOutput {
  /** (end offset in the input, row byte offset of the state that ended there) pairs, in offset order. */
  records: Int32Array;
  recordCount: number;
  /** Newlines in each NEWLINE_BLOCK of the window: `newlineCounts[0 .. blockCount)`. */
  newlineCounts: Int32Array;
  blockCount: number;
}

export class KeywordAutomaton {
  private readonly exports: Exports;
  /** Warm-up of lanes 1-3: the bytes a keyword ending in their quarter may start before it. */
  private readonly warmUp: number;
  /** Where a window's first byte is placed; its warm-up prefix sits just before. */
  private readonly windowBase: number;
  private readonly laneAreas: number[];
  private readonly newlineArea: number;
  private readonly memoryBytes: Uint8Array;
  private readonly memoryWords: Int32Array;
  readonly output: WindowOutput;

  /**
   * @param classOf byte -> class
   * @param rows transition table: entry (state, class) at `state * alphabetSize + class`, holding the
   *   byte offset of the next state's row (`next * alphabetSize * 4`), bitwise negated when that state
   *   ends a keyword.
   */
  constructor(classOf: Uint8Array, rows: Int32Array, maxKeywordLength: number) {
    compiled ??= new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'));
    this.exports = new WebAssembly.Instance(compiled).exports as unknown as Exports;
    this.warmUp = Math.max(0, maxKeywordLength - 1);
    this.windowBase = align(TABLE + rows.length * 4 + this.warmUp, 16);
    const laneBytes = (WINDOW / LANES + this.warmUp + LANES) * 8;
    const lanesStart = this.windowBase + WINDOW;
    this.laneAreas = Array.from({ length: LANES }, (_, lane) => lanesStart + lane * laneBytes);
    this.newlineArea = lanesStart + LANES * laneBytes;
    const needed = this.newlineArea + (WINDOW / NEWLINE_BLOCK) * 4;
    const { memory } = this.exports;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));

    // The memory never grows after this, so views of it stay valid.
    this.memoryBytes = new Uint8Array(memory.buffer);
    this.memoryWords = new Int32Array(memory.buffer);
    this.output = {
      records: new Int32Array(4096),
      recordCount: 0,
      newlineCounts: this.memoryWords.subarray(this.newlineArea >> 2, (this.newlineArea >> 2) + WINDOW / NEWLINE_BLOCK),
      blockCount: 0,
    };
    this.memoryBytes.set(classOf, CLASSES);
    new Int32Array(memory.buffer, TABLE, rows.length).set(rows);
  }

  /**
   * Calls `onWindow` for each window of `bytes`, in order, with the window's offset in the input; the
   * window's records and newline counts are in `output` meanwhile (reused by the next window).
   */
  run(bytes: Uint8Array, onWindow: (windowStart: number) => void): void {
    let row = 0;
    for (let start = 0; ; start += WINDOW) {
      const end = Math.min(bytes.length, start + WINDOW);
      row = this.walkWindow(bytes, start, end, row);
      onWindow(start);
      if (end === bytes.length) break;
    }
  }

  /** Walks bytes[start..end) from state `row` into `output`; returns the state after it. */
  private walkWindow(bytes: Uint8Array, start: number, end: number, row: number): number {
    const { walk4, walk1, newlineCounts } = this.exports;
    const { memoryBytes, memoryWords, warmUp, laneAreas, output } = this;
    const base = this.windowBase;
    const length = end - start;
    const prefix = Math.min(warmUp, start);
    // Small inputs are copied whole: no view object is made for them.
    if (start === 0 && end === bytes.length) memoryBytes.set(bytes, base);
    else memoryBytes.set(bytes.subarray(start - prefix, end), base - prefix);

    const quarter = length >>> 2;
    // Lane 0 continues from the previous window's state; the others warm up on the bytes before them.
    const warm1 = Math.min(warmUp, quarter + prefix);
    const warm2 = Math.min(warmUp, 2 * quarter + prefix);
    const warm3 = Math.min(warmUp, 3 * quarter + prefix);
    const start1 = base + quarter - warm1;
    const start2 = base + 2 * quarter - warm2;
    const start3 = base + 3 * quarter - warm3;
    memoryWords[HEADER_ROWS / 4] = row;
    for (let lane = 1; lane < LANES; lane++) memoryWords[HEADER_ROWS / 4 + lane] = 0;
    for (let lane = 0; lane < LANES; lane++) memoryWords[HEADER_CURSORS / 4 + lane] = laneAreas[lane] as number;
    walk4(base, start1, start2, start3, quarter, TABLE, CLASSES);
    walk1(1, start1 + quarter, warm1, TABLE, CLASSES);
    walk1(2, start2 + quarter, warm2, TABLE, CLASSES);
    walk1(3, start3 + quarter, warm3 + length - LANES * quarter, TABLE, CLASSES);
    newlineCounts(base, length, this.newlineArea);

    let count = 0;
    this.ensureRecords((length + LANES * warmUp + LANES) * 2);
    const records = output.records;
    for (let lane = 0; lane < LANES; lane++) {
      // Records of lanes 1-3 that end at or before their quarter were found while warming up: dropped
      // (lane 0 starts at the window, so all of its records end past it).
      const floor = base + lane * quarter;
      const cursor = (memoryWords[HEADER_CURSORS / 4 + lane] as number) >> 2;
      for (let at = (laneAreas[lane] as number) >> 2; at < cursor; at += 2) {
        const endAddress = memoryWords[at] as number;
        if (endAddress <= floor) continue;
        records[count++] = start + endAddress - base;
        records[count++] = memoryWords[at + 1] as number;
      }
    }
    output.recordCount = count;
    output.blockCount = Math.ceil(length / NEWLINE_BLOCK);
    return memoryWords[HEADER_ROWS / 4 + 3] as number;
  }

  private ensureRecords(needed: number): void {
    const { output } = this;
    if (needed > output.records.length) output.records = new Int32Array(Math.max(needed, output.records.length * 2));
  }
}

function align(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}
