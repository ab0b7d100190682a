#!/usr/bin/env node
// The `tideline` command. The server runs its TypeScript directly (no build step), so register tsx's
// ESM loader first, then hand over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
