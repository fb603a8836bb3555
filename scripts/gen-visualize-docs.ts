// Regenerates docs/visualize.md from the machine definitions (run: npm run docs:visualize).
import { fileURLToPath } from 'node:url';
import { renderVisualizeDoc } from '../src/inspect/visualize-doc.js';
import { writeFileAtomic } from '../src/cli/visualize-command.js';

const target = fileURLToPath(new URL('../docs/visualize.md', import.meta.url));
await writeFileAtomic(target, renderVisualizeDoc());
console.log(`wrote ${target}`);
