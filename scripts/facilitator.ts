// npm run facilitator -- add <email> [--coordinator] [--name "Display name"]
// npm run facilitator -- list
// Creates accounts on the configured database (DATABASE_URL, else DATABASE_PATH, default ./data/concertation.sqlite)
// and prints the generated password once.
import { createFacilitator } from '../src/lib/server/auth/facilitators';
import { generatePassword } from '../src/lib/server/auth/passwords';
import { readConfig } from '../src/lib/server/config';
import { migrateToLatest, openDatabase } from '../src/lib/server/db';
import { ZodError } from 'zod';
import { DomainError } from '../src/lib/server/errors';

const usage = `Usage:
  npm run facilitator -- add <email> [--coordinator] [--name "Display name"]
  npm run facilitator -- list`;

async function main(args: string[]): Promise<number> {
	const [command, ...rest] = args;
	if (command !== 'add' && command !== 'list') {
		console.error(usage);
		return 2;
	}
	const settings = readConfig();
	const db = openDatabase(settings.databaseUrl ?? settings.databasePath);
	try {
		await migrateToLatest(db);
		if (command === 'list') {
			const rows = await db
				.selectFrom('facilitator')
				.select(['email', 'role', 'created_at'])
				.orderBy('email')
				.execute();
			// An empty answer looks like a failure in a shell: say that there is nothing to list.
			if (rows.length === 0) {
				console.log(
					'No accounts yet. Create one with: npm run facilitator -- add <email> (or open /f/setup in a browser).'
				);
				return 0;
			}
			for (const row of rows) console.log(`${row.email}\t${row.role}\t${row.created_at}`);
			return 0;
		}
		const email = rest.find((arg) => !arg.startsWith('--'));
		if (!email) {
			console.error(usage);
			return 2;
		}
		const nameIndex = rest.indexOf('--name');
		const password = generatePassword();
		const account = await createFacilitator(db, {
			email,
			password,
			displayName: nameIndex >= 0 ? rest[nameIndex + 1] : undefined,
			role: rest.includes('--coordinator') ? 'coordinator' : 'facilitator'
		});
		console.log(`Created ${account.role} ${account.email}`);
		console.log(`Password (shown once): ${password}`);
		return 0;
	} catch (error) {
		if (error instanceof DomainError) {
			console.error(
				error.code === 'email_taken'
					? `An account with this address already exists.`
					: `Refused: ${error.code} ${JSON.stringify(error.params)}`
			);
			return 1;
		}
		if (error instanceof ZodError) {
			console.error(`Invalid input: ${error.issues.map((issue) => issue.message).join('; ')}`);
			return 1;
		}
		console.error(error instanceof Error ? error.message : error);
		return 1;
	} finally {
		await db.destroy();
	}
}

process.exitCode = await main(process.argv.slice(2));
