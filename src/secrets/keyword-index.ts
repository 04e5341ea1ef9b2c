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
  private hits = new Int32Array(4096);
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
  }

  /**
   * Every keyword occurrence as pairs (end offset, keyword index) in increasing offset order; `endOffset`
   * is just past the keyword's last byte. The returned array is reused by the next call.
   */
  collect(bytes: Uint8Array): Int32Array {
    const { classOf, delta, outputStart, outputList, alphabetSize, maxOutputs } = this;
    const length = bytes.length;
    let count = 0;
    let row = 0;
    // Capacity is ensured per block, outside the byte loop: a growth branch inside it would be cold
    // when V8 optimizes the loop and deoptimize it (measured: 10x slower scans) the first time it runs.
    for (let blockStart = 0; blockStart < length; blockStart += COLLECT_BLOCK) {
      const blockEnd = Math.min(length, blockStart + COLLECT_BLOCK);
      const needed = count + (blockEnd - blockStart) * maxOutputs * 2;
      if (needed > this.hits.length) this.grow(needed);
      const hits = this.hits;
      for (let i = blockStart; i < blockEnd; i++) {
        const next = delta[row + (classOf[bytes[i] as number] as number)] as number;
        if (next >= 0) {
          row = next;
          continue;
        }
        row = ~next;
        const state = (row / alphabetSize) | 0;
        const last = outputStart[state + 1] as number;
        for (let o = outputStart[state] as number; o < last; o++) {
          hits[count++] = i + 1;
          hits[count++] = outputList[o] as number;
        }
      }
    }
    return this.hits.subarray(0, count);
  }

  private grow(needed: number): void {
    const grown = new Int32Array(Math.max(needed, this.hits.length * 2));
    grown.set(this.hits);
    this.hits = grown;
  }

  /** Calls `onHit(endOffset, keywordIndex)` for every keyword occurrence, in increasing offset order. */
  search(bytes: Uint8Array, onHit: (endOffset: number, keywordIndex: number) => void): void {
    const hits = this.collect(bytes);
    for (let i = 0; i < hits.length; i += 2) onHit(hits[i] as number, hits[i + 1] as number);
  }
}
