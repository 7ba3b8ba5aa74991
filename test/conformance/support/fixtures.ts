import type { NeutralTool } from "./neutral-turn.js";

/** A 1×1 red PNG: small, valid, and recognisable after base64 round trips. */
export const redPixelPng =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

export const weatherTool: NeutralTool = {
  name: "get_weather",
  description: "Current weather for a city.",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string" },
      units: { type: "string", enum: ["celsius", "fahrenheit"] },
      options: {
        type: "object",
        properties: { hourly: { type: "boolean" }, days: { type: "array", items: { type: "integer" } } },
      },
    },
    required: ["city"],
  },
};

export const timeTool: NeutralTool = {
  name: "get_time",
  description: "Current local time for a city.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

/** Arguments with nesting, unicode and quotes, which a careless translation would damage. */
export const weatherArguments = {
  city: 'São Paulo "centro"',
  units: "celsius",
  options: { hourly: true, days: [1, 2, 3] },
};
