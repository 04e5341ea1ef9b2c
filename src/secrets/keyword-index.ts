/**
 * Case-insensitive multi-keyword search over raw bytes (Aho-Corasick compiled to a DFA).
 *
 * Written by hand because the prefilter is the hot loop of the whole secret scan: it must touch each
 * byte once, work on Buffers without decoding them to strings, and report every keyword hit with its
 * offset. The npm Aho-Corasick packages work on JS strings and allocate per match, which is several
 * times slower here. Bytes are first mapped to a small alphabet (the bytes keywords use, case-folded,
 * plus one "other" class), so the transition table stays small and cache friendly.
 */
/** Bytes scanned between capacity checks of the hit buffer. */
const COLLECT_BLOCK = 16 * 1024;

export class KeywordIndex {
  readonly keywords: readonly string[];
  private readonly classOf = new Uint8Array(256);
  private readonly delta: Int32Array;
  private readonly alphabetSize: number;
  private readonly outputStart: Int32Array;
  private readonly outputList: Int32Array;
  private readonly lanes = new LaneHits(4);
  private hits = new Int32Array(4096);
  private readonly maxKeywordLength: number;
  /** Most keywords ending at one byte: bounds the hits a block of input can produce. */
  private readonly maxOutputs: number;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const bytes = keywords.map((keyword) => Buffer.from(keyword.toLowerCase(), 'utf8'));

    let nextClass = 1; // 0 = a byte no keyword uses
    for (const keyword of bytes) {
      for (const byte of keyword) {
        if (this.classOf[byte] === 0) {
          this.classOf[byte] = nextClass;
          const upper = String.fromCharCode(byte).toUpperCase().charCodeAt(0);
          if (upper < 128 && upper !== byte) this.classOf[upper] = nextClass;
          nextClass++;
        }
      }
    }

    // Build the trie.
    const goto: number[][] = [new Array(nextClass).fill(-1)];
    const ownOutputs: number[][] = [[]];
    bytes.forEach((keyword, keywordIndex) => {
      let state = 0;
      for (const byte of keyword) {
        const cls = this.classOf[byte] as number;
        let next = goto[state]?.[cls] ?? -1;
        if (next === -1) {
          next = goto.length;
          goto.push(new Array(nextClass).fill(-1));
          ownOutputs.push([]);
          (goto[state] as number[])[cls] = next;
        }
        state = next;
      }
      ownOutputs[state]?.push(keywordIndex);
    });

    // Breadth-first: failure links, merged outputs and the full DFA transition table.
    const stateCount = goto.length;
    const delta = new Int32Array(stateCount * nextClass);
    const fail = new Int32Array(stateCount);
    const merged: number[][] = ownOutputs.map((list) => [...list]);
    const queue: number[] = [];
    for (let cls = 0; cls < nextClass; cls++) {
      const next = goto[0]?.[cls] ?? -1;
      if (next === -1) {
        delta[cls] = 0;
      } else {
        delta[cls] = next;
        fail[next] = 0;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const failOutputs = merged[fail[state] as number] as number[];
      if (failOutputs.length > 0) (merged[state] as number[]).push(...failOutputs);
      for (let cls = 0; cls < nextClass; cls++) {
        const next = goto[state]?.[cls] ?? -1;
        if (next === -1) {
          delta[state * nextClass + cls] = delta[(fail[state] as number) * nextClass + cls] as number;
        } else {
          delta[state * nextClass + cls] = next;
          fail[next] = delta[(fail[state] as number) * nextClass + cls] as number;
          queue.push(next);
        }
      }
    }

    // Hot-loop encoding: each entry holds the next state's row offset (state * alphabetSize), bitwise
    // negated when that state ends a keyword, so the scan loop needs one load and one sign test per byte.
    const rows = new Int32Array(stateCount * nextClass);
    for (let i = 0; i < rows.length; i++) {
      const next = delta[i] as number;
      const row = next * nextClass;
      rows[i] = (merged[next] as number[]).length > 0 ? ~row : row;
    }
    this.delta = rows;
    this.alphabetSize = nextClass;
    // Keywords ending in each state, flattened: state s owns outputList[outputStart[s] .. outputStart[s + 1]).
    this.outputStart = new Int32Array(stateCount + 1);
    this.outputList = new Int32Array(merged.reduce((sum, list) => sum + list.length, 0));
    let offset = 0;
    merged.forEach((list, state) => {
      this.outputStart[state] = offset;
      for (const keywordIndex of list) this.outputList[offset++] = keywordIndex;
    });
    this.outputStart[stateCount] = offset;
    this.maxOutputs = Math.max(1, ...merged.map((list) => list.length));
    this.maxKeywordLength = Math.max(1, ...bytes.map((keyword) => keyword.length));
  }

