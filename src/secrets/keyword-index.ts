/**
 * Case-insensitive multi-keyword search over raw bytes (Aho-Corasick compiled to a DFA).
 *
 * Written by hand because the prefilter is the hot loop of the whole secret scan: it must touch each
 * byte once, work on Buffers without decoding them to strings, and report every keyword hit with its
 * offset. The npm Aho-Corasick packages work on JS strings and allocate per match, which is several
 * times slower here. Bytes are first mapped to a small alphabet (the bytes keywords use, case-folded,
 * plus one "other" class), so the transition table stays small and cache friendly. The walk itself runs
 * in WebAssembly (wasm/keyword-automaton.wat), which also counts newlines for line numbers on the way.
 */
import { KeywordAutomaton, NEWLINE_BLOCK } from './wasm/keyword-automaton.js';

export class KeywordIndex {
  readonly keywords: readonly string[];
  private readonly classOf = new Uint8Array(256);
  private readonly alphabetSize: number;
  private readonly outputStart: Int32Array;
  private readonly outputList: Int32Array;
  private readonly automaton: KeywordAutomaton;
  private hits = new Int32Array(4096);
  /** Newlines before each NEWLINE_BLOCK of the last scanned input. */
  private newlinesBefore = new Int32Array(1024);
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

    // The trie, in a flat table (state * alphabet + class -> next state, -1 = none): the constructor runs
    // once per scan and per worker, in cold code, where arrays of arrays cost several times more.
    const alphabet = nextClass;
    const maxStates = 1 + bytes.reduce((sum, keyword) => sum + keyword.length, 0);
    const table = new Int32Array(maxStates * alphabet).fill(-1);
    const ownOutputs: (number[] | undefined)[] = [];
    let stateCount = 1;
    bytes.forEach((keyword, keywordIndex) => {
      let state = 0;
      for (const byte of keyword) {
        const at = state * alphabet + (this.classOf[byte] as number);
        if (table[at] === -1) table[at] = stateCount++;
        state = table[at] as number;
      }
      const own = ownOutputs[state];
      if (own) own.push(keywordIndex);
      else ownOutputs[state] = [keywordIndex];
    });

