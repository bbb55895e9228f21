/* global atob, globalThis */
/**
 * The simulation's statistics loops in WebAssembly (kernels.wat): the moments, margins, percentile tallies,
 * percentile buckets and histograms of a million trials a model. V8 runs these loops over typed arrays at about
 * 2–3 ns an element on the machines we measure on; the same loops compiled from WebAssembly run in about half
 * (Developing → Performance). They are statistics, not payment rules: every rule stays in settlement.ts.
 *
 * A kernel owns one WebAssembly memory, sized once (it never grows, so the arrays on it stay valid), and hands
 * out arrays on it. stats.ts runs a loop in WebAssembly when its arrays are on a kernel's memory, and its own
 * TypeScript loop otherwise; each kernel is that loop's arithmetic in the same order, so the figures are the
 * same to the last bit (tests/engine/kernels.test.ts runs both). Where WebAssembly is missing, or a
 * Content-Security-Policy without 'wasm-unsafe-eval' forbids it, `Kernel.create` gives null and the caller
 * uses plain arrays: slower, never different.
 */
import { KERNELS_WASM } from "./kernels-wasm";

interface KernelExports {
  moments(x: number, n: number, x0: number): number;
  difference(a: number, b: number, into: number, n: number, x0: number): number;
  tally(x: number, n: number, lo: number, hi: number, kept: number, held: number): number;
  buckets(x: number, n: number, lo: number, scale: number, buckets: number, which: number, counts: number): void;
  gather(x: number, n: number, which: number, place: number, out: number): void;
  histogram(x: number, n: number, from: number, width: number, bars: number, counts: number): void;
  accumulate(c: number, total: number, n: number, fixed: number, first: number): void;
  s: WasmGlobal;
  q: WasmGlobal;
  mn: WasmGlobal;
  mx: WasmGlobal;
  under: WasmGlobal;
}

/**
 * The part of the WebAssembly API used here, typed locally: the engine's Node build has no DOM library to
 * declare it, and a host may lack it altogether (then no kernel is made).
 */
interface WasmGlobal {
  value: number;
}
interface WasmModule {
  readonly compiled: unique symbol;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => { exports: unknown };
  Memory: new (size: { initial: number }) => WasmMemory;
}
interface WasmMemory {
  buffer: ArrayBuffer;
}
const webAssembly = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The buckets orderStatistics counts into (stats.ts), and so the size of a kernel's tables. */
export const TABLE = 4096;

let compiled: WasmModule | null | undefined;
let enabled = true;

/** Tests: run with (true) or without (false) WebAssembly kernels; returns the previous setting. */
export function useKernels(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

function kernelModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      if (webAssembly === undefined) throw new Error("no WebAssembly here");
      const text = atob(KERNELS_WASM);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      compiled = new webAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const owners = new WeakMap<ArrayBufferLike, Kernel>();

/** The kernel whose memory holds every one of these arrays, or null. */
export function kernelOf(...xs: ArrayBufferView[]): Kernel | null {
  const k = owners.get(xs[0].buffer);
  return k !== undefined && xs.every((x) => x.buffer === k.buffer) ? k : null;
}

/** Byte offset of element `at` of x in its memory. */
export const byteAt = (x: Float64Array | Int32Array | Uint16Array, i = 0): number => x.byteOffset + i * x.BYTES_PER_ELEMENT;

/**
 * One released kernel, kept for the next simulation. Mapping a fresh memory costs more than most of a simulation's
 * arithmetic (about 60 ms to first touch 110 MB on the machines we measure on; clearing a mapped one, about 4 ms),
 * and a pane's job runs up to four simulations in a row. Held until the next simulation takes it, or until
 * `forgetSpare` (the pane's job, when it ends, so the pane holds no memory between runs).
 */
let spare: Kernel | null = null;

/** Let the spare kernel's memory go. */
export function forgetSpare(): void {
  spare = null;
}

export class Kernel {
  private next = 0;
  /** Whether the memory was used before: arrays handed out are then cleared, as a fresh memory's are zeros. */
  private used = false;
  /** orderStatistics' and histogram's scratch: a bucket per value, counts and places per bucket, gathered values. */
  which: Uint16Array = new Uint16Array(0);
  counts: Int32Array = new Int32Array(0);
  place: Int32Array = new Int32Array(0);
  /** Where orderStatistics gathers, by level (a bucket split again is gathered into the other). */
  gathered: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];
  /** The longest array orderStatistics may be asked about. */
  longest = 0;

  private constructor(
    readonly wasm: KernelExports,
    readonly buffer: ArrayBuffer,
  ) {}

  /** Hands out the scratch for arrays up to `longest` long, first of all (and, reused, everything anew). */
  private start(longest: number): this {
    this.next = 0;
    this.longest = longest;
    this.gathered = [this.doubles(longest), this.doubles(longest)];
    this.counts = this.ints(TABLE);
    this.place = this.ints(TABLE);
    this.which = new Uint16Array(this.buffer, this.take(2 * longest), longest);
    return this;
  }

  /**
   * A kernel with room for `doubles` numbers of the caller's and the scratch of arrays up to `longest` long (the
   * spare one if it is large enough); null where WebAssembly cannot run or the memory cannot be had (the caller
   * then uses plain arrays).
   */
  static create(doubles: number, longest: number): Kernel | null {
    const code = enabled ? kernelModule() : null;
    if (code === null) return null;
    const bytes = 8 * (doubles + 2 * longest) + 4 * 2 * TABLE + 2 * longest + 64;
    if (spare !== null && spare.buffer.byteLength >= bytes) {
      const kernel = spare;
      spare = null;
      return kernel.start(longest);
    }
    try {
      const api = webAssembly as WasmApi;
      const memory = new api.Memory({ initial: Math.ceil(bytes / 65536) });
      const instance = new api.Instance(code, { env: { memory } });
      const kernel = new Kernel(instance.exports as unknown as KernelExports, memory.buffer);
      owners.set(memory.buffer, kernel);
      return kernel.start(longest);
    } catch {
      return null;
    }
  }

  /**
   * The caller is done with every array it was handed (it never reads or writes them again): the memory is kept
   * for the next simulation.
   */
  release(): void {
    this.used = true;
    if (spare === null || spare.buffer.byteLength <= this.buffer.byteLength) spare = this;
  }

  private take(bytes: number): number {
    const from = this.next;
    this.next += Math.ceil(bytes / 8) * 8;
    if (this.next > this.buffer.byteLength) throw new Error("kernel memory: more asked for than it was made for");
    return from;
  }

  /** A new array of n numbers on this kernel's memory (zeros). */
  doubles(n: number): Float64Array {
    const x = new Float64Array(this.buffer, this.take(8 * n), n);
    return this.used ? x.fill(0) : x;
  }

  private ints(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(4 * n), n);
  }
}

/** n new arrays of `length` numbers: on the kernel's memory where there is one, plain otherwise. */
export function columns(kernel: Kernel | null, n: number, length: number): Float64Array[] {
  return Array.from({ length: n }, () => (kernel ? kernel.doubles(length) : new Float64Array(length)));
}
