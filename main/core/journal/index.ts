export { openJournal, closeJournal, migrate, type Db } from './db';
export { migrations, type Migration } from './migrations';
