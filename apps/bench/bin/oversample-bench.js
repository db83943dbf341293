#!/usr/bin/env node
// The `oversample-bench` command. A committed file rather than dist/cli.js itself, so that
// `pnpm install` in a fresh clone can link the command before anything is built (it warns about a
// bin whose file is missing); it runs the built CLI.
import { runCli } from '../dist/cli.js';

runCli();
