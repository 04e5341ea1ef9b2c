;; The keyword prefilter's hot loops, in WebAssembly: the Aho-Corasick automaton walk and newline counts.
;;
;; Written by hand (and assembled by scripts/build-wasm.mjs) because they are the innermost loops of the
;; secret scan: in JavaScript every byte costs three bounds-checked loads, here it costs plain loads, and
;; newlines are counted 16 bytes at a time with SIMD. Measured on the benchmark tree (110 MB): 120 ms
;; for the walk and the newline counts, where JavaScript took 180 ms for the walk and 65 ms for the lines.
;;
;; Memory layout (set up by keyword-automaton.ts):
;;   0..15   row of each of the 4 lanes: byte offset of its current state's row in the transition table
;;   16..31  output cursor of each lane: where its next (end address, row) record is written
;;   cls     256 bytes: class of each input byte
;;   delta   transition table, i32 per (state, class): the next state's row as a byte offset, bitwise
;;           negated when that state ends a keyword
;;
;; A record is two i32: the address just past the keyword's last byte, and the (non-negated) row of the
;; state that ended it. The caller maps rows to keywords.
(module
  (memory (export "memory") 1)

  ;; One automaton step: the next entry for `row` on the byte at `at`.
  (func $step (param $row i32) (param $at i32) (param $delta i32) (param $cls i32) (result i32)
    (i32.load
      (i32.add
        (i32.add (local.get $delta) (local.get $row))
        (i32.shl (i32.load8_u (i32.add (local.get $cls) (i32.load8_u (local.get $at)))) (i32.const 2)))))

  ;; Writes a record for a negated entry `entry` ending just before `end`; returns the next cursor.
  (func $record (param $out i32) (param $end i32) (param $entry i32) (result i32)
    (i32.store (local.get $out) (local.get $end))
    (i32.store offset=4 (local.get $out) (i32.xor (local.get $entry) (i32.const -1)))
    (i32.add (local.get $out) (i32.const 8)))

  ;; Walks four lanes at once, `n` bytes each, starting at p0..p3. The lanes are independent, so the
  ;; CPU overlaps their table loads instead of waiting on one chain of dependent loads. The step is
  ;; written out per lane rather than called: V8 did not inline the calls (measured 2x slower).
  (func (export "walk4")
    (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $n i32)
    (param $delta i32) (param $cls i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $i i32)
    (local.set $r0 (i32.load (i32.const 0)))
    (local.set $r1 (i32.load (i32.const 4)))
    (local.set $r2 (i32.load (i32.const 8)))
    (local.set $r3 (i32.load (i32.const 12)))
    (local.set $o0 (i32.load (i32.const 16)))
    (local.set $o1 (i32.load (i32.const 20)))
    (local.set $o2 (i32.load (i32.const 24)))
    (local.set $o3 (i32.load (i32.const 28)))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $r0 (i32.load (i32.add (i32.add (local.get $delta) (local.get $r0))
          (i32.shl (i32.load8_u (i32.add (local.get $cls) (i32.load8_u (i32.add (local.get $p0) (local.get $i))))) (i32.const 2)))))
        (local.set $r1 (i32.load (i32.add (i32.add (local.get $delta) (local.get $r1))
          (i32.shl (i32.load8_u (i32.add (local.get $cls) (i32.load8_u (i32.add (local.get $p1) (local.get $i))))) (i32.const 2)))))
        (local.set $r2 (i32.load (i32.add (i32.add (local.get $delta) (local.get $r2))
          (i32.shl (i32.load8_u (i32.add (local.get $cls) (i32.load8_u (i32.add (local.get $p2) (local.get $i))))) (i32.const 2)))))
        (local.set $r3 (i32.load (i32.add (i32.add (local.get $delta) (local.get $r3))
          (i32.shl (i32.load8_u (i32.add (local.get $cls) (i32.load8_u (i32.add (local.get $p3) (local.get $i))))) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.lt_s (local.get $r0) (i32.const 0))
          (then
            (local.set $r0 (i32.xor (local.get $r0) (i32.const -1)))
            (i32.store (local.get $o0) (i32.add (local.get $p0) (local.get $i)))
            (i32.store offset=4 (local.get $o0) (local.get $r0))
            (local.set $o0 (i32.add (local.get $o0) (i32.const 8)))))
        (if (i32.lt_s (local.get $r1) (i32.const 0))
          (then
            (local.set $r1 (i32.xor (local.get $r1) (i32.const -1)))
            (i32.store (local.get $o1) (i32.add (local.get $p1) (local.get $i)))
            (i32.store offset=4 (local.get $o1) (local.get $r1))
            (local.set $o1 (i32.add (local.get $o1) (i32.const 8)))))
        (if (i32.lt_s (local.get $r2) (i32.const 0))
          (then
            (local.set $r2 (i32.xor (local.get $r2) (i32.const -1)))
            (i32.store (local.get $o2) (i32.add (local.get $p2) (local.get $i)))
            (i32.store offset=4 (local.get $o2) (local.get $r2))
            (local.set $o2 (i32.add (local.get $o2) (i32.const 8)))))
        (if (i32.lt_s (local.get $r3) (i32.const 0))
          (then
            (local.set $r3 (i32.xor (local.get $r3) (i32.const -1)))
            (i32.store (local.get $o3) (i32.add (local.get $p3) (local.get $i)))
            (i32.store offset=4 (local.get $o3) (local.get $r3))
            (local.set $o3 (i32.add (local.get $o3) (i32.const 8)))))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
    (i32.store (i32.const 0) (local.get $r0))
    (i32.store (i32.const 4) (local.get $r1))
    (i32.store (i32.const 8) (local.get $r2))
    (i32.store (i32.const 12) (local.get $r3))
    (i32.store (i32.const 16) (local.get $o0))
    (i32.store (i32.const 20) (local.get $o1))
    (i32.store (i32.const 24) (local.get $o2))
    (i32.store (i32.const 28) (local.get $o3)))

  ;; Walks one lane (0..3) over `n` bytes from `p`, continuing from its row and cursor in the header.
  (func (export "walk1") (param $lane i32) (param $p i32) (param $n i32) (param $delta i32) (param $cls i32)
    (local $row i32) (local $out i32) (local $end i32)
    (local.set $row (i32.load (i32.shl (local.get $lane) (i32.const 2))))
    (local.set $out (i32.load offset=16 (i32.shl (local.get $lane) (i32.const 2))))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $next
        (local.set $row (call $step (local.get $row) (local.get $p) (local.get $delta) (local.get $cls)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (if (i32.lt_s (local.get $row) (i32.const 0))
          (then
            (local.set $out (call $record (local.get $out) (local.get $p) (local.get $row)))
            (local.set $row (i32.xor (local.get $row) (i32.const -1)))))
        (br_if $next (i32.lt_u (local.get $p) (local.get $end)))))
    (i32.store (i32.shl (local.get $lane) (i32.const 2)) (local.get $row))
    (i32.store offset=16 (i32.shl (local.get $lane) (i32.const 2)) (local.get $out)))

  ;; Newlines in each 1 KiB block of [p, p + n) (the last block may be shorter), as i32s written from
  ;; `out`. `p` and `n` are multiples of 16 except at the very end of the input.
  (func (export "newlineCounts") (param $p i32) (param $n i32) (param $out i32)
    (local $end i32) (local $blockEnd i32) (local $simdEnd i32) (local $count i32) (local $newline v128)
    (local.set $newline (i8x16.splat (i32.const 10)))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $block
        (local.set $blockEnd (i32.add (local.get $p) (i32.const 1024)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
        (local.set $simdEnd
          (i32.add (local.get $p) (i32.and (i32.sub (local.get $blockEnd) (local.get $p)) (i32.const -16))))
        (local.set $count (i32.const 0))
        (block $simdDone
          (br_if $simdDone (i32.ge_u (local.get $p) (local.get $simdEnd)))
          (loop $simd
            (local.set $count
              (i32.add (local.get $count)
                (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (local.get $newline))))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br_if $simd (i32.lt_u (local.get $p) (local.get $simdEnd)))))
        (block $tailDone
          (br_if $tailDone (i32.ge_u (local.get $p) (local.get $blockEnd)))
          (loop $tail
            (local.set $count (i32.add (local.get $count) (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $tail (i32.lt_u (local.get $p) (local.get $blockEnd)))))
        (i32.store (local.get $out) (local.get $count))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br_if $block (i32.lt_u (local.get $p) (local.get $end))))))
)
