import { OversampleError } from '@oversample/core';

/**
 * A problem with what the user asked for on the command line (an unknown flag or name, a missing
 * dataset path): the CLI prints its message on one line and exits with code 2.
 */
export class UsageError extends OversampleError {}
