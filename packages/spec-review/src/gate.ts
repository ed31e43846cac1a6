// The breaking-change gate as a pure decision: the changes found, and the release that changesets (or a version
// already raised in spec/package.json) ask for.
import { operationLabel, type ApiChange } from "./compare.js";
import { bumpAtLeast, higherBump, SPEC_PACKAGE, type Bump, type PendingBump } from "./changesets.js";

export interface GateInput {
  changes: readonly ApiChange[];
  pending: PendingBump;
  /** Bump already applied to the package's version since the base (after `changeset version`, before the tag). */
  released?: Bump;
  packageName?: string;
}

export interface GateResult {
  ok: boolean;
  lines: string[];
}

function count(total: number, what: string): string {
  return `${total} ${what}${total === 1 ? "" : "s"}`;
}

export function evaluateGate({ changes, pending, released = "none", packageName = SPEC_PACKAGE }: GateInput): GateResult {
  if (changes.length === 0) return { ok: true, lines: ["spec:check: no change to the API description."] };

  const bump = higherBump(pending.bump, released);
  const covered = [
    ...pending.sources.map((id) => `.changeset/${id}.md`),
    ...(released !== "none" ? [`${packageName} version already raised (${released})`] : []),
  ].join(", ");
  const breaking = changes.filter((change) => change.severity === "breaking");

  if (breaking.length) {
    if (bumpAtLeast(bump, "major")) {
      return { ok: true, lines: [`spec:check: ${count(breaking.length, "breaking change")}, released as a major bump of ${packageName} (${covered}).`] };
    }
    const already = bump === "none" ? "" : ` (pending changesets bump it by ${bump} only: ${covered})`;
    return {
      ok: false,
      lines: [
        `spec:check: ${count(breaking.length, "breaking change")} need a major changeset for ${packageName}${already}:`,
        ...breaking.map((change) => `  - ${change.operation ? operationLabel(change.operation) : "whole document"}: ${change.message}`),
        `Run \`pnpm changeset\`, pick ${packageName} and choose major, or undo the changes; \`pnpm spec:diff\` shows the full report.`,
      ],
    };
  }

  if (bump !== "none") {
    return { ok: true, lines: [`spec:check: ${count(changes.length, "non-breaking change")}, released as a ${bump} bump of ${packageName} (${covered}).`] };
  }
  return {
    ok: false,
    lines: [
      `spec:check: the API description changed (${count(changes.length, "non-breaking change")}) but no changeset bumps ${packageName}: run \`pnpm changeset\` (minor for additions, patch for fixes).`,
    ],
  };
}
