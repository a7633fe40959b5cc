import { openDatabase, migrateToLatest } from '/work/wt/pg/src/lib/server/db/index';
const db = openDatabase(process.env.DATABASE_URL!);
try { await migrateToLatest(db); console.log('migrated'); } catch (e) { console.error('FAILED', e); }
await db.destroy();
