// A stand-in MoEngage data host for throughput runs: answers every request with the accepted body, and counts what
// it received. It runs as a child process so its work does not share a core with the client being measured.
// Plain JavaScript so that both the built benchmarks and the TypeScript tests can fork it.
import { createServer } from "node:http";

const accepted = JSON.stringify({ status: "success", message: "Your request has been accepted and will be processed soon." });

const emptyStats = () => ({
  requests: 0,
  connections: 0,
  withoutAuthorization: 0,
  batches: 0,
  records: 0,
  batchBytes: 0,
  largestBatchBytes: 0,
  unreadableBatches: 0,
});
let stats = emptyStats();

const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    stats.requests++;
    if (!request.headers.authorization) stats.withoutAuthorization++;
    if (request.url?.startsWith("/v1/transition/")) {
      const body = Buffer.concat(chunks);
      stats.batches++;
      stats.batchBytes += body.length;
      stats.largestBatchBytes = Math.max(stats.largestBatchBytes, body.length);
      try {
        stats.records += JSON.parse(body.toString("utf8")).elements.length;
      } catch {
        stats.unreadableBatches++;
      }
    }
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(accepted) });
    response.end(accepted);
  });
});
server.on("connection", () => stats.connections++);

process.on("message", (message) => {
  if (message === "stats") process.send({ stats });
  if (message === "reset") {
    stats = emptyStats();
    process.send({ reset: true });
  }
  if (message === "stop") server.close(() => process.exit(0)), server.closeAllConnections();
});
// Never outlive the benchmark that started it.
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
