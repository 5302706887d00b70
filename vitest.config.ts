import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    env: { CART_CUTOVER_QUIET: "1" },
    projects: [
      {
        test: {
          name: "main",
          environment: "node",
          include: ["main/**/*.test.ts", "preload/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          setupFiles: ["tests/setup/electron-mock.ts"],
          testTimeout: 30_000,
          env: { CART_CUTOVER_QUIET: "1" },
        },
      },
      {
        plugins: [react()],
        test: {
          name: "renderer",
          environment: "jsdom",
          include: ["renderer/**/*.test.tsx", "renderer/**/*.test.ts"],
          setupFiles: ["tests/setup/renderer-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          env: { CART_CUTOVER_QUIET: "1" },
        },
      },
    ],
  },
});
