;; The simulation's statistics loops in WebAssembly (kernels.ts says why and how they are used). Each function is
;; the same arithmetic, in the same order, as the TypeScript it stands in for in stats.ts, so the figures are the
;; same to the last bit whichever runs (tests/engine/kernels.test.ts runs both). Rebuild kernels-wasm.ts from
;; this file with `npm run build:kernels`; a unit test fails if the two differ.
;;
;; Arrays are addressed by byte offset in the memory the caller gives; counts are numbers of elements.
(module
  (import "env" "memory" (memory 1))

  ;; Running sums of moments (MomentSums): about x0, the sum of (x − x0) and of its square, the min and the max.
  (global $s (export "s") (mut f64) (f64.const 0))
  (global $q (export "q") (mut f64) (f64.const 0))
  (global $mn (export "mn") (mut f64) (f64.const 0))
  (global $mx (export "mx") (mut f64) (f64.const 0))
  ;; PercentileTally: how many values fell below the bracket.
  (global $under (export "under") (mut i32) (i32.const 0))

  ;; MomentSums.add over four lanes: element i of x goes to lane i mod 4 (lanes 0 and 1 in vector a, 2 and 3 in
  ;; vector b), each lane sums on its own, and at the end the lanes are added (0 + 1) + (2 + 3) onto the running
  ;; sums in the globals and their min and max taken in lane order. Returns how many values are below 0.
  (func $moments (export "moments") (param $x i32) (param $n i32) (param $x0 f64) (result i32)
    (local $end i32) (local $X v128) (local $zero v128) (local $va v128) (local $vb v128) (local $da v128) (local $db v128)
    (local $sa v128) (local $sb v128) (local $qa v128) (local $qb v128) (local $mna v128) (local $mnb v128)
    (local $mxa v128) (local $mxb v128) (local $ba v128) (local $bb v128)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $m0 f64) (local $m1 f64) (local $m2 f64)
    (local $lo0 f64) (local $lo1 f64) (local $lo2 f64) (local $hi0 f64) (local $hi1 f64) (local $hi2 f64)
    (local $v f64) (local $d f64) (local $below i32) (local $lane i32)
    (local.set $X (f64x2.splat (local.get $x0)))
    (local.set $mna (f64x2.splat (f64.const inf))) (local.set $mnb (local.get $mna))
    (local.set $mxa (f64x2.splat (f64.const -inf))) (local.set $mxb (local.get $mxa))
    ;; Whole groups of four.
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $va (v128.load (local.get $x)))
        (local.set $vb (v128.load offset=16 (local.get $x)))
        (local.set $da (f64x2.sub (local.get $va) (local.get $X)))
        (local.set $db (f64x2.sub (local.get $vb) (local.get $X)))
        (local.set $sa (f64x2.add (local.get $sa) (local.get $da)))
        (local.set $sb (f64x2.add (local.get $sb) (local.get $db)))
        (local.set $qa (f64x2.add (local.get $qa) (f64x2.mul (local.get $da) (local.get $da))))
        (local.set $qb (f64x2.add (local.get $qb) (f64x2.mul (local.get $db) (local.get $db))))
        (local.set $ba (i64x2.sub (local.get $ba) (f64x2.lt (local.get $va) (local.get $zero))))
        (local.set $bb (i64x2.sub (local.get $bb) (f64x2.lt (local.get $vb) (local.get $zero))))
        (local.set $mna (f64x2.pmin (local.get $mna) (local.get $va)))
        (local.set $mnb (f64x2.pmin (local.get $mnb) (local.get $vb)))
        (local.set $mxa (f64x2.pmax (local.get $mxa) (local.get $va)))
        (local.set $mxb (f64x2.pmax (local.get $mxb) (local.get $vb)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (br $next)))
    ;; The lanes as numbers; the last one to three values go to lanes 0, 1, 2 in turn.
    (local.set $l0 (f64x2.extract_lane 0 (local.get $sa))) (local.set $l1 (f64x2.extract_lane 1 (local.get $sa)))
    (local.set $l2 (f64x2.extract_lane 0 (local.get $sb)))
    (local.set $m0 (f64x2.extract_lane 0 (local.get $qa))) (local.set $m1 (f64x2.extract_lane 1 (local.get $qa)))
    (local.set $m2 (f64x2.extract_lane 0 (local.get $qb)))
    (local.set $lo0 (f64x2.extract_lane 0 (local.get $mna))) (local.set $lo1 (f64x2.extract_lane 1 (local.get $mna)))
    (local.set $lo2 (f64x2.extract_lane 0 (local.get $mnb)))
    (local.set $hi0 (f64x2.extract_lane 0 (local.get $mxa))) (local.set $hi1 (f64x2.extract_lane 1 (local.get $mxa)))
    (local.set $hi2 (f64x2.extract_lane 0 (local.get $mxb)))
    (local.set $below (i32.wrap_i64 (i64.add
      (i64.add (i64x2.extract_lane 0 (local.get $ba)) (i64x2.extract_lane 1 (local.get $ba)))
      (i64.add (i64x2.extract_lane 0 (local.get $bb)) (i64x2.extract_lane 1 (local.get $bb))))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tailed
      (loop $tail
        (br_if $tailed (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f64.load (local.get $x)))
        (local.set $d (f64.sub (local.get $v) (local.get $x0)))
        (local.set $below (i32.add (local.get $below) (f64.lt (local.get $v) (f64.const 0))))
        (if (i32.eqz (local.get $lane))
          (then
            (local.set $l0 (f64.add (local.get $l0) (local.get $d)))
            (local.set $m0 (f64.add (local.get $m0) (f64.mul (local.get $d) (local.get $d))))
            (local.set $lo0 (select (local.get $v) (local.get $lo0) (f64.lt (local.get $v) (local.get $lo0))))
            (local.set $hi0 (select (local.get $v) (local.get $hi0) (f64.gt (local.get $v) (local.get $hi0)))))
          (else (if (i32.eq (local.get $lane) (i32.const 1))
            (then
              (local.set $l1 (f64.add (local.get $l1) (local.get $d)))
              (local.set $m1 (f64.add (local.get $m1) (f64.mul (local.get $d) (local.get $d))))
              (local.set $lo1 (select (local.get $v) (local.get $lo1) (f64.lt (local.get $v) (local.get $lo1))))
              (local.set $hi1 (select (local.get $v) (local.get $hi1) (f64.gt (local.get $v) (local.get $hi1)))))
            (else
              (local.set $l2 (f64.add (local.get $l2) (local.get $d)))
              (local.set $m2 (f64.add (local.get $m2) (f64.mul (local.get $d) (local.get $d))))
              (local.set $lo2 (select (local.get $v) (local.get $lo2) (f64.lt (local.get $v) (local.get $lo2))))
              (local.set $hi2 (select (local.get $v) (local.get $hi2) (f64.gt (local.get $v) (local.get $hi2))))))))
        (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $tail)))
    ;; Onto the running sums: (0 + 1) + (2 + 3); min and max in lane order.
    (global.set $s (f64.add (global.get $s)
      (f64.add (f64.add (local.get $l0) (local.get $l1)) (f64.add (local.get $l2) (f64x2.extract_lane 1 (local.get $sb))))))
    (global.set $q (f64.add (global.get $q)
      (f64.add (f64.add (local.get $m0) (local.get $m1)) (f64.add (local.get $m2) (f64x2.extract_lane 1 (local.get $qb))))))
    (global.set $mn (call $least (call $least (call $least (call $least (global.get $mn) (local.get $lo0)) (local.get $lo1)) (local.get $lo2))
      (f64x2.extract_lane 1 (local.get $mnb))))
    (global.set $mx (call $most (call $most (call $most (call $most (global.get $mx) (local.get $hi0)) (local.get $hi1)) (local.get $hi2))
      (f64x2.extract_lane 1 (local.get $mxb))))
    (local.get $below))

  ;; v < m ? v : m, and v > m ? v : m (as the TypeScript writes them, so −0 and 0 fall the same way).
  (func $least (param $m f64) (param $v f64) (result f64)
    (select (local.get $v) (local.get $m) (f64.lt (local.get $v) (local.get $m))))
  (func $most (param $m f64) (param $v f64) (result f64)
    (select (local.get $v) (local.get $m) (f64.gt (local.get $v) (local.get $m))))

  ;; MomentSums.addDifference: into[i] = a[i] − b[i] (into may be a), then `moments` over into.
  (func (export "difference") (param $a i32) (param $b i32) (param $into i32) (param $n i32) (param $x0 f64) (result i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (f64.store (i32.add (local.get $into) (local.get $i))
          (f64.sub (f64.load (i32.add (local.get $a) (local.get $i))) (f64.load (i32.add (local.get $b) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $next)))
    (call $moments (local.get $into) (local.get $n) (local.get $x0)))

  ;; PercentileTally.add: counts the values below lo into $under, keeps those from lo to hi at kept[held…];
  ;; returns the new held. The caller has checked there is room for every value.
  (func (export "tally") (param $x i32) (param $n i32) (param $lo f64) (param $hi f64) (param $kept i32) (param $held i32) (result i32)
    (local $end i32) (local $v f64) (local $under i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f64.load (local.get $x)))
        (local.set $under (i32.add (local.get $under) (f64.lt (local.get $v) (local.get $lo))))
        (f64.store (i32.add (local.get $kept) (i32.shl (local.get $held) (i32.const 3))) (local.get $v))
        (local.set $held (i32.add (local.get $held)
          (i32.and (f64.ge (local.get $v) (local.get $lo)) (f64.le (local.get $v) (local.get $hi)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $next)))
    (global.set $under (local.get $under))
    (local.get $held))

  ;; orderStatistics' counting pass: which[i] = the bucket of x[i] (floor((x − lo) × scale), held to 0 … buckets − 1),
  ;; counts[bucket] += 1.
  (func (export "buckets") (param $x i32) (param $n i32) (param $lo f64) (param $scale f64) (param $buckets i32) (param $which i32) (param $counts i32)
    (local $end i32) (local $f f64) (local $top f64) (local $b i32) (local $at i32)
    (local.set $top (f64.convert_i32_s (i32.sub (local.get $buckets) (i32.const 1))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $f (f64.floor (f64.mul (f64.sub (f64.load (local.get $x)) (local.get $lo)) (local.get $scale))))
        (local.set $f (select (f64.const 0) (local.get $f) (f64.lt (local.get $f) (f64.const 0))))
        (local.set $f (select (local.get $top) (local.get $f) (f64.ge (local.get $f) (local.get $top))))
        (local.set $b (i32.trunc_sat_f64_s (local.get $f)))
        (i32.store16 (local.get $which) (local.get $b))
        (local.set $at (i32.add (local.get $counts) (i32.shl (local.get $b) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (local.set $which (i32.add (local.get $which) (i32.const 2)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $next)))
  )

  ;; orderStatistics' gathering pass: for each i whose bucket has a place (place[bucket] ≥ 0), out[place] = x[i]
  ;; and the place moves on by one.
  (func (export "gather") (param $x i32) (param $n i32) (param $which i32) (param $place i32) (param $out i32)
    (local $end i32) (local $at i32) (local $p i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $at (i32.add (local.get $place) (i32.shl (i32.load16_u (local.get $which)) (i32.const 2))))
        (local.set $p (i32.load (local.get $at)))
        (if (i32.ge_s (local.get $p) (i32.const 0))
          (then
            (f64.store (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 3))) (f64.load (local.get $x)))
            (i32.store (local.get $at) (i32.add (local.get $p) (i32.const 1)))))
        (local.set $which (i32.add (local.get $which) (i32.const 2)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $next)))
  )

  ;; histogram: counts[floor((x − from) / width), held to 0 … bars − 1] += 1. (Measured here: multiplying by
  ;; 1 / width and dividing only near a bar's edge, or four tables of counts, were both slower.)
  (func (export "histogram") (param $x i32) (param $n i32) (param $from f64) (param $width f64) (param $bars i32) (param $counts i32)
    (local $end i32) (local $f f64) (local $top f64) (local $at i32)
    (local.set $top (f64.convert_i32_s (i32.sub (local.get $bars) (i32.const 1))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $f (f64.floor (f64.div (f64.sub (f64.load (local.get $x)) (local.get $from)) (local.get $width))))
        (local.set $f (select (f64.const 0) (local.get $f) (f64.lt (local.get $f) (f64.const 0))))
        (local.set $f (select (local.get $top) (local.get $f) (f64.ge (local.get $f) (local.get $top))))
        (local.set $at (i32.add (local.get $counts) (i32.shl (i32.trunc_sat_f64_s (local.get $f)) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $next)))
  )

  ;; The simulation's costs: c[i] += fixed (an organisation's fixed cost onto its variable cost), then
  ;; total[i] = 0 + c[i] for the first organisation (`first` = 1), total[i] += c[i] for the next.
  (func (export "accumulate") (param $c i32) (param $total i32) (param $n i32) (param $fixed f64) (param $first i32)
    (local $end i32) (local $v f64)
    (local.set $end (i32.add (local.get $c) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $v (f64.add (f64.load (local.get $c)) (local.get $fixed)))
        (f64.store (local.get $c) (local.get $v))
        (f64.store (local.get $total)
          (f64.add (select (f64.const 0) (f64.load (local.get $total)) (local.get $first)) (local.get $v)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (local.set $total (i32.add (local.get $total) (i32.const 8)))
        (br $next)))
  )
)
