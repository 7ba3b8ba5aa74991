export { createOpenAiCompatibleProvider, openAiCompatibleConfigSchema } from "./create-openai-compatible-provider.js";
export { createOpenAiShapedProvider, type OpenAiShapedSettings } from "./create-openai-shaped-provider.js";
export { openAiCompatiblePresets, openAiCompatiblePresetNames, type OpenAiCompatiblePreset } from "./presets.js";
