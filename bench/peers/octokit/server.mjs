// The ingest-peers scenario's peer: @octokit/webhooks' own Node middleware on a plain http server, as its README
// shows. It verifies X-Hub-Signature-256, parses the JSON and dispatches to a handler; it stores nothing.
// Usage: node server.mjs <port> <secret>; prints "listening <port>" once it accepts connections.
import { createServer } from "node:http";
import { Webhooks, createNodeMiddleware } from "@octokit/webhooks";

const [port, secret] = process.argv.slice(2);
if (!port || !secret) {
  console.error("usage: node server.mjs <port> <secret>");
  process.exit(2);
}

const webhooks = new Webhooks({ secret });
let received = 0;
webhooks.on("push", () => {
  received++;
});

const server = createServer(createNodeMiddleware(webhooks, { path: "/hooks/github" }));
server.listen(Number(port), "127.0.0.1", () => console.log(`listening ${port}`));
const stop = () => server.close(() => {
  console.log(`received ${received}`);
  process.exit(0);
});
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
