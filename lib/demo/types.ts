/** Shapes the demo APIs answer with (no server code: the console's hooks import them too). */

/** What the sample data holds (also what a reset loads). */
export interface DemoSummary {
  units: number;
  accounts: number;
  groups: number;
  cloudSsoUsers: number;
}

/** What "Reset to Sample Data" would delete now, and what it loads instead. */
export interface ResetPreview {
  idaas: { units: number; accounts: number; groups: number; applications: number };
  cloudSso: { users: number; groups: number; credentials: number };
  sample: DemoSummary;
}

/** The one-time "sample data was loaded" notice on the landing page. */
export interface SampleDataNotice {
  /** ISO time the first start loaded the sample data. */
  loadedAt: string;
  summary: DemoSummary;
}

/** The word typed to confirm a reset. */
export const RESET_CONFIRMATION = "RESET";
