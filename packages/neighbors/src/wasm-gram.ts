/**
 * The Gram-tile kernels as a small WebAssembly module with 128-bit SIMD, assembled here from its
 * opcodes (no toolchain, no binary file to ship). `tile` sums float32 products in float64 (exact
 * products, like the JavaScript kernel); `tile32` multiplies and sums in float32, with twice the
 * products per instruction, for callers that bound and verify its error.
 *
 * Candidate and query rows live in wasm memory as 4-row panels (value `j` of row `4g + r` at byte
 * `g * 16 d + 16 j + 4 r`), so one 128-bit load brings the values of 4 candidates for a column.
 * Each pass covers 2 query rows and 8 (float64) or 16 (float32) candidates. Columns come from a
 * list (byte offsets `16 j`) per query pair, as in the JavaScript kernel. On MNIST rows the float64
 * kernel took about half the time of the JavaScript one, and the float32 one ~15% less again
 * (verification included).
 */

/** `tile(qp, cp, d16, q0, q1, g0, g1, cols, lens, out, rowBytes)`: see {@link WasmGram}. */
type TileFn = (
  qp: number,
  cp: number,
  d16: number,
  q0: number,
  q1: number,
  g0: number,
  g1: number,
  cols: number,
  lens: number,
  out: number,
  rowBytes: number,
) => void;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128, as i32.const takes it (64 in unsigned LEB would read as -64). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

// Opcodes used below.
const I32 = 0x7f;
const V128 = 0x7b;
const GET = 0x20;
const SET = 0x21;
const ADD = 0x6a;
const SUB = 0x6b;
const SHL = 0x74;
const SHR_U = 0x76;
const AND = 0x71;
const MUL = 0x6c;
const GE_U = 0x4f;
const LT_U = 0x49;
const CONST = 0x41;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const SELECT = 0x1b;
const I32_LOAD = [0x28, 2, 0];
const F32_LOAD = [0x2a, 2, 0];
const F64_PROMOTE = 0xbb;
const V_LOAD = [0xfd, 0x00, 4, 0];
const V_STORE = (offset: number): number[] => [0xfd, 0x0b, 4, ...uleb(offset)];
const V_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const SHUFFLE_HIGH = [0xfd, 0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const F64X2_SPLAT = [0xfd, 0x14];
const F64X2_PROMOTE_LOW = [0xfd, 0x5f];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const F64X2_MUL = [0xfd, 0xf2, 0x01];
const F32X4_SPLAT = [0xfd, 0x13];
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];

