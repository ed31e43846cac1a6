import { MoEngageConfigurationError } from "./errors.js";
import { dataCenters, type HostName } from "./generated/operations.js";

export type DataCenter = (typeof dataCenters)[number];
export { dataCenters };
export type { HostName };

export interface HostOptions {
  /** Your data center, as in your dashboard URL (`dashboard-02.moengage.com` → `"02"`). */
  dataCenter?: DataCenter;
  /** One base URL for every host (a mock server or a proxy); replaces the data center hosts. */
  baseUrl?: string;
  /** A base URL per host (`api`, `pushapi`, `sandbox-api`), over `baseUrl` and the data center. */
  hostUrls?: Partial<Record<HostName, string>>;
}

/** Validates the host options and returns the base URL of a host of the operation table. */
export function hostResolver({ dataCenter, baseUrl, hostUrls = {} }: HostOptions): (host: HostName) => string {
  if (dataCenter || !baseUrl ? !dataCenters.includes(dataCenter!) : 0) {
    throw new MoEngageConfigurationError(`dataCenter ${JSON.stringify(dataCenter)} is not one of ${dataCenters.join(", ")}`);
  }
  // The generator checks that every host of the spec has this shape (`hosts`).
  return (host) => hostUrls[host] ?? baseUrl ?? `https://${host}-${dataCenter}.moengage.com`;
}
