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

  ;; MomentSums.add: the sums go on from the globals; returns how many values are below 0.
  (func $moments (export "moments") (param $x i32) (param $n i32) (param $x0 f64) (result i32)
    (local $end i32) (local $v f64) (local $d f64) (local $s f64) (local $q f64) (local $mn f64) (local $mx f64) (local $below i32)
    (local.set $s (global.get $s)) (local.set $q (global.get $q))
    (local.set $mn (global.get $mn)) (local.set $mx (global.get $mx))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f64.load (local.get $x)))
        (local.set $d (f64.sub (local.get $v) (local.get $x0)))
        (local.set $s (f64.add (local.get $s) (local.get $d)))
        (local.set $q (f64.add (local.get $q) (f64.mul (local.get $d) (local.get $d))))
        (local.set $below (i32.add (local.get $below) (f64.lt (local.get $v) (f64.const 0))))
        (local.set $mn (select (local.get $v) (local.get $mn) (f64.lt (local.get $v) (local.get $mn))))
        (local.set $mx (select (local.get $v) (local.get $mx) (f64.gt (local.get $v) (local.get $mx))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $next)))
    (global.set $s (local.get $s)) (global.set $q (local.get $q))
    (global.set $mn (local.get $mn)) (global.set $mx (local.get $mx))
    (local.get $below))

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

  ;; histogram: counts[floor((x − from) / width), held to 0 … bars − 1] += 1.
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
)
