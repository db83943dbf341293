/**
 * The Gram-tile kernels as a small WebAssembly module with 128-bit SIMD, assembled here from its
 * opcodes (no toolchain, no binary file to ship). `tile` sums float32 products in float64 (exact
 * products, like the JavaScript kernel); `tile32` multiplies and sums in float32, with twice the
 * products per instruction, for callers that bound and verify its error.
 *
 * Rows live in wasm memory as panels of `P` rows (value `j` of row `P g + r` at byte
 * `g * 4 P d + 4 P j + 4 r`): a pass over one panel loads the `P` candidates of a column from one
 * address with immediate offsets, so the inner loop is little more than the loads and the
 * arithmetic. Each pass covers 2 query rows (`P`-row panels too) and one candidate panel: 16
 * candidates in float32 (8 f32x4 accumulators), 8 in float64 (8 f64x2 accumulators), which with
 * the operands fills the 16 SIMD registers of x64 without spilling. Columns come from a list
 * (byte offsets `4 P j`) per query pair, only those where one of the two rows is non-zero, as in
 * the JavaScript kernel.
 */

/** `tile(qp, cp, panelBytes, q0, q1, g0, g1, cols, lens, out, rowBytes)`: see {@link WasmGram}. */
type TileFn = (
  qp: number,
  cp: number,
  panelBytes: number,
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
const V_LOAD = (offset: number): number[] => [0xfd, 0x00, 4, ...uleb(offset)];
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
const [QP, CP, PB, Q0, Q1, G0, G1, COLS, LENS, OUT, ROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [QI, QA0, QA1, CS, CE, G, GB, T, J, OROW, OCELL] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
const V = 22;

const get = (i: number): number[] => [GET, i];
const set = (i: number): number[] => [SET, i];
const c32 = (v: number): number[] => [CONST, ...sleb(v)];

/** What differs between the float64 and float32 kernels; the loops around it are shared. */
interface KernelSpec {
  /** Rows per panel: candidates per pass. */
  readonly panel: number;
  readonly v128Locals: number;
  /** i32 locals after the v128 ones (index `V + v128Locals` on). */
  readonly extraI32: number;
  /** Zeroes the accumulators. */
  readonly init: number[];
  /** Reads the two query values at column J into their splat locals. */
  readonly loadQuery: number[];
  /** Accumulates the candidate panel at GB + J for both query rows. */
  readonly step: number[];
  /** Stores the results: row qi at OCELL, row qi + 1 at OCELL + ROW, `panel` float64 each. */
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

/** Stores accumulator `acc` (f64x2) at OCELL (+ ROW for the second query row) + `offset`. */
const storeAt = (second: boolean, offset: number, value: number[]): number[] => [
  ...get(OCELL),
  ...(second ? [...get(ROW), ADD] : []),
  ...value,
  ...V_STORE(offset),
];

/**
 * float64 kernel: 2 query rows x 8 candidates (a panel of 8), 8 f64x2 accumulators. Candidate
 * values are widened from float32: exact products.
 */
function f64Spec(): KernelSpec {
  const panel = 8;
  const acc = (r: number, h: number): number => V + r * 4 + h;
  const [VX, U0, U1, W0, W1] = [V + 8, V + 9, V + 10, V + 11, V + 12];
  const fma = (a: number, u: number, v: number): number[] => [...get(a), ...get(u), ...get(v), ...F64X2_MUL, ...F64X2_ADD, ...set(a)];
  const init: number[] = [];
  const stores: number[] = [];
  for (let r = 0; r < 2; r++) {
    for (let h = 0; h < 4; h++) {
      init.push(...V_ZERO, ...set(acc(r, h)));
      stores.push(...storeAt(r === 1, 16 * h, get(acc(r, h))));
    }
  }
  // Each 4-candidate load widens into two f64x2 (W0, W1), used by both query rows at once.
  const step: number[] = [];
  for (let half = 0; half < 2; half++) {
    step.push(
      ...get(GB),
      ...get(J),
      ADD,
      ...V_LOAD(16 * half),
      ...set(VX),
      ...get(VX),
      ...F64X2_PROMOTE_LOW,
      ...set(W0),
      ...get(VX),
      ...get(VX),
      ...SHUFFLE_HIGH,
      ...F64X2_PROMOTE_LOW,
      ...set(W1),
      ...fma(acc(0, 2 * half), U0, W0),
      ...fma(acc(0, 2 * half + 1), U0, W1),
      ...fma(acc(1, 2 * half), U1, W0),
      ...fma(acc(1, 2 * half + 1), U1, W1),
    );
  }
  return {
    panel,
    v128Locals: 13,
    extraI32: 0,
    init,
    loadQuery: [...splatQuery(QA0, U0, true), ...splatQuery(QA1, U1, true)],
    step,
    stores,
  };
}

/**
 * float32 kernel: 2 query rows x 16 candidates (a panel of 16) per pass, 8 f32x4 accumulators,
 * about half the instructions per product of the float64 one. Its sums carry float32 rounding;
 * the caller bounds that error and verifies (see brute-search.ts).
 */
function f32Spec(): KernelSpec {
  const panel = 16;
  const acc = (r: number, g: number): number => V + r * 4 + g;
  // A (an i32 local after the 11 v128 ones) holds the panel row's address.
  const [U0, U1, VX, A] = [V + 8, V + 9, V + 10, V + 11];
  const init: number[] = [];
  const stores: number[] = [];
  for (let r = 0; r < 2; r++) {
    for (let g = 0; g < 4; g++) {
      init.push(...V_ZERO, ...set(acc(r, g)));
      stores.push(...storeAt(r === 1, 32 * g, [...get(acc(r, g)), ...F64X2_PROMOTE_LOW]));
      stores.push(...storeAt(r === 1, 32 * g + 16, [...get(acc(r, g)), ...get(acc(r, g)), ...SHUFFLE_HIGH, ...F64X2_PROMOTE_LOW]));
    }
  }
  const mulAdd = (a: number, u: number): number[] => [...get(a), ...get(u), ...get(VX), ...F32X4_MUL, ...F32X4_ADD, ...set(a)];
  // The panel row's address once (an i32 local), then four loads at immediate offsets.
  const step: number[] = [...get(GB), ...get(J), ADD, ...set(A)];
  for (let g = 0; g < 4; g++) {
    step.push(...get(A), ...V_LOAD(16 * g), ...set(VX), ...mulAdd(acc(0, g), U0), ...mulAdd(acc(1, g), U1));
  }
  return {
    panel,
    v128Locals: 11,
    extraI32: 1,
    init,
    loadQuery: [...splatQuery(QA0, U0, false), ...splatQuery(QA1, U1, false)],
    step,
    stores,
  };
}

/** log2 of a power of two. */
const log2 = (p: number): number => Math.round(Math.log2(p));

function body(spec: KernelSpec): number[] {
  const { panel } = spec;
  const qiPlus1 = [...get(QI), ...c32(1), ADD];
  /** Address of value 0 of row `row` in the query panels: qp + (r / P) * pb + (r % P) * 4. */
  const rowAddr = (row: number[]): number[] => [
    ...get(QP),
    ...row,
    ...c32(log2(panel)),
    SHR_U,
    ...get(PB),
    MUL,
    ADD,
    ...row,
    ...c32(panel - 1),
    AND,
    ...c32(2),
    SHL,
    ADD,
  ];
  const { extraI32 } = spec;
  return [
    extraI32 ? 3 : 2,
    11,
    I32,
    ...uleb(spec.v128Locals),
    V128,
    ...(extraI32 ? [...uleb(extraI32), I32] : []),
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
    ...rowAddr(get(QI)),
    ...set(QA0),
    // qa1 = qi + 1 < q1 ? address of row qi + 1 : qa0 (a lone last row pairs with itself)
    ...rowAddr(qiPlus1),
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
    ...get(PB),
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
    ...spec.step,
    ...get(T),
    ...c32(4),
    ADD,
    ...set(T),
    BR,
    0,
    END,
    END,
    // out[qi - q0][P (g - g0) ..] and the next row
    ...spec.stores,
    ...get(G),
    ...c32(1),
    ADD,
    ...set(G),
    ...get(GB),
    ...get(PB),
    ADD,
    ...set(GB),
    ...get(OCELL),
    ...c32(8 * panel),
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
    // next pair's column list: d entries of 4 bytes = pb / P
    ...get(CS),
    ...get(PB),
    ...c32(log2(panel)),
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

/** Rows per panel of each kernel (candidates per pass): tiles must come in multiples of these. */
export const PANEL_ROWS = { f64: 8, f32: 16 } as const;

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
 * Writes rows `0..n-1` of `x` into `P`-row panel layout at `dst` (a zeroed view of wasm memory):
 * value `j` of row `P g + r` at `(g d + j) P + r`. Reads each row in order; a panel's writes land
 * in a block of `4 P d` bytes, which stays in cache while the panel fills.
 */
export function writePanels(x: Float32Array, n: number, d: number, dst: Float32Array, panel: number): void {
  for (let r = 0; r < n; r++) {
    const r0 = r % panel;
    let o = (r - r0) * d + r0;
    for (let j = 0, a = r * d; j < d; j++, o += panel) dst[o] = x[a + j]!;
  }
}
