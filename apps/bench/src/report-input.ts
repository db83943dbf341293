/** What both report writers take: the summary plus facts about the run. */
import type { Summary } from './aggregate';
import type { Recommendation } from './recommend';

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
  /** CPU seconds of the cells computed in this run, over every process (independent of the machine's load). */
  readonly cpuSeconds?: number;
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
  /** Notes on what was asked for and did not run as asked (e.g. a --set for a sampler not in the run). */
  readonly skipped: readonly string[];
  /** Each dataset's kind. */
  readonly datasetKinds: Readonly<Record<string, 'table' | 'image'>>;
  /** How image datasets were split (see protocol.ts). */
  readonly imageProtocol: 'subsample' | 'published';
  /** Per dataset with published numbers: how this run differs from the publication. */
  readonly publication: readonly { readonly dataset: string; readonly deviations: readonly string[] }[];
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
  /** The same cells scored on the balanced test (DeepSMOTE's published protocol only). */
  readonly balanced?: Summary;
  /** One paragraph per kind of data, computed from the figures. */
  readonly recommendations: readonly Recommendation[];
  readonly info: RunInfo;
  readonly images: readonly ImageGrid[];
}

/** The protocol sentence at the top of a report, from what the run held. */
export function protocolText(info: RunInfo): string {
  const kinds = new Set(Object.values(info.datasetKinds));
  const parts = ['Protocol: stratified k-fold cross-validation (shuffled with a fixed seed, so every sampler sees the same folds); each sampler sees the training fold only, never the test fold; every classifier is trained on the resampled training fold and scored on the untouched test fold.'];
  if (kinds.has('table')) parts.push('Table features are standardised on the training fold only.');
  if (kinds.has('image')) {
    parts.push(
      info.imageProtocol === 'published'
        ? "Images follow DeepSMOTE's protocol: the CV runs over the whole training split, each training fold is cut to the imbalance profile, each test fold to the imbalanced test profile (headline scores) and is also scored whole (the balanced test)."
        : 'Images: the training split is cut to the (scaled) DeepSMOTE imbalance profile once, and the CV runs inside it (cheaper than the published protocol; see the list of differences below).',
    );
  }
  parts.push('Scores are mean ± standard deviation over folds, repeats and seeds; rank 1 is best.');
  return parts.join(' ');
}
