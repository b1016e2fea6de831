// stdin JSON in, stdout JSON out, for the xunit tests in tests/Core.Tests/Interop (NodePeer.cs).
// A failure of the script itself (not a failed verification) exits 1 with the reason on stderr.
import { readFileSync } from 'node:fs';

export async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function writeOutput(value) {
  process.stdout.write(JSON.stringify(value));
}

/** "name@version" as installed, so a test's output says which library did the work. */
export function installed(name) {
  // Read from the file: not every package exports its package.json.
  const manifest = JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8'));
  return `${name}@${manifest.version}`;
}

export function run(main) {
  main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