  /**
   * Every keyword occurrence as pairs (end offset, keyword index) in increasing offset order; `endOffset`
   * is just past the keyword's last byte. The returned array is reused by the next call.
   *
   * The automaton walks the four quarters of the input in one loop (lanes). Each step's table load
   * depends on the previous one, so a single walk mostly waits on memory latency; four independent walks
   * overlap their loads (measured 1.4x faster than one walk on the benchmark tree). Lane k starts
   * `maxKeywordLength - 1` bytes before its quarter and keeps only hits ending inside it, so a keyword
   * spanning a boundary is found exactly once.
   */
  collect(bytes: Uint8Array): Int32Array {
    const { classOf, delta, maxKeywordLength } = this;
    const length = bytes.length;
    const quarter = length >>> 2;
    // Lane k covers hits ending in (k * quarter, (k + 1) * quarter]; the last lane runs to the end.
    const start1 = Math.max(0, quarter - maxKeywordLength + 1);
    const start2 = Math.max(0, 2 * quarter - maxKeywordLength + 1);
    const start3 = Math.max(0, 3 * quarter - maxKeywordLength + 1);
    const lanes = this.lanes;
    let row0 = 0;
    let row1 = 0;
    let row2 = 0;
    let row3 = 0;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    // The loop records (end offset, state row) pairs only; the keywords of each state are listed when
    // the lanes are joined, which keeps the loop small enough for V8 to hold every lane in registers.
    // Capacity is ensured per block, outside the byte loop: a growth branch inside it would be cold
    // when V8 optimizes the loop and deoptimize it (measured: 10x slower scans) the first time it runs.
    for (let blockStart = 0; blockStart < quarter; blockStart += COLLECT_BLOCK) {
      const blockEnd = Math.min(quarter, blockStart + COLLECT_BLOCK);
      const room = (blockEnd - blockStart) * 2;
      const h0 = lanes.reserve(0, n0 + room);
      const h1 = lanes.reserve(1, n1 + room);
      const h2 = lanes.reserve(2, n2 + room);
      const h3 = lanes.reserve(3, n3 + room);
      for (let i = blockStart; i < blockEnd; i++) {
        const next0 = delta[row0 + (classOf[bytes[i] as number] as number)] as number;
        const next1 = delta[row1 + (classOf[bytes[i + start1] as number] as number)] as number;
        const next2 = delta[row2 + (classOf[bytes[i + start2] as number] as number)] as number;
        const next3 = delta[row3 + (classOf[bytes[i + start3] as number] as number)] as number;
        if (next0 >= 0) row0 = next0;
        else {
          row0 = ~next0;
          h0[n0++] = i + 1;
          h0[n0++] = row0;
        }
        if (next1 >= 0) row1 = next1;
        else {
          row1 = ~next1;
          h1[n1++] = i + start1 + 1;
          h1[n1++] = row1;
        }
        if (next2 >= 0) row2 = next2;
        else {
          row2 = ~next2;
          h2[n2++] = i + start2 + 1;
          h2[n2++] = row2;
        }
        if (next3 >= 0) row3 = next3;
        else {
          row3 = ~next3;
          h3[n3++] = i + start3 + 1;
          h3[n3++] = row3;
        }
      }
    }
    // Lanes 1-3 started up to maxKeywordLength bytes early, and the last one also takes the remainder of
    // the division: each finishes alone (a few bytes).
    n1 = this.walkAlone(bytes, 1, start1 + quarter, 2 * quarter, row1, n1);
    n2 = this.walkAlone(bytes, 2, start2 + quarter, 3 * quarter, row2, n2);
    n3 = this.walkAlone(bytes, 3, start3 + quarter, length, row3, n3);
    return this.keywordHits([n0, n1, n2, n3], [0, quarter, 2 * quarter, 3 * quarter]);
  }

  /** Continues one lane over bytes[from..to) from `row`. */
  private walkAlone(bytes: Uint8Array, lane: number, from: number, to: number, row: number, count: number): number {
    const { classOf, delta } = this;
    const hits = this.lanes.reserve(lane, count + Math.max(0, to - from) * 2);
    let n = count;
    let next = row;
    for (let p = from; p < to; p++) {
      next = delta[next + (classOf[bytes[p] as number] as number)] as number;
      if (next >= 0) continue;
      next = ~next;
      hits[n++] = p + 1;
      hits[n++] = next;
    }
    return n;
  }

  /**
   * Joins the lanes' (end, row) records into (end, keyword) pairs in offset order. A lane's records
   * ending at or before `after[lane]` were found while it warmed up in the previous lane's part: dropped.
   */
  private keywordHits(counts: number[], after: number[]): Int32Array {
    const { outputStart, outputList, alphabetSize, maxOutputs } = this;
    const total = counts.reduce((sum, count) => sum + count, 0) * maxOutputs;
    if (total > this.hits.length) this.hits = new Int32Array(Math.max(total, this.hits.length * 2));
    const out = this.hits;
    let n = 0;
    counts.forEach((count, lane) => {
      const records = this.lanes.buffer(lane);
      const floor = after[lane] as number;
      for (let r = 0; r < count; r += 2) {
        const end = records[r] as number;
        if (end <= floor) continue;
        const state = ((records[r + 1] as number) / alphabetSize) | 0;
        const last = outputStart[state + 1] as number;
        for (let o = outputStart[state] as number; o < last; o++) {
          out[n++] = end;
          out[n++] = outputList[o] as number;
        }
      }
    });
    return out.subarray(0, n);
  }

  /** Calls `onHit(endOffset, keywordIndex)` for every keyword occurrence, in increasing offset order. */
  search(bytes: Uint8Array, onHit: (endOffset: number, keywordIndex: number) => void): void {
    const hits = this.collect(bytes);
    for (let i = 0; i < hits.length; i += 2) onHit(hits[i] as number, hits[i + 1] as number);
  }
}

/** Hit buffers of the lanes, reused across calls and grown as needed. */
class LaneHits {
  private readonly buffers: Int32Array<ArrayBuffer>[];

  constructor(lanes: number) {
    this.buffers = Array.from({ length: lanes }, () => new Int32Array(4096));
  }

  /** Lane `lane`'s buffer with room for at least `needed` entries. */
  reserve(lane: number, needed: number): Int32Array {
    const buffer = this.buffers[lane] as Int32Array<ArrayBuffer>;
    if (needed <= buffer.length) return buffer;
    const grown = new Int32Array(Math.max(needed, buffer.length * 2));
    grown.set(buffer);
    this.buffers[lane] = grown;
    return grown;
  }

  buffer(lane: number): Int32Array {
    return this.buffers[lane] as Int32Array;
  }
}
