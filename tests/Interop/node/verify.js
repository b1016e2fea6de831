// Verifies a request the host delivered, with a receiver's library, as a receiver would.
//
// stdin:  { "library": "standardwebhooks" | "svix", "secret": "whsec_...", "body": "<base64 of the exact body>",
//           "headers": { "<name>": "<value>", ... } }
// stdout: { "verified": true, "library": "...", "payload": <the parsed body> }
//      or { "verified": false, "library": "...", "error": "<the library's reason>" }
//
// A refused signature is an answer (exit 0), not a failure of the script.
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { installed, readInput, run, writeOutput } from './io.js';

const libraries = {
  standardwebhooks: (secret) => new StandardWebhook(secret),
  svix: (secret) => new SvixWebhook(secret),
};

run(async () => {
  const { library, secret, body, headers } = await readInput();
  const create = libraries[library];
  if (!create) {
    throw new Error(`unknown library '${library}' (known: ${Object.keys(libraries).join(', ')})`);
  }

  const raw = Buffer.from(body, 'base64');
  const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const name = installed(library);
  try {
    create(secret).verify(raw, lowerCased);
  } catch (error) {
    writeOutput({ verified: false, library: name, error: String(error?.message ?? error) });
    return;
  }

  writeOutput({ verified: true, library: name, payload: JSON.parse(raw.toString('utf8')) });
});
