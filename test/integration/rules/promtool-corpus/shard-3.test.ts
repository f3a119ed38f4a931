import { corpusShardTest } from './shard';

corpusShardTest(2, 8);
