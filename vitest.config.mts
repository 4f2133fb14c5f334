import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run server modules directly, as the server does: "server-only" is the marker's
      // server build (Next and the tsx scripts get it through the react-server condition).
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/server.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Each file starts its own app (startApp) so it can read the server's output, restart it
          // or give it its own environment. RELIABILITY_FULL=1 selects the full sizes.
          name: "reliability",
          include: ["tests/reliability/**/*.test.ts"],
          environment: "node",
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // After the integration project, not beside it: two started apps on 2 cores skew timeouts.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
