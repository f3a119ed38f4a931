import { corpusShardTest } from './shard';

corpusShardTest(3, 8);
