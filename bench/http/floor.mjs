// The HTTP floor of bench/http: a bare Fastify server (the framework tradectl's server runs on) that parses
// the same request body and sends a fixed answer of the same bytes as tradectl's — no authentication,
// decision, screening or recording. Plain JavaScript, run by Node directly, like the built server.
//   node bench/http/floor.mjs PORT ANSWER_FILE
import Fastify from "fastify";
import { readFileSync } from "node:fs";

const [port, answerFile] = process.argv.slice(2);
const answer = readFileSync(answerFile, "utf8");
const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
app.post("/v1/checks", async (req, reply) => {
  if (req.body === undefined) throw new Error("no body");
  return reply.type("application/json").send(answer);
});
await app.listen({ port: Number(port), host: "127.0.0.1" });
console.log("tradectl serving (floor)");
