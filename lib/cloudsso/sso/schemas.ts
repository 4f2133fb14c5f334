import { z } from "zod";

/**
 * SSO Logon and user-portal input (SPEC §7, reference §2), shared by the console forms and the
 * routes. No server code here: the browser imports it.
 */

/** The directory name in the Login URL: 2–64 lowercase letters, digits and single hyphens, not `d-…` (CloudSSO). */
export const directoryNameSchema = z
  .string()
  .trim()
  .min(2, "The directory name must be 2 to 64 characters long.")
  .max(64, "The directory name must be 2 to 64 characters long.")
  .regex(/^[a-z0-9-]+$/, "The directory name may contain only lowercase letters, digits and hyphens (-).")
  .refine((v) => !v.startsWith("-") && !v.endsWith("-"), "The directory name cannot start or end with a hyphen (-).")
  .refine((v) => !v.includes("--"), "The directory name cannot contain consecutive hyphens (--).")
  .refine((v) => !v.startsWith("d-"), "The directory name cannot start with d-.");

export const directoryNameBodySchema = z.object({ directoryName: directoryNameSchema });

const MAX_METADATA_CHARS = 200_000;
const MAX_CERTIFICATE_CHARS = 20_000;

const certificatePem = z
  .string()
  .trim()
  .min(1, "Enter or upload the IdP certificate.")
  .max(MAX_CERTIFICATE_CHARS, "The certificate is too large.");

/** Configure IdP: "Upload Metadata File" or "Manual Configuration" (Entity ID, Logon URL, Certificate; two for rotation). */
export const configureIdpSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("metadata"),
    metadata: z
      .string()
      .trim()
      .min(1, "Upload the IdP metadata file.")
      .max(MAX_METADATA_CHARS, "The metadata file is too large."),
  }),
  z.object({
    mode: z.literal("manual"),
    entityId: z.string().trim().min(1, "Enter the IdP Entity ID.").max(1024, "The Entity ID must be at most 1,024 characters."),
    logonUrl: z
      .string()
      .trim()
      .min(1, "Enter the IdP Logon URL.")
      .max(2048, "The Logon URL must be at most 2,048 characters.")
      .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), "Enter an http:// or https:// URL."),
    certificate: certificatePem,
    secondCertificate: z
      .string()
      .trim()
      .max(MAX_CERTIFICATE_CHARS, "The certificate is too large.")
      .default(""),
  }),
]);
export type ConfigureIdpData = z.output<typeof configureIdpSchema>;

export const ssoSwitchSchema = z.object({ enabled: z.boolean() });

/** A manual user's portal password (set by the admin for password logon while SSO Logon is off). */
export const portalPasswordSchema = z.object({
  password: z
    .string()
    .min(8, "The password must be 8 to 64 characters long.")
    .max(64, "The password must be 8 to 64 characters long.")
    .refine(
      (v) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length >= 3,
      "Use at least three of: lowercase letters, uppercase letters, digits and symbols.",
    ),
});

export const signInLogQuerySchema = z.object({
  result: z.enum(["", "Success", "Failure"]).optional().default(""),
});

/** Why a sign-in was refused: the code the error page and the Sign-in Log show. */
export const SIGN_IN_REASONS = {
  SSODisabled: "SSO logon is not enabled for this directory.",
  PasswordLogonDisabled: "Password logon is disabled because SSO logon is enabled.",
  InvalidCredentials: "The username or password is incorrect.",
  InvalidSAMLResponse: "The SAML response is missing or malformed.",
  InvalidSignature: "The SAML response is not signed with the IdP certificate configured in CloudSSO.",
  InvalidIssuer: "The SAML response was issued by an IdP other than the one configured in CloudSSO.",
  InvalidAudience: "The SAML assertion is meant for another service provider (Audience is not the CloudSSO Entity ID).",
  InvalidDestination: "The SAML response is addressed to another ACS URL (Destination or Recipient is not the CloudSSO ACS URL).",
  ExpiredAssertion: "The SAML assertion is expired or not yet valid.",
  ReplayedAssertion: "The SAML assertion has already been used.",
  InvalidInResponseTo: "The SAML response does not answer a logon request of this directory.",
  InvalidSubjectValue: "The NameID of the SAML assertion is missing or malformed.",
  InvalidUser: "No enabled CloudSSO user has the username sent as NameID.",
  SessionExpired: "The session has expired or the user can no longer sign in.",
} as const;
export type SignInReason = keyof typeof SIGN_IN_REASONS;
