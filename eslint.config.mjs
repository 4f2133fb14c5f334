import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Code that touches the database or secrets: server modules only, never the browser bundle. */
const serverOnlyModules = [
  { name: "@/lib/db", message: "Components run in the browser: read data through the console APIs (lib/client hooks)." },
  { name: "@/lib/db-errors", message: "Server-side only." },
  { name: "@/lib/auth", message: "Server-side only: use next-auth/react in components." },
  { name: "@/lib/local-secrets", message: "Secrets stay on the server." },
  { name: "server-only", message: "Components are client code." },
];
const serverOnlyPatterns = [
  { group: ["@/lib/generated/*", "@/lib/generated/**", "@prisma/*", "better-sqlite3"], message: "Prisma and SQLite are server-side only." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", ".next-*/**", "node_modules/**", "test-results/**", "playwright-report/**", "data/**", "next-env.d.ts"] },
  // The two products talk only over HTTP (SCIM, SAML): neither imports the other's domain.
  {
    files: ["lib/idaas/**/*.ts", "lib/idaas/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/cloudsso", "@/lib/cloudsso/*", "@/lib/cloudsso/**", "**/cloudsso/**"], message: "IDaaS reaches CloudSSO only over HTTP (the SCIM Server URL an admin typed in)." }] },
      ],
    },
  },
  {
    files: ["lib/cloudsso/**/*.ts", "lib/cloudsso/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/idaas", "@/lib/idaas/*", "@/lib/idaas/**", "**/idaas/**"], message: "CloudSSO knows IdPs only through what they send over SCIM." }] },
      ],
    },
  },
  // Components and their data hooks are client code: no database, Prisma, secrets or auth internals.
  {
    files: ["components/**/*.ts", "components/**/*.tsx", "lib/client/**/*.ts", "lib/client/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: serverOnlyModules, patterns: serverOnlyPatterns }] },
  },
];

export default config;