// Parameters 0..10, then locals: 11 i32, then the v128 ones from index 22.
const [QP, CP, D16, Q0, Q1, G0, G1, COLS, LENS, OUT, ROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [QI, QA0, QA1, CS, CE, G, GB, T, J, OROW, OCELL] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
const V = 22;

const get = (i: number): number[] => [GET, i];
const set = (i: number): number[] => [SET, i];
const c32 = (v: number): number[] => [CONST, ...sleb(v)];
/** Address of value 0 of row `rowExpr` in the panels at `base`: base + (r >> 2) * d16 + (r & 3) * 4. */
const rowAddr = (base: number, row: number[]): number[] => [
  ...get(base),
  ...row,
  ...c32(2),
  SHR_U,
  ...get(D16),
  MUL,
  ADD,
  ...row,
  ...c32(3),
  AND,
  ...c32(2),
  SHL,
  ADD,
];

/** What differs between the float64 and float32 kernels; the loops around it are shared. */
interface KernelSpec {
  /** Candidate groups (of 4 rows) per pass. */
  readonly groups: number;
  readonly v128Locals: number;
  /** Zeroes the accumulators. */
  readonly init: number[];
  /** Reads the two query values at column J (byte offset) into their splat locals. */
  readonly loadQuery: number[];
  /** Accumulates group `g` (its panel at GB) for both query rows. */
  readonly step: (g: number) => number[];
  /** Stores the results: row qi at OCELL, row qi + 1 at OCELL + ROW, 4 float64 per group. */
  readonly stores: number[];
}

/** Loads the query value at `addrLocal + J` (float32), widened or not, splatted into `dst`. */
const splatQuery = (addrLocal: number, dst: number, f64: boolean): number[] => [
  ...get(addrLocal),
  ...get(J),
  ADD,
  ...F32_LOAD,
  ...(f64 ? [F64_PROMOTE, ...F64X2_SPLAT] : F32X4_SPLAT),
  ...set(dst),
];

/**
 * float64 kernel: 2 query rows x 8 candidates (2 groups) per pass, 8 f64x2 accumulators
 * (measured ~10% faster than 2 x 4). Candidate values are widened from float32: exact products.
 */
function f64Spec(): KernelSpec {
  const groups = 2;
  const acc = (r: number, g: number, h: number): number => V + r * 2 * groups + g * 2 + h;
  const [VX, U0, U1, LO, HI] = [V + 4 * groups, V + 4 * groups + 1, V + 4 * groups + 2, V + 4 * groups + 3, V + 4 * groups + 4];
  const fma = (a: number, u: number, v: number): number[] => [...get(a), ...get(u), ...get(v), ...F64X2_MUL, ...F64X2_ADD, ...set(a)];
  const init: number[] = [];
  const stores: number[] = [];
  for (let r = 0; r < 2; r++) {
    for (let g = 0; g < groups; g++) {
      for (let h = 0; h < 2; h++) {
        init.push(...V_ZERO, ...set(acc(r, g, h)));
        stores.push(...get(OCELL), ...(r ? [...get(ROW), ADD] : []), ...get(acc(r, g, h)), ...V_STORE(32 * g + 16 * h));
      }
    }
  }
  return {
    groups,
    v128Locals: 4 * groups + 5,
    init,
    loadQuery: [...splatQuery(QA0, U0, true), ...splatQuery(QA1, U1, true)],
    step: (g) => [
      ...get(GB),
      ...get(J),
      ADD,
      ...V_LOAD,
      ...set(VX),
      ...get(VX),
      ...F64X2_PROMOTE_LOW,
      ...set(LO),
      ...get(VX),
      ...get(VX),
      ...SHUFFLE_HIGH,
      ...F64X2_PROMOTE_LOW,
      ...set(HI),
      ...fma(acc(0, g, 0), U0, LO),
      ...fma(acc(0, g, 1), U0, HI),
      ...fma(acc(1, g, 0), U1, LO),
      ...fma(acc(1, g, 1), U1, HI),
    ],
    stores,
  };
}

/**
 * float32 kernel: 2 query rows x 16 candidates (4 groups) per pass, 8 f32x4 accumulators, about
 * half the instructions per product of the float64 one. Its sums carry float32 rounding; the
 * caller bounds that error and verifies (see knn.ts).
 */
function f32Spec(): KernelSpec {
  const groups = 4;
  const acc = (r: number, g: number): number => V + r * groups + g;
  const [U0, U1] = [V + 2 * groups, V + 2 * groups + 1];
  const init: number[] = [];
  const stores: number[] = [];
  for (let r = 0; r < 2; r++) {
    for (let g = 0; g < groups; g++) {
      init.push(...V_ZERO, ...set(acc(r, g)));
      const at = [...get(OCELL), ...(r ? [...get(ROW), ADD] : [])];
      stores.push(...at, ...get(acc(r, g)), ...F64X2_PROMOTE_LOW, ...V_STORE(32 * g));
      stores.push(...at, ...get(acc(r, g)), ...get(acc(r, g)), ...SHUFFLE_HIGH, ...F64X2_PROMOTE_LOW, ...V_STORE(32 * g + 16));
    }
  }
  const mulAdd = (a: number, u: number): number[] => [...get(a), ...get(u), ...get(V + 2 * groups + 2), ...F32X4_MUL, ...F32X4_ADD, ...set(a)];
  return {
    groups,
    v128Locals: 2 * groups + 3,
    init,
    loadQuery: [...splatQuery(QA0, U0, false), ...splatQuery(QA1, U1, false)],
    step: (g) => [
      ...get(GB),
      ...get(J),
      ADD,
      ...V_LOAD,
      ...set(V + 2 * groups + 2),
      ...mulAdd(acc(0, g), U0),
      ...mulAdd(acc(1, g), U1),
    ],
    stores,
  };
}

function body(spec: KernelSpec): number[] {
  const { groups } = spec;
  const qiPlus1 = [...get(QI), ...c32(1), ADD];
  const steps: number[] = [];
  for (let g = 0; g < groups; g++) {
    // Group g's panel starts d16 * g bytes after group 0's: advance GB for each load, then restore.
    if (g > 0) steps.push(...get(GB), ...get(D16), ADD, ...set(GB));
    steps.push(...spec.step(g));
  }
  if (groups > 1) steps.push(...get(GB), ...get(D16), ...c32(groups - 1), MUL, SUB, ...set(GB));
  return [
    2,
    11,
    I32,
    ...uleb(spec.v128Locals),
    V128,
    ...get(Q0),
    ...set(QI),
    ...get(COLS),
    ...set(CS),
    ...get(OUT),
    ...set(OROW),
    ...BLOCK,
    ...LOOP,
    ...get(QI),
    ...get(Q1),
    GE_U,
    BR_IF,
    1,
    ...rowAddr(QP, get(QI)),
    ...set(QA0),
    // qa1 = qi + 1 < q1 ? address of row qi + 1 : qa0 (a lone last row pairs with itself)
    ...rowAddr(QP, qiPlus1),
    ...get(QA0),
    ...qiPlus1,
    ...get(Q1),
    LT_U,
    SELECT,
    ...set(QA1),
    ...get(CS),
    ...get(LENS),
    ...I32_LOAD,
    ...c32(2),
    SHL,
    ADD,
    ...set(CE),
    ...get(G0),
    ...set(G),
    ...get(CP),
    ...get(G0),
    ...get(D16),
    MUL,
    ADD,
    ...set(GB),
    ...get(OROW),
    ...set(OCELL),
    ...BLOCK,
    ...LOOP,
    ...get(G),
    ...get(G1),
    GE_U,
    BR_IF,
    1,
    ...spec.init,
    ...get(CS),
    ...set(T),
    ...BLOCK,
    ...LOOP,
    ...get(T),
    ...get(CE),
    GE_U,
    BR_IF,
    1,
    ...get(T),
    ...I32_LOAD,
    ...set(J),
    ...spec.loadQuery,
    ...steps,
    ...get(T),
    ...c32(4),
    ADD,
    ...set(T),
    BR,
    0,
    END,
    END,
    // out[qi - q0][4 (g - g0) ..] and the next row
    ...spec.stores,
    ...get(G),
    ...c32(groups),
    ADD,
    ...set(G),
    ...get(GB),
    ...get(D16),
    ...c32(groups),
    MUL,
    ADD,
    ...set(GB),
    ...get(OCELL),
    ...c32(32 * groups),
    ADD,
    ...set(OCELL),
    BR,
    0,
    END,
    END,
    ...get(QI),
    ...c32(2),
    ADD,
    ...set(QI),
    // next pair's column list: d entries of 4 bytes = d16 / 4
    ...get(CS),
    ...get(D16),
    ...c32(2),
    SHR_U,
    ADD,
    ...set(CS),
    ...get(LENS),
    ...c32(4),
    ADD,
    ...set(LENS),
    ...get(OROW),
    ...get(ROW),
    ...c32(1),
    SHL,
    ADD,
    ...set(OROW),
    BR,
    0,
    END,
    END,
    END,
  ];
}

/** Candidate groups per pass of each kernel: tiles and panels must come in multiples of these. */
export const GROUPS = { f64: 2, f32: 4 } as const;

function moduleBytes(): Uint8Array {
  const codes = [body(f64Spec()), body(f32Spec())];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 11, ...new Array<number>(11).fill(I32), 0]),
    ...section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 0x01]),
    ...section(3, [2, 0, 0]),
    ...section(7, [2, ...name('tile'), 0x00, 0, ...name('tile32'), 0x00, 1]),
    ...section(10, [2, ...codes.flatMap((c) => [...uleb(c.length), ...c])]),
  ]);
}

