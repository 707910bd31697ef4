#!/usr/bin/env node
// The `seedstudy` executable: runs the compiled CLI (built by `npm install` via the `prepare` script).
import { main } from '../dist/cli/main.js';
await main();
