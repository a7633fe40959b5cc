import pg from 'pg';
import {
	ColumnDefinitionNode,
	CreateTableNode,
	DataTypeNode,
	Kysely,
	OperationNodeTransformer,
	PostgresDialect,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import type { Database } from './schema';

/** Whether a database location names a PostgreSQL server (`DATABASE_URL`) rather than a file. */
export function isPostgresUrl(location: string): boolean {
	return /^postgres(ql)?:\/\//i.test(location);
}

/** int8 (`count(*)`, bigint columns) and numeric (`sum()`): read as JS numbers, as SQLite does. */
const INT8 = 20;
const NUMERIC = 1700;

/**
 * Opens a pool on the PostgreSQL server of `url`. The schema is the SQLite one (integers for
 * flags and counts, ISO text for dates, JSON as text), so the domain code reads the same
 * values on both: `pg` would return bigint and numeric as strings, so they are parsed as
 * numbers here (every count and id the app stores is far below 2^53).
 */
export function openPostgres(url: string): Kysely<Database> {
	const pool = new pg.Pool({
		connectionString: url,
		max: Number(process.env.DATABASE_POOL_SIZE) > 0 ? Number(process.env.DATABASE_POOL_SIZE) : 10,
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
				if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
				return format === 'binary'
					? pg.types.getTypeParser(oid, 'binary')
					: pg.types.getTypeParser(oid, 'text');
			}) as typeof pg.types.getTypeParser
		}
	});
	const db = new Kysely<Database>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new SqliteSchemaOnPostgres()]
	});
	pools.set(db, pool);
	return db;
}

const pools = new WeakMap<Kysely<Database>, pg.Pool>();

/** The pool under a PostgreSQL `db`: the socket.io adapter and the advisory locks use it too. */
export function poolOf(db: Kysely<Database>): pg.Pool {
	const pool = pools.get(db);
	if (!pool) throw new Error('not a PostgreSQL database opened by openPostgres');
	return pool;
}

/**
 * The migrations are written once, in SQLite's terms. On PostgreSQL, their schema statements
 * are translated here, so that both databases get the same tables:
 * - `integer` becomes `bigint` (SQLite integers are 64-bit: timers hold milliseconds since
 *   1970, beyond PostgreSQL's 32-bit `integer`), and `integer primary key autoincrement`
 *   becomes `bigserial primary key` (PostgreSQL has no `autoincrement`);
 * - `blob` becomes `bytea` (both read as a Buffer);
 * - `without rowid`, a SQLite storage option, is dropped (PostgreSQL tables have no rowid).
 * Data-copying steps of old migrations, which only concern databases made by earlier SQLite
 * versions, check the dialect themselves (`isPostgres`).
 */
class SqliteSchemaOnPostgres implements KyselyPlugin {
	private readonly transformer = new SchemaTransformer();

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return this.transformer.transformNode(args.node);
	}

	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}

class SchemaTransformer extends OperationNodeTransformer {
	protected override transformCreateTable(node: CreateTableNode): CreateTableNode {
		const transformed = super.transformCreateTable(node);
		const endModifiers = transformed.endModifiers?.filter(
			(modifier) => !isRawSql(modifier, 'without rowid')
		);
		return Object.freeze({
			...transformed,
			endModifiers: endModifiers?.length ? Object.freeze(endModifiers) : undefined
		});
	}

	protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
		const transformed = super.transformColumnDefinition(node);
		if (!DataTypeNode.is(transformed.dataType)) return transformed;
		const type = transformed.dataType.dataType;
		if (type === 'blob') return { ...transformed, dataType: DataTypeNode.create('bytea') };
		if (type !== 'integer') return transformed;
		return Object.freeze({
			...transformed,
			dataType: DataTypeNode.create(transformed.autoIncrement ? 'bigserial' : 'bigint'),
			autoIncrement: false
		});
	}
}

function isRawSql(node: unknown, text: string): boolean {
	const raw = node as { kind?: string; sqlFragments?: readonly string[] };
	return (
		raw.kind === 'RawNode' && raw.sqlFragments?.join('').trim().toLowerCase() === text.toLowerCase()
	);
}
