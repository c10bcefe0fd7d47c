/**
 * The server's Ed25519 key for audit checkpoints: `TRADECTL_AUDIT_KEY` (a PKCS#8 PEM private key; give every
 * process of a deployment the same one), else `<TRADECTL_HOME>/audit-key.pem`, created on first use (mode
 * 0600). The private key never leaves the process; its public half is registered in the database and exported
 * with the audit records.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyIdOf } from "../permits/checkpoint.ts";

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  publicPem: string;
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error("the audit key must be an Ed25519 private key");
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export function generateSigningKey(): SigningKey {
  return fromPrivate(generateKeyPairSync("ed25519").privateKey);
}

export function loadSigningKey(home: string, env: NodeJS.ProcessEnv = process.env): SigningKey {
  if (env.TRADECTL_AUDIT_KEY) {
    try {
      return fromPrivate(createPrivateKey(env.TRADECTL_AUDIT_KEY));
    } catch (e) {
      throw new Error(`TRADECTL_AUDIT_KEY is not an Ed25519 private key in PEM: ${(e as Error).message}`);
    }
  }
  const path = join(home, "audit-key.pem");
  try {
    return fromPrivate(createPrivateKey(readFileSync(path, "utf8")));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT")
      throw new Error(`cannot read the audit key ${path}: ${(e as Error).message}`);
  }
  const k = generateSigningKey();
  mkdirSync(home, { recursive: true });
  writeFileSync(path, k.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), {
    mode: 0o600,
    flag: "wx",
  });
  return k;
}