    // Breadth-first: failure links, merged outputs, and the missing transitions filled in from the
    // failure state's row (complete by then, being shallower), which turns the trie into a DFA. The same
    // pass writes the walk's encoding: each entry holds the byte offset of the next state's row (state *
    // alphabetSize * 4), bitwise negated when that state ends a keyword, so the walk needs one load and
    // one sign test per byte. Whether a state ends a keyword is known when it is first reached: its own
    // keywords, or its failure state's (shallower, so already known).
    const rowBytes = alphabet * 4;
    const rows = new Int32Array(stateCount * alphabet);
    const endsKeyword = new Uint8Array(stateCount);
    const fail = new Int32Array(stateCount);
    const merged: (number[] | undefined)[] = [];
    const queue = new Int32Array(stateCount);
    let tail = 0;
    for (let cls = 0; cls < alphabet; cls++) {
      const next = table[cls] as number;
      if (next === -1) {
        table[cls] = 0;
      } else {
        queue[tail++] = next;
        if (ownOutputs[next]) endsKeyword[next] = 1;
        rows[cls] = endsKeyword[next] ? ~(next * rowBytes) : next * rowBytes;
      }
    }
    for (let head = 0; head < tail; head++) {
      const state = queue[head] as number;
      const inherited = merged[fail[state] as number];
      const own = ownOutputs[state];
      merged[state] = own && inherited ? [...own, ...inherited] : (own ?? inherited);
      const row = state * alphabet;
      const failRow = (fail[state] as number) * alphabet;
      for (let cls = 0; cls < alphabet; cls++) {
        let next = table[row + cls] as number;
        if (next === -1) {
          next = table[failRow + cls] as number;
          table[row + cls] = next;
        } else {
          const failure = table[failRow + cls] as number;
          fail[next] = failure;
          if (ownOutputs[next] || endsKeyword[failure]) endsKeyword[next] = 1;
          queue[tail++] = next;
        }
        rows[row + cls] = endsKeyword[next] ? ~(next * rowBytes) : next * rowBytes;
      }
    }
    this.alphabetSize = nextClass;
    // Keywords ending in each state, flattened: state s owns outputList[outputStart[s] .. outputStart[s + 1]).
    this.outputStart = new Int32Array(stateCount + 1);
    let outputs = 0;
    let maxOutputs = 1;
    for (let state = 0; state < stateCount; state++) {
      const count = merged[state]?.length ?? 0;
      outputs += count;
      maxOutputs = Math.max(maxOutputs, count);
    }
    this.outputList = new Int32Array(outputs);
    let offset = 0;
    for (let state = 0; state < stateCount; state++) {
      this.outputStart[state] = offset;
      for (const keywordIndex of merged[state] ?? []) this.outputList[offset++] = keywordIndex;
    }
    this.outputStart[stateCount] = offset;
    this.maxOutputs = maxOutputs;
    this.automaton = new KeywordAutomaton(this.classOf, rows, Math.max(1, ...bytes.map((keyword) => keyword.length)));
  }

  /**
   * Every keyword occurrence in `bytes` as pairs (end offset, keyword index) in increasing offset order
   * (`endOffset` is just past the keyword's last byte), and the input's line numbering. Both are reused
   * by the next call.
   */
  scan(bytes: Uint8Array): KeywordScan {
    const { outputStart, outputList, maxOutputs } = this;
    const rowBytes = this.alphabetSize * 4;
    const blocks = Math.ceil(bytes.length / NEWLINE_BLOCK) + 1;
    if (blocks > this.newlinesBefore.length)
      this.newlinesBefore = new Int32Array(Math.max(blocks, this.newlinesBefore.length * 2));
    const newlinesBefore = this.newlinesBefore;
    let count = 0;
    let block = 0;
    let newlines = 0;
    const output = this.automaton.output;
    this.automaton.run(bytes, () => {
      const { records, recordCount, newlineCounts, blockCount } = output;
      const needed = count + recordCount * maxOutputs;
      if (needed > this.hits.length) this.hits = grown(this.hits, needed);
      const hits = this.hits;
      for (let r = 0; r < recordCount; r += 2) {
        const end = records[r] as number;
        const state = ((records[r + 1] as number) / rowBytes) | 0;
        const last = outputStart[state + 1] as number;
        for (let o = outputStart[state] as number; o < last; o++) {
          hits[count++] = end;
          hits[count++] = outputList[o] as number;
        }
      }
      for (let b = 0; b < blockCount; b++) {
        newlinesBefore[block++] = newlines;
        newlines += newlineCounts[b] as number;
      }
    });
    newlinesBefore[block] = newlines;
    return new KeywordScan(bytes, this.hits.subarray(0, count), newlinesBefore);
  }

  /** Calls `onHit(endOffset, keywordIndex)` for every keyword occurrence, in increasing offset order. */
  search(bytes: Uint8Array, onHit: (endOffset: number, keywordIndex: number) => void): void {
    const { hits } = this.scan(bytes);
    for (let i = 0; i < hits.length; i += 2) onHit(hits[i] as number, hits[i + 1] as number);
  }
}

/** A copy of `array` with room for at least `needed` entries. */
function grown(array: Int32Array, needed: number): Int32Array<ArrayBuffer> {
  const copy = new Int32Array(Math.max(needed, array.length * 2));
  copy.set(array);
  return copy;
}

/** The result of KeywordIndex.scan: keyword hits and line numbers of one input. */
export class KeywordScan {
  constructor(
    private readonly bytes: Uint8Array,
    /** (end offset, keyword index) pairs in offset order. */
    readonly hits: Int32Array,
    private readonly newlinesBefore: Int32Array,
  ) {}

  /** 1-based line number of the byte at `offset`: counted newlines of the blocks before it, then a short loop. */
  lineAt(offset: number): number {
    const block = Math.floor(offset / NEWLINE_BLOCK);
    let line = 1 + (this.newlinesBefore[block] as number);
    for (let i = block * NEWLINE_BLOCK; i < offset; i++) if (this.bytes[i] === 10) line++;
    return line;
  }
}
