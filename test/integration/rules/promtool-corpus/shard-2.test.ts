import { corpusShardTest } from './shard';

corpusShardTest(1, 8);
