/** What both report writers take: the summary plus facts about the run. */
import type { Summary } from './aggregate';

/** Facts about the run printed at the top of a report. */
export interface RunInfo {
  /** The configuration: a preset name, or `config FILE`. */
  readonly preset: string;
  /** The run folder's name (`quick-1a2b3c4d`). */
  readonly run: string;
  /** `2/4` when this run is one shard of a grid; `merged from N shards` after a merge. */
  readonly shard?: string;
  /** Tasks run at once (worker processes). */
  readonly jobs: number;
  /** Cache files found damaged or foreign and recomputed. */
  readonly ignoredCacheFiles: number;
  readonly paper: boolean;
  readonly startedAt: string;
  readonly wallSeconds: number;
  /** Seconds the cells took to compute (resampling counted once per fold and seed), cached ones included. */
  readonly cellSeconds: number;
  readonly folds: number;
  readonly repeats: number;
  readonly seeds: readonly number[];
  /** Cells computed in this run and cells read from the cache. */
  readonly computed: number;
  readonly cached: number;
  /** Whether the run was stopped (Ctrl-C) before every cell finished. */
  readonly interrupted: boolean;
  /** Cells planned in all. */
  readonly planned: number;
  readonly machine: string;
  readonly backend: string;
  /** One line per dataset: how it was loaded and cut down. */
  readonly datasetNotes: readonly string[];
  /** Samplers asked for but not available in this build, and why. */
  readonly skipped: readonly string[];
}

/** A PNG grid of real and synthetic images of one (dataset, sampler). */
export interface ImageGrid {
  readonly dataset: string;
  readonly sampler: string;
  /** Path relative to the output folder. */
  readonly file: string;
  /** The PNG bytes, for embedding in the HTML report. */
  readonly png: Uint8Array;
  readonly caption: string;
}

/** Everything a report writer needs. */
export interface ReportInput {
  readonly summary: Summary;
  readonly info: RunInfo;
  readonly images: readonly ImageGrid[];
}
