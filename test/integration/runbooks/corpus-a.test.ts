import { corpusSuite } from './corpus-check';

corpusSuite(0);
