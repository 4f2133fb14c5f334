/** The IDaaS Sign-in Log's words (shared with the console: no server code). */
export const SIGN_IN_EVENTS = {
  portal: "Portal Sign-in",
  sso: "Application SSO",
  refused: "Session Refused",
} as const;
export type SignInEvent = (typeof SIGN_IN_EVENTS)[keyof typeof SIGN_IN_EVENTS];

export const SIGN_IN_RESULTS = ["Success", "Failure"] as const;
export type SignInResult = (typeof SIGN_IN_RESULTS)[number];

/** Reasons a learner can act on, written to the log and shown to the user. */
export const SIGN_IN_REASONS = {
  badCredentials: "Invalid username or password.",
  noPassword: "No password is set for this account. Ask the administrator to reset it.",
  disabled: "The account is disabled.",
  deleted: "The account no longer exists.",
  expired: "The portal session expired (8 hours).",
  notAuthorized: "The account is not authorized for this application.",
  appDisabled: "The application is disabled.",
  notConfigured: "SSO is not configured: the CloudSSO ACS URL and CloudSSO Entity ID are empty.",
  noEmail: "The account has no email, and the Application Username is the email.",
  missing: "Enter your username and password.",
} as const;
export type SignInReason = keyof typeof SIGN_IN_REASONS;

/** A reason key from a URL (the sign-in page shows only these fixed texts, never text from the URL). */
export const reasonText = (key: string | undefined | null): string | null =>
  key && Object.hasOwn(SIGN_IN_REASONS, key) ? SIGN_IN_REASONS[key as SignInReason] : null;
