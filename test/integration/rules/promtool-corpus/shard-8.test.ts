import { corpusShardTest } from './shard';

corpusShardTest(7, 8);
