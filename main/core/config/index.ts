export { ConfigStore } from './store';
export { parseYamlWith, formatPath, type Locate } from './parse';
export { composeConfig, defineConfigSection, type ComposedConfig, type Config, type ConfigSection, type ConfigSectionOutput, type ConfigSummary, type ParseResult } from './compose';
export { defaultConfigText } from './default-config';