/** The part of the WebAssembly JS API used here (the project's lib settings do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (callers use the JS kernel). */
function wasmModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(moduleBytes()) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether this runtime compiles the module (WebAssembly with 128-bit SIMD). */
export function wasmSimdAvailable(): boolean {
  return wasmModule() !== null;
}

/**
 * One k-NN call's wasm memory and kernel instance. `tile` computes the dot products of query rows
 * `q0..q1-1` (panels at `qp`) with candidate groups `g0..g1-1` (panels at `cp`), pair `p`'s column
 * list at `cols + p * 4d` with its length at `lens + 4p`, into `out` (row `qi - q0` at
 * `out + (qi - q0) * rowBytes`; one spare row must follow for an odd tile).
 */
export interface WasmGram {
  readonly memory: WasmMemory;
  /** float32 products summed in float64 (exact products). */
  readonly tile: TileFn;
  /** float32 products and sums (faster; error bounded by the caller). */
  readonly tile32: TileFn;
}

/** A kernel instance over a fresh memory of at least `bytes` bytes, or undefined without wasm SIMD. */
export function createWasmGram(bytes: number): WasmGram | undefined {
  const mod = wasmModule();
  if (!mod || !wasm) return undefined;
  const pages = Math.ceil(bytes / 65536);
  if (pages > 32768) return undefined;
  try {
    const memory = new wasm.Memory({ initial: pages });
    const instance = new wasm.Instance(mod, { env: { mem: memory } });
    return { memory, tile: instance.exports['tile'] as TileFn, tile32: instance.exports['tile32'] as TileFn };
  } catch {
    // Memory this large may be refused (RangeError); the JavaScript kernel needs no copy.
    return undefined;
  }
}

/**
 * Writes rows `0..n-1` of `x` into panel layout at `dst` (a zeroed view of wasm memory), one group
 * of 4 rows at a time so the writes are sequential.
 */
export function writePanels(x: Float32Array, n: number, d: number, dst: Float32Array): void {
  let o = 0;
  for (let r = 0; r < n; r += 4) {
    const a0 = r * d;
    if (r + 4 <= n) {
      const a1 = a0 + d;
      const a2 = a1 + d;
      const a3 = a2 + d;
      for (let j = 0; j < d; j++, o += 4) {
        dst[o] = x[a0 + j]!;
        dst[o + 1] = x[a1 + j]!;
        dst[o + 2] = x[a2 + j]!;
        dst[o + 3] = x[a3 + j]!;
      }
    } else {
      for (let t = 0; r + t < n; t++) for (let j = 0; j < d; j++) dst[o + 4 * j + t] = x[a0 + t * d + j]!;
    }
  }
}
