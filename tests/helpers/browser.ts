import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';

/**
 * Real browsers for the end-to-end tests: Debian's Chromium (CI: `apt-get install chromium`),
 * driven by playwright-core. Each "device" is its own persistent context with its own profile
 * directory, so cookies, localStorage and sockets are as separate as on two real phones.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const VIEWPORTS = {
	phone: { width: 360, height: 740 },
	console: { width: 1366, height: 900 },
	projector: { width: 1920, height: 1080 }
} as const;

export interface Device {
	context: BrowserContext;
	page: Page;
	/** Everything the page wrote to its console and every uncaught error (for failure messages). */
	logs: string[];
	close: () => Promise<void>;
}

const openDevices = new Set<Device>();

export async function launchDevice(
	options: {
		viewport?: { width: number; height: number };
		locale?: string;
		isMobile?: boolean;
	} = {}
): Promise<Device> {
	const viewport = options.viewport ?? VIEWPORTS.console;
	const profile = mkdtempSync(path.join(tmpdir(), 'concertation-e2e-profile-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			viewport,
			locale: options.locale ?? 'fr-BE',
			isMobile: options.isMobile ?? false,
			hasTouch: options.isMobile ?? false,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	context.setDefaultTimeout(10_000);
	context.setDefaultNavigationTimeout(15_000);
	const page = context.pages()[0] ?? (await context.newPage());
	const logs: string[] = [];
	page.on('console', (message) => logs.push(`[${message.type()}] ${message.text()}`));
	page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));
	const device: Device = {
		context,
		page,
		logs,
		close: async () => {
			openDevices.delete(device);
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		}
	};
	openDevices.add(device);
	return device;
}

/**
 * Waits until the page's scripts have loaded and hydrated it: the root layout marks the body
 * (`data-hydrated`) once mounted. Then, briefly, for the network to go quiet, so that what
 * the page loads after mounting (its first state) is there too; a page whose live
 * connection is still long-polling on a loaded machine never goes quiet, and the marker is
 * what says it is interactive. Needed before typing into server-rendered forms: Svelte's
 * hydration resets `value={…}` inputs (see the report of the pre-hydration typing test).
 */
export async function waitForHydration(page: Page): Promise<void> {
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
}

/**
 * On failure: a screenshot of every open device in /tmp/e2e-failure-*.png and its console
 * output in the error report. Call at the start of a test.
 */
export function captureOnFailure(name: string): void {
	onTestFailed(async () => {
		let index = 0;
		for (const device of openDevices) {
			index += 1;
			const { width } = device.page.viewportSize() ?? { width: 0 };
			const file = `/tmp/e2e-failure-${name}-${index}-${width}px.png`;
			await device.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
			console.error(
				`device ${index} (${device.page.url()}), screenshot ${file}:\n${device.logs.join('\n')}`
			);
		}
	});
}

/** Closes every device still open (for afterAll). */
export async function closeAllDevices(): Promise<void> {
	await Promise.all([...openDevices].map((device) => device.close()));
}

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	helpUrl: string;
	nodes: { target: unknown[]; failureSummary?: string }[];
}

const require = createRequire(import.meta.url);

/** Runs axe-core (WCAG 2.0/2.1/2.2 A + AA) on the page; resolves with a readable list. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	const hasAxe = await page.evaluate(() => 'axe' in window);
	// Through the DevTools protocol, not a <script> tag: the pages' Content-Security-Policy
	// refuses inline scripts without its nonce, and must not be loosened for a test.
	if (!hasAxe) await page.evaluate(readFileSync(require.resolve('axe-core'), 'utf8'));
	return page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> };
			}
		).axe;
		const results = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
			resultTypes: ['violations']
		});
		return results.violations.map((violation) => ({
			id: violation.id,
			impact: violation.impact,
			help: violation.help,
			helpUrl: violation.helpUrl,
			nodes: violation.nodes.map((node) => ({
				target: node.target,
				failureSummary: node.failureSummary
			}))
		}));
	});
}

export function formatViolations(violations: AxeViolation[]): string {
	return violations
		.map(
			(violation) =>
				`${violation.id} (${violation.impact}): ${violation.help}\n` +
				violation.nodes
					.map(
						(node) =>
							`    ${JSON.stringify(node.target)}${node.failureSummary ? `\n      ${node.failureSummary.replace(/\n/g, '\n      ')}` : ''}`
					)
					.join('\n')
		)
		.join('\n');
}

/**
 * Fails (with every violation's id, impact and target selectors) unless axe finds nothing.
 * A soft assertion: the test goes on, so one run reports the violations of every page.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
	const violations = await axeViolations(page);
	expect.soft(formatViolations(violations), `axe violations on ${label}`).toBe('');
}
