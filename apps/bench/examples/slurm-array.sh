#!/usr/bin/env bash
# A Slurm job array: 8 tasks, each runs one deterministic eighth of the grid (--shard I/N) into
# its own output folder on the shared file system; a dependent job merges them.
#
#   jobid=$(sbatch --parsable apps/bench/examples/slurm-array.sh)      # from the repository root
#   sbatch --dependency=afterok:${jobid} --wrap \
#     'node apps/bench/dist/cli.js merge bench-shards/shard-* --out bench-out'
#
# A task that fails or times out can be resubmitted alone (sbatch --array=5 ...): it resumes
# from the cache in its folder.
#
#SBATCH --job-name=oversample-bench
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --mem=16G
#SBATCH --time=04:00:00
#SBATCH --output=bench-shards/slurm-%A_%a.log
set -euo pipefail
SHARDS=8
PRESET=${PRESET:-keel}
cd "${SLURM_SUBMIT_DIR}"
# --jobs: the cores Slurm gave this task; each shard writes its own folder, so none waits on a lock.
node apps/bench/dist/cli.js --preset "${PRESET}" --jobs "${SLURM_CPUS_PER_TASK}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --out "bench-shards/shard-${SLURM_ARRAY_TASK_ID}"
