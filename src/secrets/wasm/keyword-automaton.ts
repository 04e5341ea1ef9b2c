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

/** What one window produced: records are (end offset in the input, row byte offset) pairs in offset order. */
export interface WindowOutput {
  records: Int32Array;
  /** Newlines in each NEWLINE_BLOCK of the window, in order. */
  newlineCounts: Int32Array;
}

export class KeywordAutomaton {
  private readonly exports: Exports;
  /** Warm-up of lanes 1-3: the bytes a keyword ending in their quarter may start before it. */
  private readonly warmUp: number;
  /** Where a window's first byte is placed; its warm-up prefix sits just before. */
  private readonly windowBase: number;
  private readonly laneAreas: number[];
  private readonly newlineArea: number;
  private records = new Int32Array(4096);

  /**
   * @param classOf byte -> class
   * @param rows transition table: entry (state, class) at `state * alphabetSize + class`, holding the
   *   next state's row (`next * alphabetSize`), bitwise negated when that state ends a keyword.
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

    new Uint8Array(memory.buffer, CLASSES, 256).set(classOf);
    // The module addresses rows in bytes: scale every entry by 4, keeping the "ends a keyword" negation.
    const table = new Int32Array(memory.buffer, TABLE, rows.length);
    for (let i = 0; i < rows.length; i++) {
      const entry = rows[i] as number;
      table[i] = entry >= 0 ? entry * 4 : ~(~entry * 4);
    }
  }

  /** Calls `onWindow` for each window of `bytes`, in order. Outputs are reused: read them in the callback. */
  run(bytes: Uint8Array, onWindow: (output: WindowOutput, windowStart: number) => void): void {
    let row = 0;
    for (let start = 0; start < bytes.length || start === 0; start += WINDOW) {
      const end = Math.min(bytes.length, start + WINDOW);
      row = this.walkWindow(bytes, start, end, row, onWindow);
      if (end === bytes.length) break;
    }
  }

  private walkWindow(
    bytes: Uint8Array,
    start: number,
    end: number,
    row: number,
    onWindow: (output: WindowOutput, windowStart: number) => void,
  ): number {
    const { memory, walk4, walk1, newlineCounts } = this.exports;
    const base = this.windowBase;
    const length = end - start;
    const prefix = Math.min(this.warmUp, start);
    new Uint8Array(memory.buffer, base - prefix, prefix + length).set(bytes.subarray(start - prefix, end));

    const quarter = length >>> 2;
    // Lane 0 continues from the previous window's state; the others warm up on the bytes before them.
    const warm = [0, 1, 2, 3].map((lane) => (lane === 0 ? 0 : Math.min(this.warmUp, lane * quarter + prefix)));
    const laneStart = (lane: number) => base + lane * quarter - (warm[lane] as number);
    const header = new Int32Array(memory.buffer, 0, 8);
    header.set([row, 0, 0, 0], HEADER_ROWS / 4);
    header.set(this.laneAreas, HEADER_CURSORS / 4);
    walk4(laneStart(0), laneStart(1), laneStart(2), laneStart(3), quarter, TABLE, CLASSES);
    walk1(1, laneStart(1) + quarter, warm[1] as number, TABLE, CLASSES);
    walk1(2, laneStart(2) + quarter, warm[2] as number, TABLE, CLASSES);
    walk1(3, laneStart(3) + quarter, (warm[3] as number) + length - LANES * quarter, TABLE, CLASSES);
    newlineCounts(base, length, this.newlineArea);

    const view = new Int32Array(memory.buffer);
    let count = 0;
    this.ensureRecords((length + LANES * this.warmUp + LANES) * 2);
    const records = this.records;
    for (let lane = 0; lane < LANES; lane++) {
      // Records of lanes 1-3 that end at or before their quarter were found while warming up: dropped
      // (lane 0 starts at the window, so all of its records end past it).
      const floor = base + lane * quarter;
      const cursor = view[HEADER_CURSORS / 4 + lane] as number;
      for (let at = (this.laneAreas[lane] as number) >> 2; at < cursor >> 2; at += 2) {
        const endAddress = view[at] as number;
        if (endAddress <= floor) continue;
        records[count++] = start + endAddress - base;
        records[count++] = view[at + 1] as number;
      }
    }
    const blocks = Math.ceil(length / NEWLINE_BLOCK);
    onWindow(
      {
        records: records.subarray(0, count),
        newlineCounts: view.subarray(this.newlineArea >> 2, (this.newlineArea >> 2) + blocks),
      },
      start,
    );
    return view[HEADER_ROWS / 4 + 3] as number;
  }

  private ensureRecords(needed: number): void {
    if (needed > this.records.length) this.records = new Int32Array(Math.max(needed, this.records.length * 2));
  }
}

function align(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}
