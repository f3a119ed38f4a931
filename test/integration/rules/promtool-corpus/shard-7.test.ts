import { corpusShardTest } from './shard';

corpusShardTest(6, 8);
