/**
 * The change builder's flow, shared by `tradectl policy build-overlay` and `POST /v1/overlays/build`: check the
 * change (strict schema), write it as an overlay (src/policy/overlay-builder.ts) and validate that overlay with
 * the pack loader as a hand-written one is — every problem named by its field, or by the overlay's line.
 * Returns the YAML for review and what it changes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { overlaySummary, type OverlaySummary } from "../impact/law-text.ts";
import { buildOverlay, changeSpec, type ChangeSpec } from "../policy/overlay-builder.ts";
import type { PolicySet } from "../policy/index.ts";
import { BadInputError } from "./errors.ts";
import { display, loadOverlay } from "./impact-runner.ts";

export interface BuiltChange {
  spec: ChangeSpec;
  yaml: string;
  summary: OverlaySummary;
}

/** Check, build and validate a change; bad input names every problem (`steps[1].group`, `overlay.yaml:14: …`). */
export function buildChange(policies: PolicySet, body: unknown, name = "overlay.yaml"): BuiltChange {
  const parsed = changeSpec.safeParse(body);
  if (!parsed.success)
    throw new BadInputError(
      parsed.error.issues.map((i) => ({
        path: i.path
          .map(String)
          .join(".")
          .replace(/\.(\d+)/g, "[$1]"),
        message: i.message,
      })),
    );
  const spec = parsed.data;
  const policy = policies.get(spec.regime);
  if (!policy)
    throw new BadInputError([
      {
        path: "regime",
        message: `unknown regime "${spec.regime}" (known: ${[...policies.keys()].join(", ")})`,
      },
    ]);
  const built = buildOverlay(spec, policy.data);
  if (built.yaml === undefined) throw new BadInputError(built.problems);
  // the loader reads files: the overlay goes to a folder of its own, removed at once
  const dir = mkdtempSync(join(tmpdir(), "tradectl-change-"));
  try {
    const file = join(dir, name);
    writeFileSync(file, built.yaml);
    let loaded: ReturnType<typeof loadOverlay>;
    try {
      loaded = loadOverlay(file, policies);
    } catch (e) {
      if (e instanceof BadInputError)
        throw new BadInputError(
          e.problems.map((p) => ({
            ...p,
            message: p.message.split(display(file)).join(name).split(file).join(name),
          })),
        );
      throw e;
    }
    return {
      spec,
      yaml: built.yaml,
      summary: overlaySummary(
        name,
        `policy/${spec.regime.toLowerCase()}`,
        loaded.overlay,
        loaded.baseline,
        loaded.policy,
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
