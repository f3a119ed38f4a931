import { corpusShardTest } from './shard';

corpusShardTest(5, 8);
