/** A small client for a running tradectl server: JSON in and out, problem documents turned into input errors. */

import { BadInputError } from "../app/errors.ts";

/** A problem document of the server (or a missing key), as bad input of the command. */
export class RemoteError extends BadInputError {
  constructor(problems: string[]) {
    super(problems, "the server refused the request");
    this.name = "RemoteError";
  }
}

export interface Remote {
  server: string;
  apiKey: string;
}

export function remoteFrom(opts: { server?: string; apiKey?: string }): Remote {
  const server = opts.server ?? process.env.TRADECTL_SERVER ?? "http://localhost:3000";
  const apiKey = opts.apiKey ?? process.env.TRADECTL_API_KEY;
  if (!apiKey) throw new RemoteError(["an API key is needed: --api-key or TRADECTL_API_KEY"]);
  return { server, apiKey };
}

/** The server's answer to a request, or a RemoteError naming its problem (or why it could not be reached). */
async function send(r: Remote, method: string, path: string, body?: unknown): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(new URL(path, r.server), {
      method,
      headers: {
        authorization: `Bearer ${r.apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (e) {
    throw new RemoteError([`cannot reach ${r.server}: ${(e as Error).message}`]);
  }
  if (!res.ok) {
    const p = parsed(await res.text()) as { detail?: string; errors?: { path: string; message: string }[] };
    throw new RemoteError([
      `server answered ${res.status}: ${p?.detail ?? ""}`,
      ...(p?.errors ?? []).map((e) => `${e.path}: ${e.message}`),
    ]);
  }
  return res;
}

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

export async function callServer<T = unknown>(
  r: Remote,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return parsed(await (await send(r, method, path, body)).text()) as T;
}

/** A file the server sends (a PDF): its bytes and headers. */
export async function downloadFromServer(
  r: Remote,
  path: string,
): Promise<{ bytes: Buffer; headers: Headers }> {
  const res = await send(r, "GET", path);
  return { bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}
