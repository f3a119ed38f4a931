export { ConfigStore } from './store';
export { parseYamlWith, formatPath, type ParseResult, type Locate } from './parse';
export { composeConfig, defineConfigSection, type ComposedConfig, type Config, type ConfigSection, type ConfigSectionOutput, type ConfigSummary } from './compose';
export { defaultConfigText } from './default-config';
