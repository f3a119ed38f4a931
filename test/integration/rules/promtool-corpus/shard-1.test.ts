import { corpusShardTest } from './shard';

corpusShardTest(0, 8);
