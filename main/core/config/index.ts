export { ConfigStore } from './store';
export { parseConfigText, formatPath } from './parse';
export { configSchema, emptyConfig, type Config } from './schema';
export { defaultConfigText } from './default-config';
