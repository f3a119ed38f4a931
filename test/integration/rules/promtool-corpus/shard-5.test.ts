import { corpusShardTest } from './shard';

corpusShardTest(4, 8);
