// Where the demo sends its requests and with which credentials: the environment, then a `.env` file, else the mock.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { dataCenters, type CredentialFamily, type Credentials, type DataCenter } from "@moekit/client";

/** The variable that holds each family's API key. */
export const keyVariables = {
  data: "MOENGAGE_DATA_KEY",
  push: "MOENGAGE_PUSH_KEY",
  inform: "MOENGAGE_INFORM_KEY",
  campaign: "MOENGAGE_CAMPAIGN_KEY",
} as const satisfies Record<CredentialFamily, string>;

export interface DemoConfig {
  /** `undefined` on the embedded mock. */
  dataCenter?: DataCenter;
  workspaceId: string;
  credentials: Credentials;
  /** A test alert of the workspace, for the Inform step on the sandbox host (real data centers only). */
  informAlertId?: string;
  /** A business event that exists in the workspace (real data centers only). */
  businessEvent?: string;
  /** Where the settings came from, for the banner. */
  source: string;
}

/** A setting the demo cannot work with; main prints its message alone and exits 2. */
export class ConfigError extends Error {}

/** What the mock needs: Prism checks that credentials are present, not their values. */
const mockConfig: DemoConfig = {
  workspaceId: "DEMO_WORKSPACE",
  credentials: { data: "demo-data-key", push: "demo-push-key", inform: "demo-inform-key", campaign: "demo-campaign-key" },
  informAlertId: "636b77e6e2cf83277195fb60",
  businessEvent: "price_drop",
  source: "embedded mock",
};

// Keys are opaque tokens: a space, a quote or a bracket means a copy-paste slip or a placeholder left in .env.
const wellFormedKey = /^[A-Za-z0-9_\-.+/=]+$/;
const wellFormedWorkspaceId = /^[\w-]+$/;

/** Reads MOENGAGE_* from `env`, filling gaps from `<directory>/.env`; no MOENGAGE_* at all means the mock. */
export function readConfig(env: NodeJS.ProcessEnv, directory: string): DemoConfig {
  const envFile = join(directory, ".env");
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, "utf8")) : {};
  // Variables already in the environment win over the file, as with `node --env-file`.
  const settings: Record<string, { value: string; origin: string }> = {};
  for (const [source, values] of [[".env", fromFile], ["environment", env]] as const) {
    for (const [name, value] of Object.entries(values)) {
      if (name.startsWith("MOENGAGE_") && value?.trim()) settings[name] = { value: value.trim(), origin: source };
    }
  }
  const names = Object.keys(settings);
  if (!names.length) return mockConfig;

  const named = (name: string) => `${name} (from ${settings[name]!.origin})`;
  const dc = settings.MOENGAGE_DC;
  if (!dc) {
    throw new ConfigError(
      `${named(names[0]!)} is set but MOENGAGE_DC is not: set MOENGAGE_DC to your data center (${dataCenters.join(", ")}) ` +
        "to use the real API, or unset every MOENGAGE_* variable to run on the embedded mock",
    );
  }
  if (!dataCenters.includes(dc.value as DataCenter)) {
    throw new ConfigError(
      `${named("MOENGAGE_DC")} is ${JSON.stringify(dc.value)}, not a MoEngage data center: use one of ${dataCenters.join(", ")} ` +
        "(dashboard-02.moengage.com is 02)",
    );
  }
  const workspace = settings.MOENGAGE_WORKSPACE_ID;
  if (!workspace) throw new ConfigError("MOENGAGE_WORKSPACE_ID is not set: copy it from Settings → Account → APIs");
  if (!wellFormedWorkspaceId.test(workspace.value)) {
    throw new ConfigError(`${named("MOENGAGE_WORKSPACE_ID")} is malformed: a workspace id has letters, digits, _ and - only`);
  }

  const credentials: Credentials = {};
  for (const [family, variable] of Object.entries(keyVariables) as [CredentialFamily, string][]) {
    const key = settings[variable];
    if (!key) continue;
    // The message never repeats the value: it may be a real key with one wrong character.
    if (!wellFormedKey.test(key.value)) {
      throw new ConfigError(
        `${named(variable)} is malformed: it holds a space, quote or other character an API key never has; ` +
          "copy the key again from Settings → Account → APIs",
      );
    }
    credentials[family] = key.value;
  }
  if (!Object.keys(credentials).length) {
    throw new ConfigError(`no API key is set: set at least one of ${Object.values(keyVariables).join(", ")}`);
  }

  return {
    dataCenter: dc.value as DataCenter,
    workspaceId: workspace.value,
    credentials,
    informAlertId: settings.MOENGAGE_INFORM_ALERT_ID?.value,
    businessEvent: settings.MOENGAGE_BUSINESS_EVENT?.value,
    source: names.some((name) => settings[name]!.origin == ".env") ? `data center ${dc.value} (settings from .env)` : `data center ${dc.value}`,
  };
}
