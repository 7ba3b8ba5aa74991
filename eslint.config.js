// Lint rules, including the dependency direction between folders (imports only point downward).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (files, forbidden, why) => ({
  files,
  rules: {
    "no-restricted-imports": ["error", { patterns: [{ group: forbidden, message: why }] }],
  },
});

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "bench/.peers/**", "test/.clients/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  restrict(
    ["src/lib/**"],
    [
      "**/ir/**",
      "**/protocols/**",
      "**/translate/**",
      "**/providers/**",
      "**/router/**",
      "**/gateway/**",
      "**/server/**",
      "**/cli/**",
      "**/config/**",
    ],
    "lib/ is a leaf: it imports nothing of ours.",
  ),
  restrict(
    ["src/ir/**"],
    [
      "**/protocols/**",
      "**/translate/**",
      "**/providers/**",
      "**/router/**",
      "**/gateway/**",
      "**/server/**",
      "**/cli/**",
      "**/config/**",
    ],
    "ir/ holds neutral types only.",
  ),
  restrict(
    ["src/protocols/**"],
    ["**/ir/**", "**/translate/**", "**/providers/**", "**/router/**", "**/gateway/**", "**/server/**", "**/cli/**"],
    "protocols/ know the wire and never the IR.",
  ),
  restrict(
    ["src/translate/**"],
    ["**/providers/**", "**/router/**", "**/gateway/**", "**/server/**", "**/cli/**"],
    "translate/ maps IR and wire only.",
  ),
  restrict(
    ["src/providers/**"],
    ["**/translate/**", "**/router/**", "**/gateway/**", "**/server/**", "**/cli/**"],
    "providers/ may not reach up into routing, gateway or server.",
  ),
  restrict(["src/router/**"], ["**/gateway/**", "**/server/**", "**/cli/**"], "router/ sits below the gateway."),
  restrict(
    ["src/upstream/**"],
    ["**/translate/**", "**/providers/**", "**/router/**", "**/gateway/**", "**/server/**", "**/cli/**"],
    "upstream/ is the outbound client the providers use; it sits below them.",
  ),
  restrict(["src/gateway/**"], ["**/server/**", "**/cli/**"], "gateway/ has no HTTP framework types."),
  restrict(
    ["src/keys/**", "src/limits/**", "src/response-cache/**"],
    ["**/gateway/**", "**/server/**", "**/cli/**"],
    "keys/, limits/ and response-cache/ sit beside the gateway, which calls them through one interface each.",
  ),
  // Inside gateway/ the rooms stack: the assembly → attempt/ → stream/ → turn/ (tests may look across).
  {
    ...restrict(
      ["src/gateway/stream/**"],
      ["**/server/**", "**/cli/**", "../attempt/**", "../reply/**", "../handle-request.js", "../gateway.js"],
      "stream/ sits below attempt/ and the assembly.",
    ),
    ignores: ["**/*.test.ts"],
  },
  {
    ...restrict(
      ["src/gateway/turn/**"],
      [
        "**/server/**",
        "**/cli/**",
        "../attempt/**",
        "../stream/**",
        "../reply/**",
        "../handle-request.js",
        "../gateway.js",
      ],
      "turn/ reads the request and sits below every other room.",
    ),
    ignores: ["**/*.test.ts"],
  },
  restrict(["src/server/**"], ["**/cli/**"], "server/ sits below the CLI."),
  restrict(
    ["src/mcp/**"],
    // `../server/**`, not `**/server/**`: the MCP SDK's own `sdk/server/…` modules are fine.
    ["**/gateway/**", "**/router/**", "**/providers/**", "**/translate/**", "**/cli/**", "../server/**"],
    "mcp/ stands beside the model request path, never on it, and below server/ (which mounts it).",
  ),
);
